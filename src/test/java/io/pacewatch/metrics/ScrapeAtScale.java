package io.pacewatch.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDateCalculator;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.wire.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.streams.KeyValue;

/**
 * Not a test: a benchmark-style main that times one /metrics scrape at national size without Kafka,
 * as the service builds it (the same collectors, the same registry, written to a stream as the HTTP
 * port writes it). 3,000 regions × 20 indicators of progress records, held as the progress view
 * holds them (the topic's JSON bytes); the revision gauges over 3,000 × 20 series states (the
 * catalogue's four monthly indicators under five region codes each) with 11 releases and one revision each, held
 * as the release-history store holds them (the judge's bytes, {@link io.pacewatch.wire.StateBytes}). Both stores are spread over four
 * partitions with versions, as the service reads them ({@link StorePartitions}): a scrape after no
 * write reads nothing, one after a write to a partition reads that partition. Run:
 * {@code java -cp target/test-classes:target/classes:target/lib/* io.pacewatch.metrics.ScrapeAtScale [regions]}
 */
public final class ScrapeAtScale {

    private ScrapeAtScale() {
    }

    public static void main(final String[] args) throws Exception {
        final int regions = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        final List<KeyValue<String, byte[]>> progress = progressRecords(regions);
        final List<KeyValue<String, byte[]>> histories = historyRecords(regions);
        System.out.printf("%,d progress records (%,d bytes), %,d series states (%,d bytes)%n",
                progress.size(), progress.stream().mapToLong(kv -> kv.value.length).sum(),
                histories.size(), histories.stream().mapToLong(kv -> kv.value.length).sum());

        // As the service reads them: four partitions, each read again only when its version moves.
        final Partitioned<KeyValue<String, byte[]>, KeyValue<String, byte[]>> progressStore = new Partitioned<KeyValue<String, byte[]>, KeyValue<String, byte[]>>(progress, kv -> kv, kv -> kv);
        final Partitioned<KeyValue<String, byte[]>, KeyValue<String, byte[]>> historyStore =
                new Partitioned<KeyValue<String, byte[]>, KeyValue<String, byte[]>>(histories, kv -> kv,
                        ScrapeAtScale::rewritten);
        final PrometheusMeterRegistry both = registry(ProgressCollector.decoding(progressStore),
                RevisionCollector.decoding(historyStore, Releases.CATALOGUE, () -> Releases.LATER));
        final PrometheusMeterRegistry progressOnly = registry(ProgressCollector.decoding(progressStore), null);
        final PrometheusMeterRegistry revisionsOnly = registry(null,
                RevisionCollector.decoding(historyStore, Releases.CATALOGUE, () -> Releases.LATER));
        final PrometheusMeterRegistry decodingEveryRecord = registry(new ProgressCollector(() -> progress.stream()
                .map(kv -> Topics.progress().valueSerde().deserializer().deserialize(Topics.PROGRESS, kv.value)).toList()),
                null);
        time("progress gauges, decoding every record", decodingEveryRecord, false);
        time("progress gauges, first scrape (decodes every record)", progressOnly, false);
        for (int i = 0; i < 3; i++) {
            time("progress gauges, no partition written", progressOnly, false);
        }
        for (int i = 0; i < 2; i++) {
            progressStore.written(i);
            time("progress gauges, one partition of 4 written", progressOnly, false);
        }
        time("revision gauges, first scrape (decodes every history)", revisionsOnly, false);
        for (int i = 0; i < 2; i++) {
            time("revision gauges, no partition written", revisionsOnly, false);
        }
        for (int i = 0; i < 2; i++) {
            historyStore.written(i);
            time("revision gauges, one partition of 4 written (1,000 series)", revisionsOnly, false);
        }
        for (int i = 0; i < 4; i++) {
            historyStore.written(i);
        }
        time("revision gauges, all 4 partitions written (1,000 series each)", revisionsOnly, false);
        time("whole scrape, first (plain text)", both, false);
        for (int i = 0; i < 2; i++) {
            time("whole scrape, no partition written, plain text", both, false);
            time("whole scrape, no partition written, gzip (default level)", both, true);
            time("whole scrape, no partition written, gzip (as served)", both, null);
        }
        for (int i = 0; i < 2; i++) {
            progressStore.written(i);
            historyStore.written(i);
            time("whole scrape, one partition of 4 of each written, gzip", both, null);
        }
        for (int i = 0; i < 4; i++) {
            progressStore.written(i);
            historyStore.written(i);
        }
        time("whole scrape, all 4 partitions of each written, gzip", both, null);
    }

    /** @param gzip false: plain text; true: gzip at its default level; null: compressed as the service serves it */
    private static void time(final String what, final PrometheusMeterRegistry registry, final Boolean gzip)
            throws IOException {
        final Counting counted = new Counting();
        final long started = System.nanoTime();
        try (OutputStream out = gzip == null ? ScrapeGzip.around(counted) : gzip ? new GZIPOutputStream(counted, 1 << 16) : counted) {
            registry.scrape(out, "text/plain; version=0.0.4; charset=utf-8");
        }
        System.out.printf("%-55s %6.2f s  %,13d bytes  %,8d samples%n", what, (System.nanoTime() - started) / 1e9,
                counted.bytes, Boolean.FALSE.equals(gzip) ? counted.lines : -1);
    }

    private static PrometheusMeterRegistry registry(final ProgressCollector progress, final RevisionCollector revisions) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (progress != null) {
            registry.getPrometheusRegistry().register(progress);
        }
        if (revisions != null) {
            registry.getPrometheusRegistry().register(revisions);
        }
        return registry;
    }

    private static List<KeyValue<String, byte[]>> progressRecords(final int regions) {
        final List<Release> latest = Releases.history(Releases.budgetRevenue().cumulativeThrough(11).value("113.2").build())
                .latestPerSlot(Releases.LATER);
        final Progress template = PaceAssessor.assess(Releases.indicator("BUDGET_REVENUE"), Releases.series("BUDGET_REVENUE"),
                Targets.budgetRevenue127().build(), YearToDateCalculator.asOf(latest, 12), Instant.parse("2023-12-15T01:30:00Z"));
        final List<KeyValue<String, byte[]>> records = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            for (int i = 1; i <= 20; i++) {
                final Progress p = with(template, String.format("R%05d", r), String.format("I%02d", i),
                        template.ytdValue().add(java.math.BigDecimal.valueOf(r * 20L + i, 2)));
                records.add(KeyValue.pair(ProgressQueries.key(p),
                        Topics.progress().valueSerde().serializer().serialize(Topics.PROGRESS, p)));
            }
        }
        return records;
    }

    /** The same series state written again after a release: other bytes (a newer timestamp), same history. */
    private static KeyValue<String, byte[]> rewritten(final KeyValue<String, byte[]> stored) {
        return KeyValue.pair(stored.key, StoredSeries.encode(SeriesVersions.decode(stored.value).history(), 1));
    }

    /** Each series' state as the judge stores it: key, and its bytes. */
    private static List<KeyValue<String, byte[]>> historyRecords(final int regions) {
        final List<KeyValue<String, byte[]>> records = new ArrayList<>();
        // The bundled catalogue's four monthly indicators, five times over (regions R00001-0 ... -4): 20 a region.
        final String[] indicators = {"BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED"};
        for (int r = 0; r < regions; r++) {
            for (final String indicator : indicators) {
                for (int y = 0; y < 5; y++) {
                    final String region = String.format("R%05d-%d", r, y);
                    final List<Release> releases = new ArrayList<>();
                    for (int m = 2; m <= 12; m++) {
                        final Releases.Builder release = Releases.of(indicator).region(region).cumulativeThrough(m)
                                .growth("4." + m % 10);
                        releases.add((growthOnly(indicator) ? release : release.value(Integer.toString(10 * m + r % 7)))
                                .publishedAt(m == 12 ? "2024-01-12T09:30:00+08:00"
                                        : String.format("2023-%02d-12T09:30:00+08:00", m + 1)).build());
                    }
                    final Releases.Builder revision = Releases.of(indicator).region(region).cumulativeThrough(5).growth("4.9");
                    releases.add((growthOnly(indicator) ? revision : revision.value("51")).publishedAt("2023-07-20T09:30:00+08:00").revision(1).build());
                    records.add(KeyValue.pair(new SeriesKey(region, indicator, 2023).id(),
                            StoredSeries.encode(Releases.history(releases))));
                }
            }
        }
        return records;
    }

    private static boolean growthOnly(final String indicator) {
        return "INDUSTRIAL_VALUE_ADDED".equals(indicator);
    }

    /**
     * Records spread over four partitions as a store holds them; a partition is read (and what it
     * holds made by {@code read}, as a store's serde would) at each scrape that asks for it, and its
     * version moves when the bench says it was written.
     */
    private static final class Partitioned<S, R> implements StorePartitions<R> {
        private static final int PARTITIONS = 4;
        private static final int CHANGED_PER_WRITE = 1_000;
        private final List<List<S>> partitions = new ArrayList<>();
        private final int[] versions = new int[PARTITIONS];
        private final java.util.function.Function<S, R> read;
        private final java.util.function.UnaryOperator<S> rewrite;

        Partitioned(final List<S> records, final java.util.function.Function<S, R> read,
                    final java.util.function.UnaryOperator<S> rewrite) {
            this.read = read;
            this.rewrite = rewrite;
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new ArrayList<>());
            }
            for (int i = 0; i < records.size(); i++) {
                partitions.get(i % PARTITIONS).add(records.get(i));
            }
        }

        /**
         * A write to the partition: its version moves and what it gives differs (here, in order; and the
         * first 1,000 records as {@code rewrite} makes them, as if a release had come for each).
         */
        void written(final int partition) {
            versions[partition]++;
            final List<S> records = partitions.get(partition);
            for (int i = 0; i < Math.min(CHANGED_PER_WRITE, records.size()); i++) {
                records.set(i, rewrite.apply(records.get(i)));
            }
            java.util.Collections.rotate(records, 1);
        }

        @Override
        public java.util.Map<Integer, Object> versions() {
            final java.util.Map<Integer, Object> now = new java.util.HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                now.put(p, versions[p]);
            }
            return now;
        }

        @Override
        public List<R> read(final int partition) {
            return partitions.get(partition).stream().map(read).toList();
        }
    }

    /** The same standing under another series' labels, with its own amount. */
    private static Progress with(final Progress p, final String region, final String indicator,
                                 final java.math.BigDecimal ytd) {
        return new Progress(region, indicator, p.indicatorNameZh(), p.indicatorNameEn(), p.year(), p.asOfMonth(),
                p.asOfPeriod(), p.status(), p.judgedStatus(), p.judgedOn(), p.unit(), ytd,
                p.cumulativeGrowthPercent(), p.targetKind(), p.targetValue(), p.impliedTargetGrowthPercent(),
                p.expectedAtPace(), p.completionRatio(), p.timeProgress(), p.gapPp(), p.projectedYearEnd(),
                p.remainingToTarget(), p.requiredRestOfYearGrowthPercent(), p.missingMonths(), p.releaseVersions(),
                p.targetPublishedAt(), p.updatedAt(), p.messageZh(), p.messageEn(), p.regionNameZh(), p.regionNameEn(),
                null, null, null, null,
                p.priorYearShare(), p.priorYearGapPp(), p.linearTimeProgress(), p.linearGapPp(), p.priorYearFallback());
    }

    /** Counts what a scrape writes without keeping it. */
    private static final class Counting extends OutputStream {
        private long bytes;
        private long lines;

        @Override
        public void write(final int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(final byte[] b, final int off, final int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
