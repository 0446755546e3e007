package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.internals.CloseOptionsInternal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What PacewatchService.close() asks of Kafka Streams (read back through Streams' own internal view). */
class CloseOptionsTest {

    @Test
    void dynamicMembersLeaveTheGroupWithinABoundedTime() {
        final CloseOptionsInternal options = new CloseOptionsInternal(PacewatchService.closeOptions(new Properties()));
        assertThat(options.operation()).isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
        assertThat(options.timeout()).contains(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"group.instance.id", "consumer.group.instance.id", "main.consumer.group.instance.id"})
    void staticMembersKeepKafkaStreamsDefault(final String property) {
        final Properties props = new Properties();
        props.put(property, "pacewatch-1");
        final CloseOptionsInternal options = new CloseOptionsInternal(PacewatchService.closeOptions(props));
        assertThat(options.operation()).isEqualTo(GroupMembershipOperation.DEFAULT);
        assertThat(options.timeout()).contains(Duration.ofSeconds(30));
    }
}
