package io.pacewatch.metrics;

import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * {@code pacewatch_indicator_info{indicator, indicator_name, indicator_name_zh, unit} 1}, one per
 * catalogue indicator: the names and the unit amounts are published in, once, instead of on every
 * per-series gauge. Rules join it with {@code * on(indicator) group_left(indicator_name, ...)}.
 * Every instance exports the whole catalogue, so the names are there whichever instance owns a series.
 */
public final class IndicatorInfoCollector extends CatalogueInfoCollector {

    static final String NAME = "pacewatch_indicator";

    public IndicatorInfoCollector(final IndicatorCatalogue catalogue) {
        super(NAME, "The indicators of the catalogue: names (en, zh) and the unit their amounts are published in",
                catalogue.all().stream().map((Indicator indicator) -> Labels.of(
                        "indicator", indicator.code(),
                        "indicator_name", indicator.nameEn(),
                        "indicator_name_zh", indicator.nameZh(),
                        "unit", indicator.unit().symbol())).toList());
    }
}
