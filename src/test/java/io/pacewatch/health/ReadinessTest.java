package io.pacewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessTest {

    private static final Optional<String> REACHABLE = Optional.empty();
    private static final Optional<String> SILENT = Optional.of("broker unreachable for 7 s");

    @Test
    @DisplayName("ready while Kafka Streams is RUNNING and a broker answers, with no reasons")
    void runningAndReachableIsReady() {
        final Readiness.Report report = new Readiness(() -> KafkaStreams.State.RUNNING, () -> REACHABLE).check();
        assertThat(report.ready()).isTrue();
        assertThat(report.brokerReachable()).isTrue();
        assertThat(report.reasons()).isEmpty();
    }

    @Test
    @DisplayName("RUNNING is not enough while the broker is unreachable: Streams stays RUNNING through an outage")
    void runningWithoutBrokerIsNotReady() {
        final Readiness.Report report = new Readiness(() -> KafkaStreams.State.RUNNING, () -> SILENT).check();
        assertThat(report.ready()).isFalse();
        assertThat(report.streams()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(report.brokerReachable()).isFalse();
        assertThat(report.reasons()).containsExactly("broker unreachable for 7 s");
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("every other Streams state is not ready, and says which")
    void otherStatesAreNotReady(final KafkaStreams.State state) {
        final Readiness.Report report = new Readiness(() -> state, () -> REACHABLE).check();
        assertThat(report.ready()).isFalse();
        assertThat(report.brokerReachable()).isTrue();
        assertThat(report.reasons()).containsExactly("Kafka Streams is " + state + ", not RUNNING");
    }

    @Test
    @DisplayName("both reasons when both fail, the Streams state first")
    void bothReasons() {
        final Readiness.Report report = new Readiness(() -> KafkaStreams.State.REBALANCING, () -> SILENT).check();
        assertThat(report.reasons()).containsExactly("Kafka Streams is REBALANCING, not RUNNING",
                "broker unreachable for 7 s");
    }
}
