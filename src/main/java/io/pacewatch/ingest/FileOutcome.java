package io.pacewatch.ingest;

import io.pacewatch.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What reading one file gave: its valid records and its refused rows, both by line. {@code rows}
 * counts data rows (valid or not); headers, blank lines and comments are not rows. An error in the
 * structure of the file (a bad header) is in {@code errors} too and stops the reading of that file.
 */
public record FileOutcome<T>(String file, int rows, List<Numbered<T>> records, List<RowError> errors) {

    public FileOutcome {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** A validated record and the 1-based line of the file it was read from. */
    public record Numbered<T>(int line, T value) {
    }

    /** Collects the rows of one file as they are validated, one at a time, so a file is read only once. */
    static final class OutcomeBuilder<T> {

        private final String file;
        private final String sheet;
        private final List<Numbered<T>> records = new ArrayList<>();
        private final List<RowError> errors = new ArrayList<>();
        private int rows;

        OutcomeBuilder(final String file) {
            this(file, null);
        }

        /** For a sheet of a workbook: errors name the sheet and the cell. */
        OutcomeBuilder(final String file, final String sheet) {
            this.file = file;
            this.sheet = sheet;
        }

        /**
         * Validates one row. Only {@link InvalidInputException} is a bad row; anything else is a bug in a
         * validator and is rethrown with the line, so it is found rather than reported as the user's fault.
         */
        void row(final int line, final Supplier<T> validation, final String context) {
            rows++;
            try {
                records.add(new Numbered<>(line, validation.get()));
            } catch (final RowCells.BadCell e) {
                errors.add(placed(RowError.of(line, e.column(), e.invalid(), context)));
            } catch (final InvalidInputException e) {
                errors.add(placed(RowError.of(line, e, context)));
            } catch (final RuntimeException e) {
                throw new IllegalStateException(file + ": line " + line + ": unexpected error while validating", e);
            }
        }

        /** A data row that could not even be read (CSV syntax, encoding). */
        void badRow(final RowError error) {
            rows++;
            errors.add(placed(error));
        }

        /** A problem with the file's structure (its header), which is not a row. */
        void badFile(final RowError error) {
            errors.add(placed(error));
        }

        private RowError placed(final RowError error) {
            return sheet == null ? error : error.inSheet(sheet);
        }

        FileOutcome<T> build() {
            return new FileOutcome<>(file, rows, records, errors);
        }
    }
}
