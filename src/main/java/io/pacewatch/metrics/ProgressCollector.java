package io.pacewatch.metrics;

import io.pacewatch.domain.Progress;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.query.LocalViews;
import io.pacewatch.query.ProgressFilter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-series gauges, read at scrape time from this instance's active progress store. Because nothing
 * is registered per series, a series that moves to another instance after a rebalance simply stops
 * appearing here and starts appearing there: no stale series are left behind. Dashboards aggregate
 * with {@code max without(instance)}.
 */
public final class ProgressCollector implements MultiCollector {

    private final Supplier<List<Progress>> localLatest;
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();

    public static ProgressCollector of(final LocalViews views) {
        return new ProgressCollector(ActiveStores.orNoneWhileRebalancing(() -> views.latest(ProgressFilter.ALL)));
    }

    public ProgressCollector(final Supplier<List<Progress>> localLatest) {
        this.localLatest = localLatest;
        gauge("pacewatch_ytd_amount", "Year-to-date amount, in the unit label", Progress::ytdValue, AMOUNT_UNIT);
        gauge("pacewatch_target_value", "Annual target: an amount in the unit label, or growth in percent (kind=growth)",
                Progress::targetValue, TARGET_UNIT);
        gauge("pacewatch_expected_at_pace", "Where the indicator should stand now: amount at pace (amount targets)"
                + " or the target growth in percent (growth targets)", Progress::expectedAtPace, TARGET_UNIT);
        gauge("pacewatch_completion_ratio", "Year-to-date amount / annual target", Progress::completionRatio, null);
        gauge("pacewatch_time_progress_ratio", "Time progress (序时进度): share of the year's target expected by now",
                Progress::timeProgress, null);
        gauge("pacewatch_pace_gap_percentage_points", "Completion minus time progress, or growth minus target growth,"
                + " in percentage points; negative is behind", Progress::gapPp, null);
        gauge("pacewatch_cumulative_growth_percent", "Cumulative year-on-year growth as published, in percent",
                Progress::cumulativeGrowthPercent, null);
        gauge("pacewatch_projected_year_end_amount", "Year-end amount if the current pace holds, in the unit label",
                Progress::projectedYearEnd, AMOUNT_UNIT);
        gauge("pacewatch_as_of_month", "Last month of the year the judgement rests on (0 = no data)",
                p -> BigDecimal.valueOf(p.asOfMonth()), null);
        gauge("pacewatch_missing_months", "Months before the latest figure that have no release",
                p -> BigDecimal.valueOf(p.missingMonths().size()), null);
        gauge("pacewatch_pace_status", "Status: 0 ahead, 1 on pace, 2 at risk, 3 behind, -1 no data, -2 not assessable",
                p -> BigDecimal.valueOf(p.status().metricValue()), null);
    }

    private void gauge(final String name, final String help, final Function<Progress, BigDecimal> value,
                       final Function<Progress, String> unit) {
        gauges.put(name, new Gauge(name, help, value, unit));
    }

    @Override
    public MetricSnapshots collect() {
        final List<Progress> series = localLatest.get();
        final List<MetricSnapshot> snapshots = new ArrayList<>(gauges.size());
        for (final Gauge gauge : gauges.values()) {
            final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(gauge.name).help(gauge.help);
            for (final Progress progress : series) {
                final BigDecimal value = gauge.value.apply(progress);
                if (value != null) {
                    builder.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(labels(progress, gauge.unit))
                            .value(value.doubleValue())
                            .build());
                }
            }
            snapshots.add(builder.build());
        }
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.copyOf(gauges.keySet());
    }

    /** The status is a gauge of its own, not a label, so a status change does not split the time series. */
    private static Labels labels(final Progress progress, final Function<Progress, String> unit) {
        final Labels base = SeriesLabels.of(progress.region(), progress.indicator(), progress.indicatorNameEn(),
                progress.indicatorNameZh(), progress.year());
        return unit == null ? base : SeriesLabels.withUnit(base, unit.apply(progress));
    }

    private static final Function<Progress, String> AMOUNT_UNIT = Progress::unit;
    private static final Function<Progress, String> TARGET_UNIT =
            p -> p.targetKind() == TargetKind.GROWTH ? "percent" : p.unit();

    private record Gauge(String name, String help, Function<Progress, BigDecimal> value,
                         Function<Progress, String> unit) {
    }
}
