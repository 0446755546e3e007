package io.pacewatch.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a scrape made of each partition of a store, kept until the partition's version changes: a
 * partition nobody wrote to since the last scrape is not read (nor its records decoded) again. A
 * partition that is read again is made from its records and what was made of it last time, so a
 * maker may reuse what did not change. A partition no longer held here is dropped at the scrape that
 * misses it: memory stays one scrape's worth of values.
 *
 * @param <R> what a partition read gives
 * @param <V> what a scrape keeps of it
 */
final class PartitionSnapshots<R, V> {

    private final StorePartitions<R> store;
    private final Maker<R, V> maker;
    private final Supplier<Instant> now;
    private Map<Integer, Held<V>> held = new HashMap<>();

    PartitionSnapshots(final StorePartitions<R> store, final Maker<R, V> maker, final Supplier<Instant> now) {
        this.store = store;
        this.maker = maker;
        this.now = now;
    }

    /** Makes a partition's values from what it holds now. */
    interface Maker<R, V> {
        /**
         * @param previous what was made of the partition at the last scrape that read it (null: nothing)
         * @param at       the scrape's "now"
         */
        Part<V> make(List<R> records, Part<V> previous, Instant at);
    }

    /**
     * A partition's values and until when they hold without a write: values that depend on the clock
     * (an embargo ending) are made again from that instant on (null: they never expire).
     */
    record Part<V>(List<V> values, Instant validUntil) {
    }

    /** Every value of every partition held now; {@code changed} is false when all of it is what the last call gave. */
    synchronized Snapshot<V> get() {
        final Instant at = now.get();
        final Map<Integer, Object> versions = store.versions();
        final Map<Integer, Held<V>> next = new HashMap<>();
        boolean changed = !versions.keySet().equals(held.keySet());
        for (final Map.Entry<Integer, Object> partition : versions.entrySet()) {
            final Held<V> before = held.get(partition.getKey());
            final Object version = partition.getValue();
            if (before != null && version != null && version.equals(before.version)
                    && (before.part.validUntil() == null || at.isBefore(before.part.validUntil()))) {
                next.put(partition.getKey(), before);
                continue;
            }
            final List<R> records = store.read(partition.getKey());
            if (records == null) {
                changed = true;
                continue;
            }
            final Part<V> made = maker.make(records, before == null ? null : before.part, at);
            // A partition read again may still give what it gave (months written, not the latest records;
            // or a partition without a version): the snapshot built from it then stands.
            changed |= before == null || !made.values().equals(before.part.values());
            next.put(partition.getKey(), new Held<>(version, made));
        }
        held = next;
        final List<V> values = new ArrayList<>();
        next.values().forEach(entry -> values.addAll(entry.part.values()));
        return new Snapshot<>(values, changed);
    }

    /** The values of every partition, and whether any differ from the previous call's (by {@code equals}). */
    record Snapshot<V>(List<V> values, boolean changed) {
    }

    private record Held<V>(Object version, Part<V> part) {
    }
}
