package io.pacewatch.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The labels of every per-series gauge, whichever store it is read from, so that gauges of one series
 * line up in PromQL and in a Grafana table. Only labels that never change for a series: a change of
 * status or of the period last revised must not split its time series. The indicator's names and unit
 * are not repeated on every series: {@code pacewatch_indicator_info} carries them once per indicator.
 */
final class SeriesLabels {

    private SeriesLabels() {
    }

    static Labels of(final String region, final String indicator, final int year) {
        return Labels.of(
                "region", region,
                "indicator", indicator,
                "year", Integer.toString(year));
    }
}
