package io.pacewatch.hostile;

import io.pacewatch.wire.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.broker.EmbeddedKafkaBroker;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CatalogueLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A refused record published long ago (a replay, a backfill, a late correction of an old month: a
 * release's record timestamp is its publication time) must stay on the dead-letter topic for the
 * topic's retention counted from the rejection, not be deleted by the broker's next retention check
 * because the dead letter carried the original, older-than-30-days timestamp.
 * <p>
 * Runs on a broker of its own, because the shared one checks retention only every five minutes:
 * this one checks every 200 ms, so whatever time-based retention would delete is gone within the test.
 */
class DeadLetterRetentionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A release for March 2023, published in April 2023: years older than the DLQ's 30 days. */
    private static final long PUBLISHED_2023 = Instant.parse("2023-04-15T01:30:00Z").toEpochMilli();

    @Test
    void aDeadLetterForAnOldRecordOutlivesTheBrokersRetentionCheck() throws Exception {
        final Path stateDir = Files.createTempDirectory("pacewatch-dlq-retention");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, EmbeddedKafkaBroker.DEFAULT_READY_TIMEOUT,
                Map.of("log.initial.task.delay.ms", "0", "log.retention.check.interval.ms", "200"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            final String applicationId = "pacewatch-dlq-retention";
            final Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("application.id", applicationId);
            props.put("commit.interval.ms", "200");
            // The topics as pacewatch creates them: the DLQ is delete, 30 days.
            assertThat(new TopicSetup(admin).ensure(TopicSpec.all(), true, 1, (short) 1)).isEmpty();

            // A backlog read at startup whose very first record is refused, as in the bench.
            final byte[] key = "luohu|RETAIL_SALES|2023".getBytes(StandardCharsets.UTF_8);
            final byte[] bad = "{\"region\":\"luohu\",\"indicator\":".getBytes(StandardCharsets.UTF_8);
            final RecordMetadata source = producer.send(
                    new ProducerRecord<>(Topics.RELEASES, 0, PUBLISHED_2023, key, bad)).get(10, TimeUnit.SECONDS);
            final long beforeRejection = System.currentTimeMillis();

            final PacewatchService service = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(),
                    "127.0.0.1", 0, "127.0.0.1", stateDir, false, 1, (short) 1));
            try {
                assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
                awaitCommitted(admin, applicationId, new TopicPartition(Topics.RELEASES, 0), source.offset() + 1);
            } finally {
                service.close();
            }
            // The dead letter is committed with the source offset; now let retention run over it.
            awaitRetentionPass(admin, producer);
            awaitRetentionPass(admin, producer);

            final List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(broker, Topics.DEAD_LETTERS);
            final List<ConsumerRecord<byte[], byte[]>> ours = deadLetters.stream()
                    .filter(r -> Topics.RELEASES.equals(header(r, "__streams.errors.topic"))
                            && "0".equals(header(r, "__streams.errors.partition"))
                            && Long.toString(source.offset()).equals(header(r, "__streams.errors.offset")))
                    .toList();
            assertThat(ours).as("the dead letter of %s-0@%d on %s (log start offsets %s)", Topics.RELEASES,
                    source.offset(), Topics.DEAD_LETTERS, earliest(admin, Topics.DEAD_LETTERS)).hasSize(1);
            final ConsumerRecord<byte[], byte[]> deadLetter = ours.get(0);
            assertThat(deadLetter.key()).isEqualTo(key);
            assertThat(deadLetter.value()).isEqualTo(bad);
            assertThat(header(deadLetter, DeadLetterHeaders.REASON_HEADER)).isEqualTo(RejectionReason.MALFORMED_JSON.code());
            assertThat(deadLetter.timestamp()).as("timestamp: the rejection").isGreaterThanOrEqualTo(beforeRejection);
            assertThat(header(deadLetter, DeadLetterHeaders.ORIGINAL_TIMESTAMP_HEADER))
                    .isEqualTo(Long.toString(PUBLISHED_2023));
        } finally {
            try (var files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafkaBroker broker) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void awaitCommitted(final Admin admin, final String group, final TopicPartition partition,
                                       final long offset) throws Exception {
        await("%s commits %s up to %d".formatted(group, partition, offset)).atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    final OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
                    assertThat(committed).as("%s's committed offset on %s", group, partition).isNotNull();
                    assertThat(committed.offset()).as("%s's committed offset on %s", group, partition)
                            .isGreaterThanOrEqualTo(offset);
                });
    }

    /**
     * Returns once the broker has deleted a record, produced now, that time-based retention must delete:
     * a whole retention check has started after this call, so one started before it has finished (the
     * broker runs them one after another over every partition). Twice means a full check ran over
     * everything written before the first call.
     */
    private static void awaitRetentionPass(final Admin admin, final KafkaProducer<byte[], byte[]> producer)
            throws Exception {
        final String canary = "retention-canary";
        if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(canary)) {
            admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(30).toMillis())))))
                    .all().get(10, TimeUnit.SECONDS);
        }
        final long offset = producer.send(new ProducerRecord<>(canary, 0, PUBLISHED_2023, null, new byte[1]))
                .get(10, TimeUnit.SECONDS).offset();
        await("the broker's retention check deletes the canary").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> earliest(admin, canary).get(new TopicPartition(canary, 0)) > offset);
    }

    private static Map<TopicPartition, Long> earliest(final Admin admin, final String topic) throws Exception {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(final EmbeddedKafkaBroker broker,
                                                                      final String topic) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // In this thread: the consumer belongs to it. Each poll waits up to 100 ms for records.
            await("reading " + topic + " up to " + end).atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .pollInSameThread()
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return read;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
