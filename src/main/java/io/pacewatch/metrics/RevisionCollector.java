package io.pacewatch.metrics;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.RevisionSummary;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Vintages.PeriodVintages;
import io.pacewatch.query.LocalViews;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-series revision gauges, read at scrape time from this instance's active release-history store:
 * how many reference periods were published more than once, and how far the one revised last moved
 * from its first estimate. As with {@link ProgressCollector}, nothing is registered per series, so a
 * series follows its partition from instance to instance and none goes stale; units follow the same
 * conventions (yuan, ratios). A series' unit comes from the catalogue, since its progress may be held
 * by another instance.
 */
public final class RevisionCollector implements MultiCollector {

    private static final List<Gauge> GAUGES = List.of(
            new Gauge("pacewatch_revised_periods",
                    "Reference periods of the series published in more than one version",
                    s -> Optional.of(BigDecimal.valueOf(s.summary().revisedPeriods()))),
            new Gauge("pacewatch_latest_revision_change_amount_yuan",
                    "Latest minus first estimate of the amount of the period revised last, in yuan",
                    s -> s.latest().map(PeriodVintages::valueChange).map(s::yuan)),
            new Gauge("pacewatch_latest_revision_change_ratio",
                    "Latest minus first estimate of the amount of the period revised last, over the first estimate",
                    s -> s.summary().latestValueChangeRatio()),
            new Gauge("pacewatch_latest_revision_growth_change_ratio",
                    "Latest minus first estimate of the growth of the period revised last, as a ratio (0.001 = 0.1 pp)",
                    s -> s.latest().map(PeriodVintages::growthChangePp).map(ProgressCollector::ratio)),
            new Gauge("pacewatch_latest_revision_month",
                    "Last month of the reference period revised last (5 for Jan-May)",
                    s -> s.latest().map(p -> BigDecimal.valueOf(p.lastMonth()))),
            new Gauge("pacewatch_latest_revision_timestamp_seconds",
                    "Publication time of the latest version of the period revised last, in Unix seconds",
                    s -> s.latest().map(p -> BigDecimal.valueOf(p.latest().publishedAt().getEpochSecond()))));

    private final Supplier<List<ReleaseHistory>> localHistories;
    private final IndicatorCatalogue catalogue;
    private final Supplier<Instant> now;

    /** @param now what counts as published: versions still under embargo are left out */
    public RevisionCollector(final Supplier<List<ReleaseHistory>> localHistories, final IndicatorCatalogue catalogue,
                             final Supplier<Instant> now) {
        this.localHistories = localHistories;
        this.catalogue = catalogue;
        this.now = now;
    }

    public static RevisionCollector of(final LocalViews views, final IndicatorCatalogue catalogue,
                                       final Supplier<Instant> now) {
        return new RevisionCollector(ActiveStores.orNoneWhileRebalancing(views::releaseHistories), catalogue, now);
    }

    @Override
    public MetricSnapshots collect() {
        final List<Series> series = series();
        final List<MetricSnapshot> snapshots = new ArrayList<>(GAUGES.size());
        for (final Gauge gauge : GAUGES) {
            final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(gauge.name).help(gauge.help);
            for (final Series s : series) {
                gauge.value.apply(s).ifPresent(value -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(s.labels())
                        .value(value.doubleValue())
                        .build()));
            }
            snapshots.add(builder.build());
        }
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        return GAUGES.stream().map(Gauge::name).toList();
    }

    private List<Series> series() {
        final Instant visibleAt = now.get();
        final List<Series> out = new ArrayList<>();
        for (final ReleaseHistory history : localHistories.get()) {
            if (history.versions().isEmpty()) {
                continue;
            }
            final SeriesKey key = history.versions().get(0).series();
            // Releases were checked against the catalogue on the way in; one dropped from it since has no names.
            catalogue.find(key.indicator()).ifPresent(indicator -> out.add(new Series(
                    SeriesLabels.of(key.region(), key.indicator(), key.year()),
                    indicator, RevisionSummary.of(history, visibleAt))));
        }
        return out;
    }

    private record Series(Labels labels, Indicator indicator, RevisionSummary summary) {
        Optional<PeriodVintages> latest() {
            return summary.latestRevised();
        }

        /** Release values are stated in the indicator's unit (converted to it on the way in); in yuan here. */
        BigDecimal yuan(final BigDecimal amount) {
            return indicator.unit().convert(amount, AmountUnit.YUAN);
        }
    }

    private record Gauge(String name, String help, Function<Series, Optional<BigDecimal>> value) {
    }
}
