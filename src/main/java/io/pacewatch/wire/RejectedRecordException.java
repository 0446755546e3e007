package io.pacewatch.wire;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * An input record that broke a rule, raised where Kafka Streams' exception handlers will route it to
 * the dead-letter topic. Its message is the publisher-facing reason.
 */
public final class RejectedRecordException extends SerializationException {

    private final RejectionReason reason;

    public RejectedRecordException(final InvalidInputException cause) {
        super(cause.describe(), cause);
        this.reason = cause.reason();
    }

    public RejectionReason reason() {
        return reason;
    }

    /** The reason behind any exception a handler receives; {@code null} for failures that are not ours. */
    public static RejectionReason reasonOf(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RejectedRecordException rejected) {
                return rejected.reason();
            }
            if (t instanceof InvalidInputException invalid) {
                return invalid.reason();
            }
        }
        return null;
    }
}
