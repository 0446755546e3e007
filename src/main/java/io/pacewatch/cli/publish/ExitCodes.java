package io.pacewatch.cli.publish;

/**
 * Exit codes of the publishing commands. 2 is also what picocli returns for a usage error, so a script
 * can treat "fix your input" alike, whether the mistake is in an option or in a row.
 */
public final class ExitCodes {

    /** Every row was valid and was acknowledged by Kafka (or, with {@code --dry-run}, is valid). */
    public static final int OK = 0;
    /** Kafka refused or could not be reached; some records may have been sent (re-running is safe). */
    public static final int KAFKA_FAILURE = 1;
    /** A row, a file or an option is invalid; nothing was sent. */
    public static final int INVALID_INPUT = 2;

    /** The commands' {@code exitCodeList} entries, next to the codes they document. */
    static final String HELP_OK = "0:success: every row sent and acknowledged (with --dry-run: every row valid)";
    static final String HELP_KAFKA_FAILURE = "1:Kafka failure (or an unexpected error); re-running is safe, a version"
            + " sent twice counts once";
    static final String HELP_INVALID_INPUT = "2:invalid input: a bad row, an unreadable file or a bad option;"
            + " nothing was sent";

    private ExitCodes() {
    }
}
