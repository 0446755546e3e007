package io.pacewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A group is caught up when its committed offsets reach the ends of its sources, and not before. */
@WithKafka
class GroupLagIT {

    private static final Duration POLL = Duration.ofMillis(50);

    private KafkaTestBroker kafka;

    @Test
    @DisplayName("a group that has committed nothing is not caught up; once it commits the ends, it is")
    void caughtUpOnlyOnceTheEndsAreCommitted() throws Exception {
        // given: three records on two partitions, and a group that has read none of them
        final String topic = kafka.uniqueTopicName("lag");
        kafka.createTopic(topic, 2);
        kafka.produceStrings(topic, List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")));
        final String group = kafka.uniqueTopicName("group");
        final GroupLag lag = new GroupLag(kafka.admin(), group, List.of(topic));

        // then: it has all three to go, and a wait that goes on either way says so
        assertThat(lag.remaining()).isEqualTo(3);
        assertThat(lag.caughtUpWithin(Duration.ofMillis(300), POLL)).isFalse();
        assertThatThrownBy(() -> lag.awaitCaughtUp(Duration.ofMillis(300), POLL, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("group " + group + " still had 3 records to go after PT0.3S");

        // when: the group commits the end of each partition
        final Map<TopicPartition, Long> ends = kafka.admin().listOffsets(Map.of(
                        new TopicPartition(topic, 0), OffsetSpec.latest(),
                        new TopicPartition(topic, 1), OffsetSpec.latest()))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        kafka.admin().alterConsumerGroupOffsets(group, ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                .all().get();

        // then
        assertThat(lag.remaining()).isZero();
        assertThat(lag.caughtUpWithin(Duration.ofSeconds(30), POLL)).isTrue();
    }
}
