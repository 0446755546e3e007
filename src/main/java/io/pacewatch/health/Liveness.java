package io.pacewatch.health;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Alive means this instance can still recover by itself. Kafka Streams in ERROR (or on its way there),
 * or stopping although nobody asked it to, cannot: then {@code /health/live} answers 503 with the
 * reason, so that an orchestrator restarts the process, and the owner is told once to shut down.
 * Stops after {@link #stopping()} (our own close) are not failures.
 */
public final class Liveness implements KafkaStreams.StateListener {

    /** What {@code /health/live} reports. */
    public record Report(Optional<String> failure) {

        public boolean alive() {
            return failure.isEmpty();
        }
    }

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Runnable onFailure;
    private volatile boolean stopping;

    /** {@code onFailure} runs once, on the thread that saw the failure; it should hand the work off. */
    public Liveness(final Runnable onFailure) {
        this.onFailure = onFailure;
    }

    /** Our own close begins: from now on Kafka Streams stopping is expected. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public void onChange(final KafkaStreams.State now, final KafkaStreams.State before) {
        final boolean error = now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR;
        final boolean unaskedStop = !stopping
                && (now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING);
        if ((error || unaskedStop) && failure.compareAndSet(null, "Kafka Streams "
                + (error ? "failed" : "stopped without being asked to") + " (" + before + " -> " + now
                + "); this instance must be restarted")) {
            onFailure.run();
        }
    }

    public Report check() {
        return new Report(Optional.ofNullable(failure.get()));
    }
}
