package io.pacewatch.cli.publish;

import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;

/**
 * Why one row of a file was refused: {@code line N: <reason>: <detail>}. {@code line} is the 1-based
 * physical line the row starts on, as an editor shows it; {@code reason} is a
 * {@link RejectionReason#code()}, or {@link #MALFORMED_CSV} for CSV syntax, which has no
 * counterpart among the stream's reasons (the stream never sees CSV).
 */
public record RowError(int line, String reason, String detail) {

    public static final String MALFORMED_CSV = "malformed_csv";

    static RowError of(final int line, final InvalidInputException e, final String context) {
        final String detail = context == null ? e.getMessage() : e.getMessage() + " (" + context + ")";
        return new RowError(line, e.reason().code(), detail);
    }

    static RowError of(final int line, final RejectionReason reason, final String detail) {
        return new RowError(line, reason.code(), detail);
    }

    static RowError malformedCsv(final int line, final String detail) {
        return new RowError(line, MALFORMED_CSV, detail);
    }

    /** The line as printed; the detail may echo file content, so it is escaped. */
    public String describe() {
        return "line " + line + ": " + reason + ": " + SafeText.escape(detail);
    }
}
