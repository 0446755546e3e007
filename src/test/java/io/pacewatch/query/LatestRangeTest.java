package io.pacewatch.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatestRangeTest {

    private KeyValueStore<String, byte[]> store;
    /** Every value the walk took out of the store, latest or month. */
    private final AtomicInteger valuesRead = new AtomicInteger();

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("progress-view"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        for (final String series : List.of("luohu|GDP|2023", "luohu|GDP|2024", "luohu|RETAIL_SALES|2023",
                "futian|GDP|2023", "nanshan|GDP|2023")) {
            put(series);
            for (int month = 2; month <= 12; month++) {
                put(series + "|" + series.substring(series.length() - 4) + "-M" + String.format("%02d", month));
            }
        }
        // Months whose latest record is not (yet) in the view: skipped, and the walk goes on after them.
        put("futian|RETAIL_SALES|2023|2023-M02");
        put("futian|RETAIL_SALES|2023|2023-M03");
    }

    private void put(final String key) {
        store.put(key, key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void walksTheLatestKeysInByteOrderAndReadsOneMonthASeriesAtMost() {
        assertThat(walk(null, null)).containsExactly("futian|GDP|2023", "luohu|GDP|2023", "luohu|GDP|2024",
                "luohu|RETAIL_SALES|2023", "nanshan|GDP|2023");
        // 5 latest values, one month each of 5 series before the seek past their months, and the first
        // orphan month: 11 of the 62 values held.
        assertThat(valuesRead).hasValue(11);
    }

    @Test
    void aPrefixKeepsToItsRegionAndAStartKeyIsInclusive() {
        assertThat(walk("luohu|", null)).containsExactly("luohu|GDP|2023", "luohu|GDP|2024", "luohu|RETAIL_SALES|2023");
        assertThat(walk("luohu|", "luohu|GDP|2024")).containsExactly("luohu|GDP|2024", "luohu|RETAIL_SALES|2023");
        assertThat(walk("luohu|", "a")).containsExactly("luohu|GDP|2023", "luohu|GDP|2024", "luohu|RETAIL_SALES|2023");
        assertThat(walk("luohu|", "m")).isEmpty();
        assertThat(walk("futian|", null)).containsExactly("futian|GDP|2023");
        assertThat(walk(null, "luohu|GDP|2023|2023-M05")).containsExactly("luohu|GDP|2024", "luohu|RETAIL_SALES|2023",
                "nanshan|GDP|2023");
    }

    /** A key that extends another series' key sorts between that key and its months: it is not skipped with them. */
    @Test
    void aKeyBetweenASeriesAndItsMonthsIsNotSkipped() {
        put("x|GDP|202");
        put("x|GDP|202|202-M03");
        put("x|GDP|2023");
        put("x|GDP|2023|2023-M03");
        assertThat(walk("x|", null)).containsExactly("x|GDP|202", "x|GDP|2023");
    }

    private List<String> walk(final String prefix, final String from) {
        final List<String> keys = new ArrayList<>();
        try (LatestRange range = new LatestRange(counting(store), prefix, from)) {
            while (range.hasNext()) {
                final String key = range.peekNextKey();
                final KeyValue<String, byte[]> kv = range.next();
                assertThat(kv.key).isEqualTo(key);
                assertThat(new String(kv.value, StandardCharsets.UTF_8)).isEqualTo(key);
                keys.add(key);
            }
        }
        return keys;
    }

    /** The store as it is, counting each value its iterators hand out. */
    private ReadOnlyKeyValueStore<String, byte[]> counting(final ReadOnlyKeyValueStore<String, byte[]> inner) {
        return new ReadOnlyKeyValueStore<>() {
            @Override
            public byte[] get(final String key) {
                return inner.get(key);
            }

            @Override
            public KeyValueIterator<String, byte[]> range(final String from, final String to) {
                return counted(inner.range(from, to));
            }

            @Override
            public KeyValueIterator<String, byte[]> all() {
                return counted(inner.all());
            }

            @Override
            public <PS extends Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(final P prefix, final PS serializer) {
                return counted(inner.prefixScan(prefix, serializer));
            }

            @Override
            public long approximateNumEntries() {
                return inner.approximateNumEntries();
            }
        };
    }

    private KeyValueIterator<String, byte[]> counted(final KeyValueIterator<String, byte[]> inner) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public KeyValue<String, byte[]> next() {
                valuesRead.incrementAndGet();
                return inner.next();
            }

            @Override
            public String peekNextKey() {
                return inner.peekNextKey();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
