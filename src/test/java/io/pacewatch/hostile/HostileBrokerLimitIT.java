package io.pacewatch.hostile;

import io.pacewatch.wire.DeadLetterHeaders;
import static io.pacewatch.hostile.HostileService.bytes;
import static io.pacewatch.hostile.HostileService.header;
import static io.pacewatch.hostile.HostileService.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Records the broker accepts but whose dead-letter copy it cannot: the DLQ record carries the original
 * key and value plus the {@code __streams.errors.*} headers (message and stack trace), so a record
 * near the 1 MiB limit, or one whose key is echoed in the message, no longer fits. Each test runs its
 * own instance, since the failure it looks for stops the instance.
 */
@WithKafka
class HostileBrokerLimitIT {

    private KafkaTestBroker kafka;
    private HostileService pacewatch;

    @AfterEach
    void stopService() throws Exception {
        if (pacewatch != null) {
            pacewatch.close();
        }
    }

    @Test
    @DisplayName("a value just under the broker's 1 MiB limit is dead-lettered as oversize and the stream keeps running")
    void justUnderTheBrokerLimit() throws Exception {
        pacewatch = HostileService.start(kafka, "hostile-limit");
        assertDeadLetteredAndRunning(null, HostileCorpus.padded("hostile-broker-limit", 1024 * 1024 - 1024), "oversize");
    }

    @Test
    @DisplayName("a 600 kB key that is not the series is dead-lettered as key_mismatch and the stream keeps running")
    void hugeWrongKey() throws Exception {
        pacewatch = HostileService.start(kafka, "hostile-key");
        assertDeadLetteredAndRunning(bytes("k".repeat(600_000)),
                bytes(String.format(HostileCorpus.VALID_TEMPLATE, "hostile-hugekey", "财政局", "")), "key_mismatch");
    }

    private void assertDeadLetteredAndRunning(final byte[] key, final byte[] value, final String reason) throws Exception {
        final String region = "hv-" + pacewatch.run + "-after";
        final String validSeries = region + "|BUDGET_REVENUE|2023";
        final Map<TopicPartition, Long> progressStart = pacewatch.endOffsets(Topics.PROGRESS, IsolationLevel.READ_UNCOMMITTED);
        final RecordMetadata sent;
        try (KafkaProducer<byte[], byte[]> producer = pacewatch.producer(true)) {
            sent = producer.send(new ProducerRecord<>(Topics.RELEASES, key, value)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.RELEASES, bytes(validSeries),
                    bytes(String.format(HostileCorpus.VALID_TEMPLATE, region, "财政局", "")))).get(30, TimeUnit.SECONDS);
        }
        final String from = source(sent);
        final List<ConsumerRecord<byte[], byte[]>> dlq = pacewatch.readUntil(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> records.stream().anyMatch(r -> from.equals(HostileService.sourceOf(r, Topics.RELEASES))));
        final List<ConsumerRecord<String, String>> progress = pacewatch.readUntil(Topics.PROGRESS,
                new StringDeserializer(), new StringDeserializer(), records -> records.stream()
                        .anyMatch(r -> validSeries.equals(r.key())
                                && r.offset() >= progressStart.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)));
        final List<ConsumerRecord<byte[], byte[]>> ours = dlq.stream()
                .filter(r -> from.equals(HostileService.sourceOf(r, Topics.RELEASES))).toList();

        assertThat(pacewatch.service.state()).as("the stream is still running").isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(ours).as("DLQ records of the hostile record").hasSize(1);
        assertThat(header(ours.get(0), DeadLetterHeaders.REASON_HEADER)).isEqualTo(reason);
        assertThat(ours.get(0).value()).isEqualTo(value);
        assertThat(ours.get(0).key()).isEqualTo(key);
        assertThat(progress).as("the valid release sent after it is judged").anyMatch(r -> validSeries.equals(r.key()));
    }
}
