package io.pacewatch.metrics;

import io.pacewatch.query.LocalViews;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.Position;

/**
 * Scrape-time reads of this instance's active stores. During a rebalance a partition is briefly
 * unavailable; the scrape then leaves its series out rather than failing.
 */
final class ActiveStores {

    private ActiveStores() {
    }

    /**
     * A store's active partitions, versioned by their position and their restorations: a partition's
     * content changes only by a write from an input record (which moves its position) or by a
     * restoration (which {@link StoreRestorations} counts). A partition without a position yet has no
     * version, and is read at every scrape.
     */
    static <R> StorePartitions<R> partitions(final LocalViews views, final StoreRestorations restorations,
                                             final String storeName, final IntFunction<List<R>> read) {
        return new StorePartitions<>() {
            @Override
            public Map<Integer, Object> versions() {
                final Map<Integer, Object> versions = new HashMap<>();
                try {
                    views.activePositions(storeName).forEach((partition, position) -> versions.put(partition,
                            position.isEmpty() ? null : new Version(position, restorations.count(storeName, partition))));
                } catch (final InvalidStateStoreException e) {
                    return Map.of();
                }
                return versions;
            }

            @Override
            public List<R> read(final int partition) {
                try {
                    return read.apply(partition);
                } catch (final InvalidStateStoreException e) {
                    return null;
                }
            }
        };
    }

    /** Equal at two scrapes only if the partition was neither written (from an input record) nor restored in between. */
    private record Version(Position position, long restorations) {
    }
}
