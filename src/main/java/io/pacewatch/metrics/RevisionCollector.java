package io.pacewatch.metrics;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.RevisionSummary;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Vintages.PeriodVintages;
import io.pacewatch.query.LocalViews;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.SeriesVersions;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;

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

    private final Supplier<PartitionSnapshots.Snapshot<Series>> local;
    /** The last scrape's snapshots, served again while no partition changed and no embargo ended. */
    private MetricSnapshots last;

    /**
     * Reads and summarises every history at each scrape (no version to tell an unchanged store by).
     *
     * @param now what counts as published: versions still under embargo are left out
     */
    public RevisionCollector(final Supplier<List<ReleaseHistory>> localHistories, final IndicatorCatalogue catalogue,
                             final Supplier<Instant> now) {
        this(new PartitionSnapshots<ReleaseHistory, Series>(StorePartitions.unversioned(localHistories),
                (histories, previous, at) -> {
                    final List<Made> made = histories.stream().map(history -> made(catalogue, history, at)).toList();
                    return new PartitionSnapshots.Part<>(made.stream().flatMap(m -> m.series().stream()).toList(),
                            made.stream().map(Made::validUntil).filter(Objects::nonNull).min(Instant::compareTo).orElse(null));
                }, now)::get);
    }

    private RevisionCollector(final Supplier<PartitionSnapshots.Snapshot<Series>> local) {
        this.local = local;
    }

    /**
     * Reads the active release-history store partition by partition: a partition not written since
     * the last scrape is not read again, and in one that was, only the series whose stored bytes
     * changed (or whose embargo ended) are decoded and summarised again.
     */
    public static RevisionCollector of(final LocalViews views, final StoreRestorations restorations,
                                       final IndicatorCatalogue catalogue, final Supplier<Instant> now) {
        return decoding(ActiveStores.partitions(views, restorations, QueryableStores.RELEASE_HISTORY,
                views::releaseHistoryRecords), catalogue, now);
    }

    /** Over partitions of raw stored values (key, the judge's Smile bytes), each series decoded once per change. */
    static RevisionCollector decoding(final StorePartitions<KeyValue<String, byte[]>> stored,
                                      final IndicatorCatalogue catalogue, final Supplier<Instant> now) {
        final PartitionSnapshots<KeyValue<String, byte[]>, DecodedRecords.Decoded<Made>> snapshots =
                new PartitionSnapshots<>(stored, DecodedRecords.maker(
                        (bytes, at) -> made(catalogue, SeriesVersions.decode(bytes).history(), at), Made::validUntil), now);
        return new RevisionCollector(() -> {
            final PartitionSnapshots.Snapshot<DecodedRecords.Decoded<Made>> read = snapshots.get();
            return new PartitionSnapshots.Snapshot<>(read.changed()
                    ? read.values().stream().flatMap(d -> d.value().series().stream()).toList() : List.of(), read.changed());
        });
    }

    @Override
    public synchronized MetricSnapshots collect() {
        final PartitionSnapshots.Snapshot<Series> read = local.get();
        if (!read.changed() && last != null) {
            return last;
        }
        final List<MetricSnapshot> snapshots = new ArrayList<>(GAUGES.size());
        for (final Gauge gauge : GAUGES) {
            final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(gauge.name).help(gauge.help);
            for (final Series s : read.values()) {
                gauge.value.apply(s).ifPresent(value -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(s.labels())
                        .value(value.doubleValue())
                        .build()));
            }
            snapshots.add(builder.build());
        }
        last = new MetricSnapshots(snapshots);
        return last;
    }

    @Override
    public List<String> getPrometheusNames() {
        return GAUGES.stream().map(Gauge::name).toList();
    }

    /**
     * What a scrape makes of one series' history: its gauges' inputs (none without versions, or when
     * its indicator has left the catalogue; releases were checked against it on the way in), valid
     * until its next embargo ends.
     */
    private static Made made(final IndicatorCatalogue catalogue, final ReleaseHistory history, final Instant visibleAt) {
        if (history.versions().isEmpty()) {
            return new Made(Optional.empty(), null);
        }
        final SeriesKey key = history.versions().get(0).series();
        return new Made(catalogue.find(key.indicator()).map(indicator -> new Series(
                SeriesLabels.of(key.region(), key.indicator(), key.year()), indicator,
                RevisionSummary.of(history, visibleAt))), history.nextEmbargoEnd(visibleAt).orElse(null));
    }

    /** @param validUntil when an embargo in the history ends, from which on it reads differently (null: never) */
    private record Made(Optional<Series> series, Instant validUntil) {
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
