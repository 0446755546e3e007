package io.pacewatch.metrics;

import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * {@code pacewatch_indicator_info{indicator, indicator_name, indicator_name_zh, unit} 1}, one per
 * catalogue indicator: the names and the unit amounts are published in, once, instead of on every
 * per-series gauge. Rules join it with {@code * on(indicator) group_left(indicator_name, ...)}.
 * Every instance exports the whole catalogue, so the names are there whichever instance owns a series.
 */
public final class IndicatorInfoCollector implements Collector {

    static final String NAME = "pacewatch_indicator";

    private final InfoSnapshot snapshot;

    public IndicatorInfoCollector(final IndicatorCatalogue catalogue) {
        final InfoSnapshot.Builder builder = InfoSnapshot.builder().name(NAME)
                .help("The indicators of the catalogue: names (en, zh) and the unit their amounts are published in");
        for (final Indicator indicator : catalogue.all()) {
            builder.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of(
                    "indicator", indicator.code(),
                    "indicator_name", indicator.nameEn(),
                    "indicator_name_zh", indicator.nameZh(),
                    "unit", indicator.unit().symbol())).build());
        }
        this.snapshot = builder.build();
    }

    @Override
    public MetricSnapshot collect() {
        return snapshot;
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
