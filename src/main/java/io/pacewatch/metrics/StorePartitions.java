package io.pacewatch.metrics;

import java.util.List;
import java.util.Map;

/**
 * A store this instance holds actively, read partition by partition. Each partition comes with a
 * version: a value that is equal at two reads only if nothing was written to the partition in between
 * (null where that cannot be told; such a partition is read at every scrape).
 */
interface StorePartitions<R> {

    /** The partitions held actively now, each with its version, taken before any content is read. */
    Map<Integer, Object> versions();

    /** What one partition holds now; null when it cannot answer (moving away), and it is left out of the scrape. */
    List<R> read(int partition);

    /** One partition, never versioned: read at every scrape. */
    static <R> StorePartitions<R> unversioned(final java.util.function.Supplier<List<R>> read) {
        return new StorePartitions<>() {
            @Override
            public Map<Integer, Object> versions() {
                final Map<Integer, Object> one = new java.util.HashMap<>();
                one.put(0, null);
                return one;
            }

            @Override
            public List<R> read(final int partition) {
                return read.get();
            }
        };
    }
}
