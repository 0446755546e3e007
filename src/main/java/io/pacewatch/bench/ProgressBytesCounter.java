package io.pacewatch.bench;

import io.pacewatch.wire.Topics;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the progress records pacewatch's producers wrote, with their key and value bytes, as the
 * broker acknowledged them. Reading the topic after the backfill cannot count them: it is compacted
 * in 64 MiB segments, and during a national backfill the cleaner removes overwritten records before
 * the bench reads. Installed on the bench's pacewatch instances only; records of a transaction that
 * was later aborted would be counted too (a backfill on one healthy instance aborts none).
 */
public final class ProgressBytesCounter implements ProducerInterceptor<byte[], byte[]> {

    private static final LongAdder RECORDS = new LongAdder();
    private static final LongAdder BYTES = new LongAdder();

    /** Zeroes the counts before a backfill; they are per JVM, since Kafka creates the interceptors. */
    static void reset() {
        RECORDS.reset();
        BYTES.reset();
    }

    static long records() {
        return RECORDS.sum();
    }

    static long bytes() {
        return BYTES.sum();
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(final ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {
        if (exception == null && metadata != null && Topics.PROGRESS.equals(metadata.topic())) {
            RECORDS.increment();
            // -1 stands for a null key or value (a tombstone).
            BYTES.add(Math.max(0, metadata.serializedKeySize()) + Math.max(0, metadata.serializedValueSize()));
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
