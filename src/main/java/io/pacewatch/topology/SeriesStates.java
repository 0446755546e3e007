package io.pacewatch.topology;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.wire.StateBytes;
import io.pacewatch.wire.WireSerdes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The judge's access to the {@value PacewatchTopology#RELEASE_HISTORY_STORE} store. The store holds
 * each series' {@link SeriesState} in the binary layout of {@link StateBytes}, and the judge encodes and
 * decodes them here: a store of bytes lets the scrape and the API read values raw, so that a scrape
 * tells an unchanged series by its bytes and decodes only the series written since the last one.
 */
final class SeriesStates {

    /** What builds before {@link StateBytes} wrote; still read, never written. */
    private static final Deserializer<SeriesState> SMILE = WireSerdes.state(SeriesState.class).deserializer();

    private final KeyValueStore<String, byte[]> store;

    SeriesStates(final KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The readers' part first ({@link StateBytes.Writer#versions}), then what the judge keeps beside it. */
    static byte[] encode(final SeriesState state) {
        final StateBytes.Writer out = StateBytes.writer().versions(state.history(), state.priorYear());
        final EmittedState emitted = state.emitted();
        out.constant(emitted.lastJudgedStatus()).constant(emitted.lastStatus());
        // Sorted: the same state must give the same bytes, and Map.copyOf iterates in a per-JVM order.
        final List<Map.Entry<String, Long>> fingerprints = new ArrayList<>(emitted.fingerprints().entrySet());
        fingerprints.sort(Map.Entry.comparingByKey());
        out.count(fingerprints.size());
        fingerprints.forEach(f -> out.string(f.getKey()).fixed(f.getValue()));
        out.present(emitted.publishedTimestamp() != null);
        if (emitted.publishedTimestamp() != null) {
            out.signed(emitted.publishedTimestamp());
        }
        out.signed(state.newestReleaseTimestamp()).present(state.curveSent() != null);
        if (state.curveSent() != null) {
            out.fixed(state.curveSent());
        }
        return out.bytes();
    }

    /** Reads this build's layout, and the Smile values earlier builds wrote (JSON before them is refused). */
    static SeriesState decode(final byte[] stored) {
        if (!StateBytes.isBinary(stored)) {
            return SMILE.deserialize(PacewatchTopology.RELEASE_HISTORY_STORE, stored);
        }
        final StateBytes.Reader in = StateBytes.reader(stored);
        final ReleaseHistory history = in.history();
        final CumulativeCurve priorYear = in.priorYear();
        final PaceStatus lastJudged = in.constant(PaceStatus.class);
        final PaceStatus last = in.constant(PaceStatus.class);
        final int count = in.count();
        final Map<String, Long> fingerprints = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            fingerprints.put(in.string(), in.fixed());
        }
        final Long publishedTimestamp = in.present() ? in.signed() : null;
        final long newestReleaseTimestamp = in.signed();
        final Long curveSent = in.present() ? in.fixed() : null;
        if (!in.atEnd()) {
            throw new SerializationException("series state: bytes left over after the last field");
        }
        return new SeriesState(history, new EmittedState(lastJudged, last, fingerprints, publishedTimestamp),
                newestReleaseTimestamp, priorYear, curveSent);
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
