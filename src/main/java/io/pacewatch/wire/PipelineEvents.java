package io.pacewatch.wire;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.RejectionReason;

/**
 * What happened to records passing through, for the metrics edge to count without the topology
 * knowing about metrics. The dead-letter handlers, which Kafka Streams instantiates itself, receive
 * it as the object value of the Streams property {@code pacewatch.pipeline.events}. Counts are best-effort: a
 * retried task may report a record twice, which exactly-once output never does.
 */
public interface PipelineEvents {

    PipelineEvents NONE = new PipelineEvents() { };

    /** A valid release was added to its series; {@code revision} when it replaced an earlier version. */
    default void releaseAccepted(final String indicator, final boolean revision) {
    }

    /** @param reason null when the failure was not a validation rule (a bug, or unreadable state) */
    default void rejected(final String sourceTopic, final RejectionReason reason) {
    }

    default void alertRaised(final Alert alert) {
    }
}
