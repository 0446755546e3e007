package io.pacewatch.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The labels of every per-series gauge, whichever store it is read from, so that gauges of one series
 * line up in PromQL and in a Grafana table. Only labels that never change for a series: a change of
 * status or of the period last revised must not split its time series.
 */
final class SeriesLabels {

    private SeriesLabels() {
    }

    static Labels of(final String region, final String indicator, final String nameEn, final String nameZh,
                     final int year) {
        return Labels.of(
                "region", region,
                "indicator", indicator,
                "indicator_name", nameEn,
                "indicator_name_zh", nameZh,
                "year", Integer.toString(year));
    }

    /** Amounts also say their unit (亿元), so that a panel can ask for the unit it shows. */
    static Labels withUnit(final Labels series, final String unit) {
        return series.merge(Labels.of("unit", unit));
    }
}
