package io.pacewatch.topology;

import io.pacewatch.wire.WireSerdes;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The judge's access to the {@value PacewatchTopology#RELEASE_HISTORY_STORE} store. The store holds
 * each series' {@link SeriesState} as the Smile bytes its serde writes (the bytes on disk and on the
 * changelog are what a store with that serde would hold), and the judge encodes and decodes them here:
 * a store of bytes lets the scrape and the API read values raw, so that a scrape tells an unchanged
 * series by its bytes and decodes only the series written since the last one.
 */
final class SeriesStates {

    private static final Serializer<SeriesState> WRITER = WireSerdes.state(SeriesState.class).serializer();
    private static final Deserializer<SeriesState> READER = WireSerdes.state(SeriesState.class).deserializer();

    private final KeyValueStore<String, byte[]> store;

    SeriesStates(final KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    static byte[] encode(final SeriesState state) {
        return WRITER.serialize(PacewatchTopology.RELEASE_HISTORY_STORE, state);
    }

    static SeriesState decode(final byte[] stored) {
        return READER.deserialize(PacewatchTopology.RELEASE_HISTORY_STORE, stored);
    }

    /** The series' state, or null when none is stored. */
    SeriesState get(final String series) {
        final byte[] stored = store.get(series);
        return stored == null ? null : decode(stored);
    }

    void put(final String series, final SeriesState state) {
        store.put(series, encode(state));
    }

    void delete(final String series) {
        store.delete(series);
    }

    /** Every stored series with its state, decoded one at a time. */
    void forEach(final BiConsumer<String, SeriesState> each) {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> each.accept(kv.key, decode(kv.value)));
        }
    }

    /** Decodes one stored value, if any: enough to refuse a store an earlier build wrote in another layout. */
    void checkReadable() {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            if (all.hasNext()) {
                decode(all.next().value);
            }
        }
    }
}
