package io.pacewatch.domain;

/**
 * A release or target that breaks a rule. Carries a machine-readable {@link RejectionReason} so the
 * dead-letter topic, the CLI and the metrics all speak of the same reasons.
 */
public final class InvalidInputException extends RuntimeException {

    private final RejectionReason reason;

    public InvalidInputException(final RejectionReason reason, final String detail) {
        super(detail);
        this.reason = reason;
    }

    public InvalidInputException(final RejectionReason reason, final String detail, final Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    /** The reason code and the detail, as shown to a publisher: {@code unknown_indicator: ...}. */
    public String describe() {
        return reason.code() + ": " + getMessage();
    }
}
