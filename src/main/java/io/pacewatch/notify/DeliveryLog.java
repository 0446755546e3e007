package io.pacewatch.notify;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery log: a compacted topic with one record per delivered (alert id, route), key
 * {@code alertId|route}, value a {@link DeliveryRecord} as JSON. Appended (and acknowledged by the
 * broker, {@code acks=all}) before the alert's offset is committed; read from the beginning at
 * start and read up to its end whenever partitions of the alerts topic are assigned, so an instance
 * taking over a partition knows what the previous owner delivered. A tombstone for a key makes
 * that alert deliverable on that route again.
 */
final class DeliveryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final ObjectWriter WRITER = Json.MAPPER.writerFor(DeliveryRecord.class);

    private final String topic;
    private final DeliveredSet delivered;
    private final KafkaConsumer<String, String> reader;
    private final KafkaProducer<String, String> writer;
    private final List<TopicPartition> partitions;

    DeliveryLog(final Properties client, final String topic, final DeliveredSet delivered) {
        this.topic = topic;
        this.delivered = delivered;
        final Properties readerConfig = new Properties();
        readerConfig.putAll(client);
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        readerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.reader = new KafkaConsumer<>(readerConfig, new StringDeserializer(), new StringDeserializer());
        final Properties writerConfig = new Properties();
        writerConfig.putAll(client);
        writerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        writerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        writerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.writer = new KafkaProducer<>(writerConfig, new StringSerializer(), new StringSerializer());
        final List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(ADMIN_TIMEOUT_SECONDS));
        if (infos == null || infos.isEmpty()) {
            close();
            throw new IllegalStateException("delivery log topic " + topic + " has no partitions");
        }
        this.partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /**
     * Creates the topic (compacted, kept forever) when it is missing and {@code create} is set;
     * refuses one that is not compacted, since deleting records would let alerts be sent twice.
     */
    static void ensureTopic(final Admin admin, final String topic, final boolean create, final int partitions,
                            final short replicationFactor) throws InterruptedException {
        final short replication = replicationFactor > 0 ? replicationFactor : TopicSetup.defaultReplication(admin);
        final List<String> problems = new TopicSetup(admin).ensure(List.of(new TopicSpec(topic, TopicSpec.COMPACT, -1,
                "one record per delivered alert and route: deleting records would let a restart send alerts again")),
                create, partitions, replication);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the delivery log topic is not usable: " + String.join("; ", problems)
                    + (create ? "" : " (create it compacted, or start without --no-create-topics)"));
        }
    }

    /** Reads the log up to its current end; afterwards the delivered set holds everything delivered so far. */
    void catchUp(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<TopicPartition, Long> end = new HashMap<>(reader.endOffsets(partitions, timeout));
        int read = 0;
        while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("could not read delivery log " + topic + " to its end within " + timeout);
            }
            for (final ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    delivered.apply(record.key(), record.value() == null);
                    read++;
                }
            }
        }
        if (read > 0) {
            LOG.info("Read {} record(s) from delivery log {}; {} (alert, route) pair(s) delivered", read, topic,
                    delivered.size());
        }
    }

    /**
     * Appends the records and waits until the broker has every one of them.
     *
     * @throws IllegalStateException when any could not be written: nothing past them may be committed
     */
    void append(final List<DeliveryRecord> records) {
        final List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (final DeliveryRecord record : records) {
            final String value;
            try {
                value = WRITER.writeValueAsString(record);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot write a delivery record", e);
            }
            acks.add(writer.send(new ProducerRecord<>(topic, record.key(), value)));
        }
        writer.flush();
        for (final Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (final ExecutionException e) {
                throw new IllegalStateException("cannot write to delivery log " + topic + ": " + e.getCause(), e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing to delivery log " + topic, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            writer.close(Duration.ofSeconds(10));
        } finally {
            reader.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
