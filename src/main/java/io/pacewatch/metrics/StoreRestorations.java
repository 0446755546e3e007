package io.pacewatch.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Counts the restorations of each store partition on this instance. A restoration rewrites a store
 * partition from its changelog without moving the store's position (Streams only tracks positions of
 * restored records when the consistency vector is on, and it is not), for instance when a partition
 * comes back after another instance processed records for it; a scrape's cache must then not trust
 * the position alone. Register with {@code KafkaStreams#setGlobalStateRestoreListener} before start.
 */
public final class StoreRestorations implements StateRestoreListener {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    /** How many restorations of the store's partition began or ended here so far. */
    long count(final String storeName, final int partition) {
        return counts.getOrDefault(key(storeName, partition), 0L);
    }

    @Override
    public void onRestoreStart(final TopicPartition changelog, final String storeName, final long startingOffset,
                               final long endingOffset) {
        bump(storeName, changelog);
    }

    @Override
    public void onBatchRestored(final TopicPartition changelog, final String storeName, final long batchEndOffset,
                                final long numRestored) {
        bump(storeName, changelog);
    }

    @Override
    public void onRestoreEnd(final TopicPartition changelog, final String storeName, final long totalRestored) {
        bump(storeName, changelog);
    }

    @Override
    public void onRestoreSuspended(final TopicPartition changelog, final String storeName, final long totalRestored) {
        bump(storeName, changelog);
    }

    private void bump(final String storeName, final TopicPartition changelog) {
        counts.merge(key(storeName, changelog.partition()), 1L, Long::sum);
    }

    private static String key(final String storeName, final int partition) {
        return storeName + '/' + partition;
    }
}
