package io.pacewatch.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;

/**
 * What a scrape made of each stored record, kept from one scrape to the next: a record whose bytes are
 * the same as last time is not decoded again, so a scrape of a store where little changed costs a
 * read of the bytes and a comparison, not a JSON decode and a recomputation per series. The bytes
 * themselves are the identity (compared in full, not hashed), so what is served is exactly what a
 * fresh decode would give. Series no longer in the store are dropped at the scrape that misses them.
 */
final class DecodedRecords<V> implements Supplier<List<V>> {

    private final Supplier<List<KeyValue<String, byte[]>>> records;
    private final Function<byte[], V> decode;
    private Map<String, Held<V>> held = new HashMap<>();

    DecodedRecords(final Supplier<List<KeyValue<String, byte[]>>> records, final Function<byte[], V> decode) {
        this.records = records;
        this.decode = decode;
    }

    /** One value per record now in the store, decoded only where the record changed. Scrapes may overlap. */
    @Override
    public synchronized List<V> get() {
        final List<KeyValue<String, byte[]>> now = records.get();
        final Map<String, Held<V>> next = new HashMap<>(Math.max(16, now.size() * 4 / 3 + 1));
        final List<V> values = new ArrayList<>(now.size());
        for (final KeyValue<String, byte[]> record : now) {
            Held<V> entry = held.get(record.key);
            if (entry == null || !Arrays.equals(entry.bytes, record.value)) {
                entry = new Held<>(record.value, decode.apply(record.value));
            }
            next.put(record.key, entry);
            values.add(entry.value);
        }
        held = next;
        return values;
    }

    /** How many records are held decoded; for tests. */
    synchronized int size() {
        return held.size();
    }

    private record Held<V>(byte[] bytes, V value) {
    }
}
