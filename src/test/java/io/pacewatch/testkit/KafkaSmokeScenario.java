package io.pacewatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;

/**
 * The smoke scenario every broker flavour must pass, shared so that the in-process and the
 * Testcontainers runs prove the same thing: topics (plain and compacted) can be created, and
 * records produced with the helpers come back, keyed and in partition order.
 */
final class KafkaSmokeScenario {

    private KafkaSmokeScenario() {
    }

    static void run(final KafkaTestBroker kafka) throws Exception {
        final String topic = kafka.uniqueTopicName("smoke");
        final String compacted = kafka.uniqueTopicName("smoke-compacted");
        kafka.createTopic(topic, 3);
        kafka.createTopic(compacted, 1, true);

        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, compacted);
        final Map<ConfigResource, Config> configs =
                kafka.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
        assertThat(configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);

        kafka.produceStrings(topic, List.of(
                KeyValue.pair("cpi", "1"), KeyValue.pair("gdp", "2"), KeyValue.pair("cpi", "3")));

        final List<ConsumerRecord<String, String>> records = kafka.consumeStrings(topic, 3);
        assertThat(records).hasSize(3);
        // Same key, same partition, produce order kept: the ordering guarantee the app relies on.
        assertThat(records.stream().filter(r -> "cpi".equals(r.key())).map(ConsumerRecord::value))
                .containsExactly("1", "3");
        assertThat(records.stream().filter(r -> "gdp".equals(r.key())).map(ConsumerRecord::value))
                .containsExactly("2");
    }
}
