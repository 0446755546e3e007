package io.pacewatch.cli.publish;

import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells of one CSV row by column name, typed the way the JSON reader types fields. An empty
 * cell, like an absent column, is an absent field. Numbers are as strict as in JSON: ASCII digits in
 * plain or scientific notation, no thousands separators, no full-width digits (which
 * {@link BigDecimal} would otherwise accept), no NaN.
 */
final class RowCells {

    /** Same bound as the JSON reader's maximum number length. */
    static final int MAX_NUMBER_LENGTH = 64;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private final Map<String, Integer> columns;
    private final List<String> cells;

    RowCells(final Map<String, Integer> columns, final List<String> cells) {
        this.columns = columns;
        this.cells = cells;
    }

    /** The cell as written, or {@code null} when it is empty or the column is absent. */
    String text(final String column) {
        final Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        final String cell = cells.get(index);
        return cell.isEmpty() ? null : cell;
    }

    BigDecimal decimal(final String column) {
        final String cell = text(column);
        return cell == null ? null : decimal(column, cell);
    }

    Integer integer(final String column) {
        final String cell = text(column);
        if (cell == null) {
            return null;
        }
        if (!INTEGER.matcher(cell).matches()) {
            throw new InvalidInputException(RejectionReason.WRONG_TYPE,
                    column + " " + SafeText.quote(cell) + " is not a whole number");
        }
        return Integer.valueOf(cell);
    }

    /** A list of numbers in one cell, e.g. {@code 0.05;0.11;0.2}. */
    List<BigDecimal> decimals(final String column, final char separator) {
        final String cell = text(column);
        if (cell == null) {
            return null;
        }
        final List<BigDecimal> values = new ArrayList<>();
        for (final String part : cell.split(Pattern.quote(String.valueOf(separator)), -1)) {
            values.add(decimal(column, part.strip()));
        }
        return values;
    }

    static BigDecimal decimal(final String field, final String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new InvalidInputException(RejectionReason.OVERSIZE,
                    field + " is a number of " + text.length() + " characters; at most " + MAX_NUMBER_LENGTH + " are accepted");
        }
        if (NOT_A_NUMBER.matcher(text.strip()).matches()) {
            throw new InvalidInputException(RejectionReason.NOT_A_NUMBER,
                    "NaN and Infinity are not figures: " + field + " is " + SafeText.quote(text));
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidInputException(RejectionReason.WRONG_TYPE, field + " " + SafeText.quote(text)
                    + " is not a number; write plain digits with a '.' for decimals, e.g. 1234.5");
        }
        return new BigDecimal(text);
    }
}
