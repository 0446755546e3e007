package io.pacewatch.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Follows one topic from the beginning with {@code isolation.level=read_committed}, as a downstream
 * consumer sees it, keeping the records whose key passes a filter (the topics are shared by every
 * integration test of the JVM). Reading is incremental: each {@link #poll()} adds what arrived since.
 * Not thread-safe; use from the test thread.
 */
final class TopicWatch implements AutoCloseable {

    private static final int MAX_POLL_RECORDS = 5000;

    private final String topic;
    private final Predicate<String> keys;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final Map<String, String> latest = new LinkedHashMap<>();

    TopicWatch(final String bootstrapServers, final String topic, final Predicate<String> keys) {
        this.topic = topic;
        this.keys = keys;
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // A broker outage must not make a poll hang for the default minute.
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Adds whatever committed records are available now (waits at most a short moment). */
    TopicWatch poll() {
        for (int batch = 0; batch < 20; batch++) {
            final int read = pollOnce(batch == 0 ? Duration.ofMillis(100) : Duration.ofMillis(10));
            if (read < MAX_POLL_RECORDS) {
                break;
            }
        }
        return this;
    }

    private int pollOnce(final Duration wait) {
        final var batch = consumer.poll(wait);
        batch.forEach(record -> {
            if (record.key() != null && keys.test(record.key())) {
                records.add(record);
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }
        });
        return batch.count();
    }

    /** Reads until every committed record that existed when called has been read. */
    TopicWatch catchUp(final Duration timeout) {
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        // In the calling thread: the consumer belongs to it.
        Awaitility.await("reading " + topic + " up to " + end).atMost(timeout).pollInterval(Duration.ofMillis(10))
                .pollInSameThread()
                .until(() -> {
                    poll();
                    return readUpTo(end, timeout);
                });
        return this;
    }

    private boolean readUpTo(final Map<TopicPartition, Long> end, final Duration timeout) {
        return partitions.stream().allMatch(p -> consumer.position(p, timeout) >= end.get(p));
    }

    /** Every matching record read so far, in the order read (per partition: offset order). */
    List<ConsumerRecord<String, String>> records() {
        return records;
    }

    /** The latest value per matching key (a null value removed the key), as a compacted topic ends up. */
    Map<String, String> latest() {
        return latest;
    }

    int partitionCount() {
        return partitions.size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
