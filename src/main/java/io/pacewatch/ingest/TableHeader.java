package io.pacewatch.ingest;

import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.TableRecords.TableRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The heading row of a table: which column holds which field. A column is headed by the field's
 * name or one of its Chinese headings ({@link ClerkForms#RELEASE_HEADINGS}). Every column must be
 * known: an unknown one is either a typo (and its figures would silently be dropped) or a field
 * pacewatch does not understand, and both are better refused.
 */
final class TableHeader {

    private final int line;
    private final Map<String, List<String>> known;
    private final Map<String, Integer> columns;
    private final Map<String, String> headings;
    private final int width;

    private TableHeader(final int line, final Map<String, List<String>> known, final Map<String, Integer> columns,
                        final Map<String, String> headings, final int width) {
        this.line = line;
        this.known = known;
        this.columns = columns;
        this.headings = headings;
        this.width = width;
    }

    /**
     * Reads a header, or reports why it cannot be one. {@code known} maps each field to its other
     * headings (none for SDMX-CSV, whose names are fixed); {@code what} names the rows (e.g. "release
     * field") for the messages.
     */
    static Result read(final TableRow.Cells row, final Map<String, List<String>> known,
                       final Collection<String> required, final String what) {
        final Map<String, Integer> columns = new LinkedHashMap<>();
        final Map<String, String> headings = new LinkedHashMap<>();
        final List<String> unknown = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            final String name = row.cells().get(i).strip();
            if (name.isEmpty()) {
                return new Result(null, new RowError(row.line(), i, null, RowError.MALFORMED_CSV,
                        "column " + (i + 1) + " of the header has no name"));
            }
            final Optional<String> field = ClerkForms.field(known, name);
            if (field.isEmpty()) {
                unknown.add(SafeText.quote(name));
                continue;
            }
            final String earlier = headings.putIfAbsent(field.get(), name);
            if (earlier != null) {
                return new Result(null, new RowError(row.line(), i, null, RejectionReason.DUPLICATE_FIELD.code(),
                        earlier.equals(name) ? "column " + SafeText.quote(name) + " appears twice in the header"
                                : "columns " + SafeText.quote(earlier) + " and " + SafeText.quote(name) + " are both "
                                + field.get()));
            }
            columns.put(field.get(), i);
        }
        if (!unknown.isEmpty()) {
            final boolean aliases = known.values().stream().anyMatch(a -> !a.isEmpty());
            return new Result(null, RowError.of(row.line(), RejectionReason.UNKNOWN_FIELD,
                    (unknown.size() == 1 ? "column " + unknown.get(0) + " is not a " : "columns " + String.join(", ", unknown)
                            + " are not ") + what + "; the columns are: "
                            + (aliases ? ClerkForms.describe(known) : String.join(",", known.keySet()))));
        }
        final List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            return new Result(null, RowError.of(row.line(), RejectionReason.MISSING_FIELD,
                    "the header lacks the column(s) " + String.join(", ", missing)));
        }
        return new Result(new TableHeader(row.line(), known, columns, headings, row.cells().size()), null);
    }

    int line() {
        return line;
    }

    int size() {
        return width;
    }

    boolean has(final String column) {
        return columns.containsKey(column);
    }

    /**
     * True for a second heading row under the first, as the template has (Chinese above, the field
     * names below): every cell of it heads the same field as the heading above it.
     */
    boolean isSecondHeading(final TableRow.Cells row) {
        if (row.cells().size() != width) {
            return false;
        }
        return columns.entrySet().stream().allMatch(c -> {
            final String cell = row.cells().get(c.getValue()).strip();
            return !cell.isEmpty() && ClerkForms.field(known, cell).filter(c.getKey()::equals).isPresent();
        });
    }

    /**
     * Why a data row cannot be read against this header: it does not have one cell per column (a
     * missing or extra comma would shift every later figure into the wrong field).
     */
    Optional<RowError> shapeError(final TableRow.Cells row) {
        if (row.cells().size() == width) {
            return Optional.empty();
        }
        return Optional.of(RowError.malformedCsv(row.line(), "the row has " + row.cells().size()
                + " cells but the header (line " + line + ") has " + width + " columns"));
    }

    /** The cells of a data row by field; check {@link #shapeError} first. */
    RowCells cells(final TableRow.Cells row, final ClerkForms forms) {
        return new RowCells(columns, headings, row, forms);
    }

    /** A header, or the error that makes the file unreadable. */
    record Result(TableHeader header, RowError error) {
    }
}
