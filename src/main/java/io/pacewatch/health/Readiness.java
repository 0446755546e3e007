package io.pacewatch.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready means this instance makes progress: Kafka Streams RUNNING (not while rebalancing, restoring or
 * stopped) and a broker answering. Each unmet condition gives a reason for {@code /health/ready}.
 */
public final class Readiness {

    /** What {@code /health/ready} reports: why this instance is not ready, if it is not. */
    public record Report(KafkaStreams.State streams, boolean brokerReachable, List<String> reasons) {

        /** Ready exactly when there is no reason not to be. */
        public boolean ready() {
            return reasons.isEmpty();
        }
    }

    private final Supplier<KafkaStreams.State> streams;
    private final Supplier<Optional<String>> brokerProblem;

    public Readiness(final Supplier<KafkaStreams.State> streams, final Supplier<Optional<String>> brokerProblem) {
        this.streams = streams;
        this.brokerProblem = brokerProblem;
    }

    public Report check() {
        final KafkaStreams.State state = streams.get();
        final Optional<String> broker = brokerProblem.get();
        final List<String> reasons = new ArrayList<>(2);
        if (state != KafkaStreams.State.RUNNING) {
            reasons.add("Kafka Streams is " + state + ", not RUNNING");
        }
        broker.ifPresent(reasons::add);
        return new Report(state, broker.isEmpty(), List.copyOf(reasons));
    }
}
