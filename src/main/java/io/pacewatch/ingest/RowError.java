package io.pacewatch.ingest;

import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;

/**
 * Why one row of a file was refused. In a text file: {@code line N: <reason>: <detail>}, {@code line}
 * being the 1-based physical line the row starts on, as an editor shows it. In a workbook the place
 * is the sheet and the cell, as Excel names it ({@code sheet 数据, B7}), or the row when no one cell is
 * at fault. {@code column} is the 0-based column of the cell at fault, or -1. {@code reason} is a
 * {@link RejectionReason#code()}, or {@link #MALFORMED_CSV} for CSV syntax, which has no counterpart
 * among the stream's reasons (the stream never sees CSV).
 */
public record RowError(int line, int column, String sheet, String reason, String detail) {

    public static final String MALFORMED_CSV = "malformed_csv";

    public RowError(final int line, final String reason, final String detail) {
        this(line, -1, null, reason, detail);
    }

    static RowError of(final int line, final InvalidInputException e, final String context) {
        return of(line, -1, e, context);
    }

    static RowError of(final int line, final int column, final InvalidInputException e, final String context) {
        final String detail = context == null ? e.getMessage() : e.getMessage() + " (" + context + ")";
        return new RowError(line, column, null, e.reason().code(), detail);
    }

    static RowError of(final int line, final RejectionReason reason, final String detail) {
        return new RowError(line, reason.code(), detail);
    }

    static RowError malformedCsv(final int line, final String detail) {
        return new RowError(line, MALFORMED_CSV, detail);
    }

    /** The same error, placed in a sheet of a workbook. */
    RowError inSheet(final String name) {
        return new RowError(line, column, name, reason, detail);
    }

    /** Where the error is, as the user finds it: {@code line 7}, {@code sheet 数据, row 7}, {@code sheet 数据, B7}. */
    public String place() {
        if (sheet == null) {
            return "line " + line;
        }
        return "sheet " + sheet + ", " + (column < 0 ? "row " + line : columnName(column) + line);
    }

    /** The line as printed; the detail may echo file content, so it is escaped. */
    public String describe() {
        return SafeText.escape(place()) + ": " + reason + ": " + SafeText.escape(detail);
    }

    /** Excel's column letters: 0 is A, 25 is Z, 26 is AA. */
    static String columnName(final int column) {
        final StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }
}
