package io.pacewatch.topology;

import io.pacewatch.domain.RejectionReason;

/**
 * Told of every record sent to the dead-letter topic, so the metrics edge can count rejections by
 * reason without the topology knowing about metrics. Passed as the object value of
 * {@link DeadLetterHandlers#LISTENER_CONFIG} in the Streams configuration.
 */
@FunctionalInterface
public interface RejectionListener {

    RejectionListener NONE = (topic, reason) -> { };

    /** @param reason null when the failure was not a validation rule (a bug, or unreadable state) */
    void rejected(String sourceTopic, RejectionReason reason);
}
