package io.pacewatch.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the records pacewatch's producers wrote, per topic (outputs, changelogs, repartition topics),
 * with their key and value bytes, as the broker acknowledged them. Reading the progress topic after
 * the backfill cannot count them: it is compacted in 64 MiB segments, and during a national backfill
 * the cleaner removes overwritten records before the bench reads. Installed on the bench's pacewatch
 * instances only; records of a transaction that was later aborted would be counted too (a backfill on
 * one healthy instance aborts none).
 */
public final class ProducedRecords implements ProducerInterceptor<byte[], byte[]> {

    /** What was written to one topic: records, and their key and value bytes (a null counts as 0). */
    record Written(long records, long keyBytes, long valueBytes) {

        long bytes() {
            return keyBytes + valueBytes;
        }
    }

    private static final Map<String, LongAdder[]> BY_TOPIC = new ConcurrentHashMap<>();

    /** Zeroes the counts before a backfill; they are per JVM, since Kafka creates the interceptors. */
    static void reset() {
        BY_TOPIC.clear();
    }

    /** Every topic written since the last reset, by name. */
    static Map<String, Written> byTopic() {
        final Map<String, Written> written = new TreeMap<>();
        BY_TOPIC.forEach((topic, sums) -> written.put(topic, new Written(sums[0].sum(), sums[1].sum(), sums[2].sum())));
        return written;
    }

    static Written of(final String topic) {
        return byTopic().getOrDefault(topic, new Written(0, 0, 0));
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(final ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {
        if (exception == null && metadata != null) {
            final LongAdder[] sums = BY_TOPIC.computeIfAbsent(metadata.topic(),
                    topic -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
            sums[0].increment();
            // -1 stands for a null key or value (a tombstone).
            sums[1].add(Math.max(0, metadata.serializedKeySize()));
            sums[2].add(Math.max(0, metadata.serializedValueSize()));
        }
    }

    @Override
    public void close() {
        // counts are read after the producer closed
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        // nothing to configure
    }
}
