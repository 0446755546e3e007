package io.pacewatch.metrics;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.query.LocalViews;
import io.pacewatch.wire.QueryableStores;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import java.util.function.Supplier;

/**
 * Per-series gauges, read at scrape time from this instance's active progress store. Because nothing
 * is registered per series, a series that moves to another instance after a rebalance simply stops
 * appearing here and starts appearing there: no stale series are left behind. Dashboards aggregate
 * with {@code max without(instance)}.
 *
 * <p>Prometheus conventions: base units, one unit per name. Amounts are in yuan ({@code _yuan}),
 * whatever unit the indicator is published in; shares, growth rates and gaps are ratios
 * ({@code _ratio}: 0.061 is 6.1%, a gap of -0.015 is 1.5 percentage points behind). Labels are only
 * region, indicator and year (the peer gauges add the peer group, {@code parent}); {@link
 * IndicatorInfoCollector} carries the names. The status is a gauge
 * of its own, not a label, so a status change does not split the time series.
 */
public final class ProgressCollector implements MultiCollector {

    private static final List<Gauge> GAUGES = List.of(
            new Gauge("pacewatch_ytd_amount_yuan", "Year-to-date amount, in yuan",
                    p -> yuan(p, p.ytdValue())),
            new Gauge("pacewatch_target_amount_yuan", "Annual target of an amount target, in yuan",
                    p -> p.targetKind() == TargetKind.AMOUNT ? yuan(p, p.targetValue()) : null),
            new Gauge("pacewatch_target_growth_ratio", "Annual target of a growth target, as a ratio (0.065 = 6.5%)",
                    p -> p.targetKind() == TargetKind.GROWTH ? ratio(p.targetValue()) : null),
            new Gauge("pacewatch_expected_at_pace_amount_yuan",
                    "Amount an amount target expects by now (annual target x time progress), in yuan",
                    p -> p.targetKind() == TargetKind.AMOUNT ? yuan(p, p.expectedAtPace()) : null),
            new Gauge("pacewatch_completion_ratio", "Year-to-date amount / annual target",
                    Progress::completionRatio),
            new Gauge("pacewatch_time_progress_ratio",
                    "Time progress (序时进度): share of the year's target expected by now", Progress::timeProgress),
            new Gauge("pacewatch_completion_gap_ratio",
                    "Amount targets: completion minus time progress (-0.015 = 1.5 pp behind)",
                    p -> p.judgedOn() == Judgement.AMOUNT_COMPLETION ? ratio(p.gapPp()) : null),
            new Gauge("pacewatch_prior_year_gap_ratio",
                    "Amount targets, where last year is known: completion minus last year's same-period share"
                            + " (上年同期进度; -0.015 = 1.5 pp slower than last year)",
                    p -> ratio(p.priorYearGapPp())),
            new Gauge("pacewatch_growth_gap_ratio",
                    "Growth judged: cumulative growth minus target growth, or minus the growth an amount target"
                            + " implies (-0.015 = 1.5 pp behind)",
                    p -> p.judgedOn() == Judgement.GROWTH || p.judgedOn() == Judgement.IMPLIED_GROWTH
                            ? ratio(p.gapPp()) : null),
            new Gauge("pacewatch_cumulative_growth_ratio", "Cumulative year-on-year growth as published, as a ratio",
                    p -> ratio(p.cumulativeGrowthPercent())),
            new Gauge("pacewatch_projected_year_end_amount_yuan", "Year-end amount if the current pace holds, in yuan",
                    p -> yuan(p, p.projectedYearEnd())),
            new Gauge("pacewatch_as_of_month", "Last month of the year the judgement rests on (0 = no data)",
                    p -> BigDecimal.valueOf(p.asOfMonth())),
            new Gauge("pacewatch_missing_months", "Months before the latest figure that have no release",
                    p -> BigDecimal.valueOf(p.missingMonths().size())),
            new Gauge("pacewatch_pace_status", "Last judged status: 0 ahead, 1 on pace, 2 at risk, 3 behind,"
                    + " -1 no data, -2 not assessable; an overdue release leaves it as it was",
                    p -> BigDecimal.valueOf(judged(p).metricValue())),
            new Gauge("pacewatch_release_overdue",
                    "1 while a release the release calendar expects has not come, else 0",
                    p -> p.status() == PaceStatus.OVERDUE ? BigDecimal.ONE : BigDecimal.ZERO),
            // Labelled with the peer group too, so a panel selects a parent's regions without a join.
            new Gauge("pacewatch_peer_rank", "Rank among the regions of the same parent for the latest month"
                    + " (1 = best; tied regions share a rank); absent while not ranked",
                    p -> p.peerRank() == null ? null : BigDecimal.valueOf(p.peerRank()), true),
            new Gauge("pacewatch_peer_count", "How many regions of the same parent are ranked for the latest month",
                    p -> p.peerCount() == null ? null : BigDecimal.valueOf(p.peerCount()), true));

    private final SeriesSource localSeries;
    /** The last scrape's snapshots, served again while no partition changed. */
    private MetricSnapshots last;

    /**
     * Reads the active progress view partition by partition: a partition not written since the last
     * scrape is not read again, and in one that was, only the records whose bytes changed are decoded.
     */
    public static ProgressCollector of(final LocalViews views, final StoreRestorations restorations) {
        return decoding(ActiveStores.partitions(views, restorations, QueryableStores.PROGRESS_VIEW,
                views::latestRecords));
    }

    /**
     * Over partitions of raw progress records (key, the topic's JSON bytes), each partition read again
     * only when its version changed, and in it each record decoded once per change of its bytes.
     */
    static ProgressCollector decoding(final StorePartitions<KeyValue<String, byte[]>> partitions) {
        final PartitionSnapshots<KeyValue<String, byte[]>, DecodedRecords.Decoded<SeriesPoints>> snapshots =
                new PartitionSnapshots<>(partitions,
                        DecodedRecords.maker(bytes -> SeriesPoints.of(LocalViews.decodeProgress(bytes))), Instant::now);
        return new ProgressCollector(() -> {
            final PartitionSnapshots.Snapshot<DecodedRecords.Decoded<SeriesPoints>> read = snapshots.get();
            return new PartitionSnapshots.Snapshot<>(read.changed()
                    ? read.values().stream().map(DecodedRecords.Decoded::value).toList() : List.of(), read.changed());
        });
    }

    /** Decodes nothing itself and keeps nothing: the samples of exactly these records, computed at each scrape. */
    public ProgressCollector(final Supplier<List<Progress>> localLatest) {
        this(() -> new PartitionSnapshots.Snapshot<>(localLatest.get().stream().map(SeriesPoints::of).toList(), true));
    }

    private ProgressCollector(final SeriesSource localSeries) {
        this.localSeries = localSeries;
    }

    /** Where a scrape gets the samples of this instance's series, and whether they changed since the last. */
    private interface SeriesSource {
        PartitionSnapshots.Snapshot<SeriesPoints> read();
    }

    @Override
    public synchronized MetricSnapshots collect() {
        final PartitionSnapshots.Snapshot<SeriesPoints> read = localSeries.read();
        if (!read.changed() && last != null) {
            return last;
        }
        // In label order once, so that each gauge's snapshot, which sorts its points by labels, finds them sorted.
        final List<SeriesPoints> series = new ArrayList<>(read.values());
        series.sort(Comparator.comparing(points -> points.labels));
        final List<MetricSnapshot> snapshots = new ArrayList<>(GAUGES.size());
        for (int g = 0; g < GAUGES.size(); g++) {
            final Gauge gauge = GAUGES.get(g);
            final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(gauge.name).help(gauge.help);
            for (final SeriesPoints points : series) {
                if (points.byGauge[g] != null) {
                    builder.dataPoint(points.byGauge[g]);
                }
            }
            snapshots.add(builder.build());
        }
        last = new MetricSnapshots(snapshots);
        return last;
    }

    /** The samples of one series, one per gauge in {@link #GAUGES} order (null where it has none); immutable. */
    private static final class SeriesPoints {
        private final Labels labels;
        private final GaugeDataPointSnapshot[] byGauge;

        private SeriesPoints(final Labels labels, final GaugeDataPointSnapshot[] byGauge) {
            this.labels = labels;
            this.byGauge = byGauge;
        }

        static SeriesPoints of(final Progress progress) {
            final Labels labels = SeriesLabels.of(progress.region(), progress.indicator(), progress.year());
            final Labels withParent = progress.peerGroup() == null ? labels : labels.add("parent", progress.peerGroup());
            final GaugeDataPointSnapshot[] points = new GaugeDataPointSnapshot[GAUGES.size()];
            for (int g = 0; g < points.length; g++) {
                final BigDecimal value = GAUGES.get(g).value.apply(progress);
                if (value != null) {
                    points[g] = GaugeDataPointSnapshot.builder().labels(GAUGES.get(g).parentLabel ? withParent : labels)
                            .value(value.doubleValue()).build();
                }
            }
            return new SeriesPoints(labels, points);
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return GAUGES.stream().map(Gauge::name).toList();
    }

    /** Progress written before judgedStatus existed has none while overdue: nothing judged that we know of. */
    private static PaceStatus judged(final Progress progress) {
        return progress.judgedStatus() == null ? PaceStatus.NO_DATA : progress.judgedStatus();
    }

    /** An amount in the series' unit (亿元 ...), in yuan. */
    private static BigDecimal yuan(final Progress progress, final BigDecimal amount) {
        return amount == null ? null : AmountUnit.parse(progress.unit()).convert(amount, AmountUnit.YUAN);
    }

    /** Percent or percentage points as a ratio: 6.1 becomes 0.061. */
    static BigDecimal ratio(final BigDecimal percent) {
        return percent == null ? null : percent.movePointLeft(2);
    }

    /** @param parentLabel the series' labels and its peer group ({@code parent}) */
    private record Gauge(String name, String help, Function<Progress, BigDecimal> value, boolean parentLabel) {
        Gauge(final String name, final String help, final Function<Progress, BigDecimal> value) {
            this(name, help, value, false);
        }
    }
}
