package io.pacewatch.cli.publish;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.InputCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the compacted targets topic from the beginning up to the end offsets taken at the start,
 * with a plain consumer (no group: nothing is committed and no rebalance is waited for), and keeps
 * what the stream's target table would keep: the latest valid target per key. A tombstone removes
 * its key; a record the stream would refuse (no key, a key naming another series, an invalid value)
 * is skipped with a warning, so the target before it stays in force, as it does in the stream.
 */
final class TargetsTopicReader {

    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private final Properties clientProperties;
    private final InputCodec codec;

    TargetsTopicReader(final Properties clientProperties, final InputCodec codec) {
        this.clientProperties = clientProperties;
        this.codec = codec;
    }

    /**
     * @throws TimeoutException if the end offsets are not reached within {@code timeout}
     * @throws org.apache.kafka.common.KafkaException if Kafka cannot be read, or the topic does not exist
     */
    TargetsSnapshot read(final String topic, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<String, Target> latest = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
            if (infos == null || infos.isEmpty()) {
                throw new UnknownTopicOrPartitionException(
                        "topic " + SafeText.escape(topic) + " does not exist");
            }
            final List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            while (!reachedEnd(consumer, end, deadline)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new TimeoutException("the end of " + SafeText.escape(topic) + " was not reached within "
                            + timeout.toSeconds() + " s");
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(min(MAX_POLL, remaining(deadline)))) {
                    read++;
                    apply(record, latest, warnings);
                }
            }
        }
        return new TargetsSnapshot(new ArrayList<>(latest.values()), warnings, read);
    }

    private void apply(final ConsumerRecord<String, byte[]> record, final Map<String, Target> latest,
                       final List<String> warnings) {
        final String where = "partition " + record.partition() + " offset " + record.offset();
        final String key = record.key();
        if (key == null) {
            warnings.add(where + ": a target without a key is skipped, as the stream refuses it");
            return;
        }
        if (record.value() == null) {
            latest.remove(key);
            return;
        }
        try {
            final Target target = codec.target(record.value());
            if (key.equals(target.series().id())) {
                latest.put(key, target);
            } else {
                warnings.add(where + ": key " + SafeText.quote(key) + " does not match the target's series "
                        + SafeText.quote(target.series().id()) + "; skipped, as the stream refuses it");
            }
        } catch (final InvalidInputException e) {
            warnings.add(where + ": key " + SafeText.quote(key) + ": " + SafeText.escape(e.describe())
                    + "; skipped, the stream keeps the target before it");
        }
    }

    private static boolean reachedEnd(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> end,
                                      final long deadline) {
        for (final Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), remaining(deadline)) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties consumerConfig() {
        final Properties config = new Properties();
        config.putAll(clientProperties);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "pacewatch-targets-list");
        // Assigned partitions and no group: listing must neither commit offsets nor join anyone's group.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Listing a topic that is not there must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Only what the stream sees: records of aborted or open transactions are not targets (yet).
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        return config;
    }

    private static Duration remaining(final long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The targets in force as the stream would see them after reading the whole topic, with a warning
     * for each record it would have refused (and so skipped, keeping the target before it).
     */
    record TargetsSnapshot(List<Target> targets, List<String> warnings, long recordsRead) {

        TargetsSnapshot {
            targets = List.copyOf(targets);
            warnings = List.copyOf(warnings);
        }
    }
}
