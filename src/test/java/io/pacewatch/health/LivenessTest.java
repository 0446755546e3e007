package io.pacewatch.health;

import static org.apache.kafka.streams.KafkaStreams.State.CREATED;
import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LivenessTest {

    private final AtomicInteger failures = new AtomicInteger();
    private final Liveness liveness = new Liveness(failures::incrementAndGet);

    @Test
    @DisplayName("alive through start, rebalances and running, without telling anyone")
    void normalLifeIsAlive() {
        liveness.onChange(REBALANCING, CREATED);
        liveness.onChange(RUNNING, REBALANCING);
        liveness.onChange(REBALANCING, RUNNING);
        liveness.onChange(RUNNING, REBALANCING);
        assertThat(liveness.check().alive()).isTrue();
        assertThat(liveness.check().failure()).isEmpty();
        assertThat(failures).hasValue(0);
    }

    @Test
    @DisplayName("Kafka Streams on its way to ERROR is dead, with the transition as the reason, reported once")
    void errorIsDead() {
        liveness.onChange(PENDING_ERROR, RUNNING);
        liveness.onChange(ERROR, PENDING_ERROR);
        assertThat(liveness.check().alive()).isFalse();
        assertThat(liveness.check().failure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("failed", "RUNNING -> PENDING_ERROR"));
        assertThat(failures).hasValue(1);
    }

    @Test
    @DisplayName("stopping when nobody asked is dead")
    void unaskedStopIsDead() {
        liveness.onChange(PENDING_SHUTDOWN, RUNNING);
        assertThat(liveness.check().alive()).isFalse();
        assertThat(liveness.check().failure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("stopped without being asked to", "RUNNING -> PENDING_SHUTDOWN"));
        assertThat(failures).hasValue(1);
    }

    @Test
    @DisplayName("our own close is not a failure")
    void askedStopIsAlive() {
        liveness.stopping();
        liveness.onChange(PENDING_SHUTDOWN, RUNNING);
        liveness.onChange(NOT_RUNNING, PENDING_SHUTDOWN);
        assertThat(liveness.check().alive()).isTrue();
        assertThat(failures).hasValue(0);
    }
}
