package io.pacewatch.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDateCalculator;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.WireSerdes;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;

/**
 * Not a test: a benchmark-style main that times one /metrics scrape at national size without Kafka,
 * as the service builds it (the same collectors, the same registry, written to a stream as the HTTP
 * port writes it). 3,000 regions × 20 indicators of progress records, held as the progress view
 * holds them (the topic's JSON bytes); the revision gauges over 3,000 × 20 release histories (the
 * catalogue's four monthly indicators under five region codes each) with 11 releases and one revision each, decoded from
 * Smile at every scrape as the release-history store's serde does. Run:
 * {@code java -cp target/test-classes:target/classes:target/lib/* io.pacewatch.metrics.ScrapeAtScale [regions]}
 */
public final class ScrapeAtScale {

    private ScrapeAtScale() {
    }

    public static void main(final String[] args) throws Exception {
        final int regions = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        final List<KeyValue<String, byte[]>> progress = progressRecords(regions);
        // The release-history store's serde.
        final Serde<ReleaseHistory> smile = WireSerdes.stateReadingJson(ReleaseHistory.class);
        final List<byte[]> histories = historyRecords(regions, smile);
        System.out.printf("%,d progress records (%,d bytes), %,d release histories (%,d bytes, Smile)%n",
                progress.size(), progress.stream().mapToLong(kv -> kv.value.length).sum(),
                histories.size(), histories.stream().mapToLong(b -> b.length).sum());

        final PrometheusMeterRegistry both = registry(ProgressCollector.decoding(() -> progress),
                new RevisionCollector(() -> decode(histories, smile), Releases.CATALOGUE, () -> Releases.LATER));
        final PrometheusMeterRegistry progressOnly = registry(ProgressCollector.decoding(() -> progress), null);
        final PrometheusMeterRegistry revisionsOnly = registry(null,
                new RevisionCollector(() -> decode(histories, smile), Releases.CATALOGUE, () -> Releases.LATER));
        final PrometheusMeterRegistry decodingEveryRecord = registry(new ProgressCollector(() -> progress.stream()
                .map(kv -> Topics.progress().valueSerde().deserializer().deserialize(Topics.PROGRESS, kv.value)).toList()),
                null);
        time("progress gauges, decoding every record (as before)", decodingEveryRecord, false);
        time("progress gauges, first scrape (decodes every record)", progressOnly, false);
        for (int i = 0; i < 3; i++) {
            time("progress gauges, records unchanged", progressOnly, false);
        }
        for (int i = 0; i < 2; i++) {
            time("revision gauges (history decoded at each scrape)", revisionsOnly, false);
        }
        for (int i = 0; i < 2; i++) {
            time("whole scrape, plain text", both, false);
            time("whole scrape, gzip", both, true);
        }
    }

    private static void time(final String what, final PrometheusMeterRegistry registry, final boolean gzip)
            throws IOException {
        final Counting counted = new Counting();
        final long started = System.nanoTime();
        try (OutputStream out = gzip ? new GZIPOutputStream(counted, 1 << 16) : counted) {
            registry.scrape(out, "text/plain; version=0.0.4; charset=utf-8");
        }
        System.out.printf("%-55s %6.2f s  %,13d bytes  %,8d samples%n", what, (System.nanoTime() - started) / 1e9,
                counted.bytes, gzip ? -1 : counted.lines);
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

    private static List<byte[]> historyRecords(final int regions, final Serde<ReleaseHistory> smile) throws IOException {
        final List<byte[]> records = new ArrayList<>();
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
                    records.add(smile.serializer().serialize("history", Releases.history(releases)));
                }
            }
        }
        return records;
    }

    private static boolean growthOnly(final String indicator) {
        return "INDUSTRIAL_VALUE_ADDED".equals(indicator);
    }

    private static List<ReleaseHistory> decode(final List<byte[]> histories, final Serde<ReleaseHistory> smile) {
        final List<ReleaseHistory> decoded = new ArrayList<>(histories.size());
        for (final byte[] bytes : histories) {
            decoded.add(smile.deserializer().deserialize("history", bytes));
        }
        return decoded;
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
                null, null, null, null);
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
