package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDateCalculator;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The collectors keep what they made of each store partition between scrapes and read a partition
 * again only when its version moved (or an embargo in it ended). Their scrape must be the very same
 * text as a collector that keeps nothing, over the same store contents, before and after a record
 * changes, a record is deleted and a partition moves away; and an unchanged partition is not read.
 */
class ScrapeCacheTest {

    private static final Progress REVENUE = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("60").build());
    private static final Progress REVENUE_LATER = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("66").build());
    private static final Progress RETAIL = assess("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(),
            Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build());

    private static final Release REVENUE_MAY = Releases.budgetRevenue().cumulativeThrough(5).value("49")
            .publishedAt("2023-06-12T09:30:00+08:00").build();
    private static final Release REVENUE_MAY_REVISED = Releases.budgetRevenue().cumulativeThrough(5).value("50.2")
            .publishedAt("2023-07-20T09:30:00+08:00").revision(1).build();
    private static final Release INDUSTRY_MAY = Releases.industrialValueAdded().cumulativeThrough(5).growth("1.2").build();
    private static final Release INDUSTRY_MAY_EMBARGOED = Releases.industrialValueAdded().cumulativeThrough(5)
            .growth("1.3").revision(1).embargoUntil("2023-07-01T09:30:00+08:00").build();

    @Test
    @DisplayName("progress gauges: the same scrape as keeping nothing, as a record changes, is deleted and a partition goes")
    void progressSameAsKeepingNothing() {
        final Partitions<byte[]> store = new Partitions<>();
        final PrometheusMeterRegistry kept = registry(ProgressCollector.decoding(store.reading()));
        final PrometheusMeterRegistry fresh = registry(new ProgressCollector(() -> store.all().stream()
                .map(ScrapeCacheTest::decode).toList()));
        store.put(0, ProgressQueries.key(REVENUE), encode(REVENUE));
        store.put(1, ProgressQueries.key(RETAIL), encode(RETAIL));
        assertThat(kept.scrape()).isEqualTo(fresh.scrape()).contains("indicator=\"RETAIL_SALES\",region=\"luohu\"");

        store.put(0, ProgressQueries.key(REVENUE_LATER), encode(REVENUE_LATER));
        final String changed = kept.scrape();
        assertThat(changed).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\"luohu\","
                + "year=\"2023\"} 6.6E9").isEqualTo(fresh.scrape());

        store.delete(1, ProgressQueries.key(RETAIL));
        final String deleted = kept.scrape();
        assertThat(deleted).doesNotContain("indicator=\"RETAIL_SALES\",region=\"luohu\"").isEqualTo(fresh.scrape());

        store.put(1, ProgressQueries.key(RETAIL), encode(RETAIL));
        store.moveAway(0);
        assertThat(kept.scrape()).doesNotContain("indicator=\"BUDGET_REVENUE\",region=\"luohu\"").isEqualTo(fresh.scrape());
    }

    @Test
    @DisplayName("a partition whose version did not move is not read again; one without a version is read at every scrape")
    void readsOnlyChangedPartitions() {
        final Partitions<byte[]> store = new Partitions<>();
        final AtomicInteger decoded = new AtomicInteger();
        final PartitionSnapshots<KeyValue<String, byte[]>, DecodedRecords.Decoded<String>> snapshots =
                new PartitionSnapshots<>(store.reading(), DecodedRecords.maker(bytes -> {
                    decoded.incrementAndGet();
                    return decode(bytes).ytdValue().toPlainString();
                }), Instant::now);
        store.put(0, ProgressQueries.key(REVENUE), encode(REVENUE));
        store.put(1, ProgressQueries.key(RETAIL), encode(RETAIL));

        assertThat(values(snapshots)).containsExactlyInAnyOrder("60", "200");
        final PartitionSnapshots.Snapshot<DecodedRecords.Decoded<String>> again = snapshots.get();
        assertThat(again.changed()).isFalse();
        assertThat(store.reads).hasValue(2);

        store.put(0, ProgressQueries.key(REVENUE_LATER), encode(REVENUE_LATER));
        assertThat(values(snapshots)).containsExactlyInAnyOrder("66", "200");
        assertThat(store.reads).as("only partition 0 read again").hasValue(3);
        assertThat(decoded).as("only the changed record decoded again").hasValue(3);

        store.unversioned(1);
        snapshots.get();
        snapshots.get();
        assertThat(store.reads).as("partition 1 at every scrape").hasValue(5);
        assertThat(decoded).as("its unchanged bytes are not decoded").hasValue(3);
    }

    @Test
    @DisplayName("revision gauges: the same scrape as keeping nothing, as a revision arrives, an embargo ends and a history goes")
    void revisionsSameAsKeepingNothing() {
        final Partitions<byte[]> store = new Partitions<>();
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2023-06-30T00:00:00Z"));
        final PrometheusMeterRegistry kept = registry(RevisionCollector.decoding(store.reading(),
                Releases.CATALOGUE, now::get));
        final PrometheusMeterRegistry fresh = registry(new RevisionCollector(() -> store.all().stream()
                .map(stored -> SeriesVersions.decode(stored).history()).toList(), Releases.CATALOGUE, now::get));
        store.put(0, "revenue", stored(REVENUE_MAY));
        store.put(1, "industry", stored(INDUSTRY_MAY, INDUSTRY_MAY_EMBARGOED));
        final String before = kept.scrape();
        assertThat(Scrapes.value(before, "pacewatch_revised_periods", "INDUSTRIAL_VALUE_ADDED")).hasValue(0.0);
        assertThat(before).isEqualTo(fresh.scrape());

        now.set(Instant.parse("2023-07-01T01:30:00Z"));
        final String embargoEnded = kept.scrape();
        assertThat(Scrapes.value(embargoEnded, "pacewatch_revised_periods", "INDUSTRIAL_VALUE_ADDED")).hasValue(1.0);
        assertThat(embargoEnded).isEqualTo(fresh.scrape());

        now.set(Releases.LATER);
        store.put(0, "revenue", stored(REVENUE_MAY, REVENUE_MAY_REVISED));
        final String revised = kept.scrape();
        assertThat(Scrapes.value(revised, "pacewatch_revised_periods", "BUDGET_REVENUE")).hasValue(1.0);
        assertThat(revised).isEqualTo(fresh.scrape());

        store.delete(1, "industry");
        final String deleted = kept.scrape();
        assertThat(deleted).doesNotContain("INDUSTRIAL_VALUE_ADDED").isEqualTo(fresh.scrape());
    }

    @Test
    @DisplayName("a kept value that depends on the clock is made again when its time comes, and only it")
    void remakesWhenTheirTimeComes() {
        final Partitions<byte[]> store = new Partitions<>();
        final Instant embargoEnds = Instant.parse("2023-07-01T01:30:00Z");
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2023-06-30T00:00:00Z"));
        final AtomicInteger made = new AtomicInteger();
        final PartitionSnapshots<KeyValue<String, byte[]>, DecodedRecords.Decoded<Made>> snapshots =
                new PartitionSnapshots<>(store.reading(), DecodedRecords.maker((bytes, at) -> {
                    made.incrementAndGet();
                    return new Made(new String(bytes, StandardCharsets.UTF_8), at);
                }, value -> value.text().equals("embargoed") && value.at().isBefore(embargoEnds) ? embargoEnds : null),
                        now::get);
        store.put(0, "a", "embargoed".getBytes(StandardCharsets.UTF_8));
        store.put(0, "b", "published".getBytes(StandardCharsets.UTF_8));

        assertThat(snapshots.get().changed()).isTrue();
        assertThat(snapshots.get().changed()).as("before the embargo ends").isFalse();
        assertThat(made).hasValue(2);

        now.set(embargoEnds);
        final PartitionSnapshots.Snapshot<DecodedRecords.Decoded<Made>> ended = snapshots.get();
        assertThat(ended.changed()).isTrue();
        assertThat(made).as("only the embargoed value made again").hasValue(3);
        assertThat(ended.values()).extracting(d -> d.value().at()).containsExactlyInAnyOrder(embargoEnds,
                Instant.parse("2023-06-30T00:00:00Z"));

        now.set(embargoEnds.plusSeconds(60));
        assertThat(snapshots.get().changed()).as("nothing left to wait for").isFalse();
        assertThat(made).hasValue(3);
    }

    private record Made(String text, Instant at) {
    }

    /** A series' state as the judge stores it: its bytes. */
    private static byte[] stored(final Release... releases) {
        return StoredSeries.encode(Releases.history(releases));
    }

    private static List<String> values(final PartitionSnapshots<?, DecodedRecords.Decoded<String>> snapshots) {
        return snapshots.get().values().stream().map(DecodedRecords.Decoded::value).toList();
    }

    /** Store partitions whose version moves with every write, as a store's position does. */
    private static final class Partitions<V> {
        private final Map<Integer, TreeMap<String, V>> partitions = new TreeMap<>();
        private final Map<Integer, Integer> versions = new HashMap<>();
        private final AtomicInteger reads = new AtomicInteger();

        void put(final int partition, final String key, final V value) {
            partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(key, value);
            versions.merge(partition, 1, Integer::sum);
        }

        void delete(final int partition, final String key) {
            partitions.get(partition).remove(key);
            versions.merge(partition, 1, Integer::sum);
        }

        void moveAway(final int partition) {
            partitions.remove(partition);
            versions.remove(partition);
        }

        void unversioned(final int partition) {
            versions.put(partition, null);
        }

        List<V> all() {
            final List<V> all = new ArrayList<>();
            partitions.values().forEach(p -> all.addAll(p.values()));
            return all;
        }

        StorePartitions<KeyValue<String, V>> reading() {
            return new StorePartitions<>() {
                @Override
                public Map<Integer, Object> versions() {
                    final Map<Integer, Object> now = new HashMap<>();
                    partitions.keySet().forEach(p -> now.put(p, versions.get(p)));
                    return now;
                }

                @Override
                public List<KeyValue<String, V>> read(final int partition) {
                    reads.incrementAndGet();
                    final List<KeyValue<String, V>> found = new ArrayList<>();
                    partitions.get(partition).forEach((k, v) -> found.add(KeyValue.pair(k, v)));
                    return found;
                }
            };
        }
    }

    private static PrometheusMeterRegistry registry(final io.prometheus.metrics.model.registry.MultiCollector collector) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.getPrometheusRegistry().register(collector);
        return registry;
    }

    private static byte[] encode(final Progress progress) {
        return Topics.progress().valueSerde().serializer().serialize(Topics.PROGRESS, progress);
    }

    private static Progress decode(final byte[] bytes) {
        return Topics.progress().valueSerde().deserializer().deserialize(Topics.PROGRESS, bytes);
    }

    private static Progress assess(final String indicator, final Target target, final Release... releases) {
        final List<Release> latest = Releases.history(releases).latestPerSlot(Releases.LATER);
        return PaceAssessor.assess(Releases.indicator(indicator), Releases.series(indicator), target,
                YearToDateCalculator.asOf(latest, 12), Instant.parse("2023-07-15T01:30:00Z"));
    }
}
