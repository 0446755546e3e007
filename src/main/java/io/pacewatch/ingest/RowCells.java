package io.pacewatch.ingest;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.TableRecords.TableRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The cells of one table row by field, typed the way the JSON reader types fields. An empty cell,
 * like an absent column, is an absent field. Text is read through {@link ClerkForms}, so a CSV cell
 * and a spreadsheet cell accept the same forms; a spreadsheet cell's own type is respected (a date
 * cell is not a number, a percent cell is a percentage). A cell that cannot be read is reported as a
 * {@link BadCell}, which names its column.
 */
final class RowCells {

    private final Map<String, Integer> columns;
    private final Map<String, String> headings;
    private final TableRow.Cells row;
    private final ClerkForms forms;

    RowCells(final Map<String, Integer> columns, final Map<String, String> headings, final TableRow.Cells row,
             final ClerkForms forms) {
        this.columns = columns;
        this.headings = headings;
        this.row = row;
        this.forms = forms;
    }

    ClerkForms forms() {
        return forms;
    }

    /** The heading the column of {@code field} was written with, e.g. 累计值 for value; {@code null} if absent. */
    String heading(final String field) {
        return headings.get(field);
    }

    /** The cell as written, or {@code null} when it is empty or the column is absent. */
    String text(final String field) {
        return read(field, (text, kind) -> {
            if (kind == TableRow.Kind.DATE) {
                throw new InvalidInputException(RejectionReason.WRONG_TYPE, field + " is a date cell ("
                        + text + "); Excel turned what was typed into a date: format the cell as text and type it again");
            }
            if (kind == TableRow.Kind.PERCENT) {
                throw ClerkForms.notPercent(field, text);
            }
            return text;
        });
    }

    /** A code-like cell (region, unit) with full-width characters folded and surrounding spaces dropped. */
    String plain(final String field) {
        return ClerkForms.plain(text(field));
    }

    /** {@code parse} applied to the cell's text; its refusal is the cell's. */
    <R> R text(final String field, final Function<String, R> parse) {
        final String text = text(field);
        return text == null ? null : at(field, () -> parse.apply(text));
    }

    BigDecimal decimal(final String field) {
        return read(field, (text, kind) -> switch (kind) {
            case NUMBER -> new BigDecimal(text);
            case PERCENT -> throw ClerkForms.notPercent(field, text);
            case DATE -> throw dateNotNumber(field, text);
            default -> ClerkForms.number(field, text, false);
        });
    }

    /** A percentage: {@code 5.2}, {@code 5.2%}, or a cell Excel formats as a percent (stored as 0.052). */
    BigDecimal percent(final String field) {
        return read(field, (text, kind) -> switch (kind) {
            case NUMBER -> new BigDecimal(text);
            case PERCENT -> new BigDecimal(text).movePointRight(2).stripTrailingZeros();
            case DATE -> throw dateNotNumber(field, text);
            default -> ClerkForms.number(field, text, true);
        });
    }

    Integer integer(final String field) {
        return read(field, (text, kind) -> ClerkForms.integer(field, text));
    }

    /** A date-time with offset, from a date cell or a text; see {@link ClerkForms#dateTime}. */
    String dateTime(final String field) {
        return read(field, (text, kind) -> forms.dateTime(field, text));
    }

    /** A list of numbers in one cell, e.g. {@code 0.05;0.11;0.2}. */
    List<BigDecimal> decimals(final String field, final char separator) {
        final String cell = text(field);
        if (cell == null) {
            return null;
        }
        return at(field, () -> {
            final List<BigDecimal> values = new ArrayList<>();
            for (final String part : cell.split(Pattern.quote(String.valueOf(separator)), -1)) {
                values.add(ClerkForms.number(field, part, false));
            }
            return values;
        });
    }

    private static InvalidInputException dateNotNumber(final String field, final String text) {
        return new InvalidInputException(RejectionReason.WRONG_TYPE, field + " is a date cell (" + text
                + "), not a number; format the cell as a number and type the figure again");
    }

    private interface CellReading<R> {
        R read(String text, TableRow.Kind kind);
    }

    private <R> R read(final String field, final CellReading<R> reading) {
        final Integer index = columns.get(field);
        if (index == null) {
            return null;
        }
        final String text = row.cells().get(index);
        if (text.isEmpty()) {
            return null;
        }
        final TableRow.Kind kind = row.kinds().get(index);
        if (kind == TableRow.Kind.ERROR) {
            throw new BadCell(index, new InvalidInputException(RejectionReason.WRONG_TYPE,
                    field + " holds the spreadsheet error " + SafeText.quote(text) + ", not a figure"));
        }
        return at(field, () -> reading.read(text, kind));
    }

    private <R> R at(final String field, final Supplier<R> reading) {
        try {
            return reading.get();
        } catch (final InvalidInputException e) {
            throw new BadCell(columns.get(field), e);
        }
    }

    /** A refused cell: the rejection, and the 0-based column it was found in. */
    static final class BadCell extends RuntimeException {

        private final int column;
        private final transient InvalidInputException invalid;

        BadCell(final int column, final InvalidInputException invalid) {
            super(invalid.getMessage(), invalid);
            this.column = column;
            this.invalid = invalid;
        }

        int column() {
            return column;
        }

        InvalidInputException invalid() {
            return invalid;
        }
    }
}
