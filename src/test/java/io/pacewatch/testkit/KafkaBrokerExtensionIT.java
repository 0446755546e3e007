package io.pacewatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The extension on whichever broker it picks (the in-process one on a machine without Docker). */
@WithKafka
class KafkaBrokerExtensionIT {

    private static KafkaTestBroker sharedStatic;

    private KafkaTestBroker kafka;

    @Test
    void injectsOneSharedBrokerIntoFieldsAndParameters(final KafkaTestBroker parameter) {
        assertThat(kafka).isNotNull();
        assertThat(parameter).isSameAs(kafka);
        assertThat(sharedStatic).isSameAs(kafka);
        assertThat(kafka.bootstrapServers()).isNotBlank();
    }

    @Test
    void aTestThatClosesTheSharedAdminClientLeavesItUsableForTheNext() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
        assertThat(kafka.admin().describeCluster().nodes().get()).isNotEmpty();
    }

    @Test
    void smokeScenario() throws Exception {
        KafkaSmokeScenario.run(kafka);
    }

    @Test
    void outageHelpersBringTheSharedBrokerBackWithItsData() {
        final String topic = kafka.uniqueTopicName("outage");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, "k", "before");

        kafka.stopBroker();
        kafka.restartBroker();

        kafka.produce(topic, "k", "after");
        assertThat(kafka.consumeStrings(topic, 2)).extracting(ConsumerRecord::value)
                .containsExactly("before", "after");
    }

    @Test
    void consumeFailsWithWhatArrivedWhenTooFewRecordsCome() {
        final String topic = kafka.uniqueTopicName("too-few");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, "k", "only-one");

        assertThatThrownBy(() -> kafka.consumeStrings(topic, 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("got 1")
                .hasMessageContaining("k=only-one");
    }
}
