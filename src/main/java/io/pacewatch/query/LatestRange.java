package io.pacewatch.query;

import io.pacewatch.wire.SeriesPartitioner;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The latest records ({@code region|indicator|year}) of one partition of the progress view, in key
 * order, without reading each series' month records ({@code region|indicator|year|period}). A series'
 * months are one contiguous key block right after it, about a dozen values of a kilobyte each: at the
 * first month key of a block the range is reopened past the block ({@code series}{@value #PAST_MONTHS}),
 * so a series costs its latest value, one month value and a seek instead of all its months. The store
 * must be one partition's (in key order): the view over all partitions is not ordered, and reopening
 * it would start every partition again. It should not be cached: a cached store copies every cached
 * key of a range when the range opens, which a reopening per series would pay again and again. Reads
 * are not one snapshot; a write during the walk may or may not be seen, as with any store range.
 */
final class LatestRange implements AutoCloseable {

    /** The character after the key separator {@code |}: {@code series + "}"} sorts after every {@code series|...}. */
    static final String PAST_MONTHS = "}";

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final String prefix;
    private KeyValueIterator<String, byte[]> range;
    private KeyValue<String, byte[]> next;

    /**
     * @param prefix only keys starting with it (a region and the separator), or null for any
     * @param from   the first key to read (inclusive), or null from the start (of the prefix)
     */
    LatestRange(final ReadOnlyKeyValueStore<String, byte[]> store, final String prefix, final String from) {
        this.store = store;
        this.prefix = prefix;
        this.range = prefix != null && (from == null || LocalViews.KEY_ORDER.compare(from, prefix) <= 0)
                ? store.prefixScan(prefix, Serdes.String().serializer())
                : store.range(from, null);
        try {
            advance();
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean hasNext() {
        return next != null;
    }

    /** The next latest key, or null at the end. */
    String peekNextKey() {
        return next == null ? null : next.key;
    }

    KeyValue<String, byte[]> next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        final KeyValue<String, byte[]> found = next;
        advance();
        return found;
    }

    private void advance() {
        next = null;
        while (range.hasNext()) {
            final KeyValue<String, byte[]> kv = range.next();
            if (prefix != null && !kv.key.startsWith(prefix)) {
                return;
            }
            if (SeriesPartitioner.isLatestKey(kv.key)) {
                if (kv.value != null) {
                    next = kv;
                    return;
                }
            } else {
                final KeyValueIterator<String, byte[]> months = range;
                range = null;
                months.close();
                range = store.range(SeriesPartitioner.seriesPart(kv.key) + PAST_MONTHS, null);
            }
        }
    }

    @Override
    public void close() {
        if (range != null) {
            range.close();
            range = null;
        }
    }
}
