package io.pacewatch.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;

/**
 * What a scrape made of each stored record, kept from one read of a partition to the next: a record
 * whose bytes are the same as last time is not decoded again, so a partition where little changed costs
 * a read of the bytes and a comparison, not a JSON decode and a recomputation per series. The bytes
 * themselves are the identity (compared in full, not hashed), so what is served is exactly what a
 * fresh decode would give. Records no longer in the partition are dropped with the read that misses them.
 */
final class DecodedRecords {

    private DecodedRecords() {
    }

    /** A partition maker for {@link PartitionSnapshots} that decodes only the records whose bytes changed. */
    static <V> PartitionSnapshots.Maker<KeyValue<String, byte[]>, Decoded<V>> maker(final Function<byte[], V> decode) {
        return maker((bytes, at) -> decode.apply(bytes), value -> null);
    }

    /**
     * Likewise for values that depend on the clock as well (an embargo ending): a record is made again
     * when its bytes changed or the instant its value held until has come, and the partition holds until
     * the earliest such instant.
     *
     * @param validUntil until when a value holds without a write (null: until its bytes change)
     */
    static <V> PartitionSnapshots.Maker<KeyValue<String, byte[]>, Decoded<V>> maker(
            final BiFunction<byte[], Instant, V> make, final Function<V, Instant> validUntil) {
        return (records, previous, at) -> {
            final Map<String, Decoded<V>> before = new HashMap<>();
            if (previous != null) {
                previous.values().forEach(d -> before.put(d.key, d));
            }
            final List<Decoded<V>> values = new ArrayList<>(records.size());
            Instant partHolds = null;
            for (final KeyValue<String, byte[]> record : records) {
                final Decoded<V> kept = before.get(record.key);
                final Decoded<V> made = kept != null && Arrays.equals(kept.bytes, record.value)
                        && holdsAt(validUntil.apply(kept.value), at) ? kept
                        : new Decoded<>(record.key, record.value, make.apply(record.value, at));
                values.add(made);
                final Instant holds = validUntil.apply(made.value);
                if (holds != null && (partHolds == null || holds.isBefore(partHolds))) {
                    partHolds = holds;
                }
            }
            return new PartitionSnapshots.Part<>(values, partHolds);
        };
    }

    private static boolean holdsAt(final Instant validUntil, final Instant at) {
        return validUntil == null || at.isBefore(validUntil);
    }

    /** A record's key, its bytes, and what was made of them. */
    record Decoded<V>(String key, byte[] bytes, V value) {
    }
}
