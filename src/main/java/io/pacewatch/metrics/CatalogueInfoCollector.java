package io.pacewatch.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * An info metric ({@code <name>_info{…} 1}) with one series per entry of a catalogue: built once,
 * since a catalogue does not change while the service runs.
 */
abstract class CatalogueInfoCollector implements Collector {

    private final String name;
    private final InfoSnapshot snapshot;

    CatalogueInfoCollector(final String name, final String help, final List<Labels> entries) {
        final InfoSnapshot.Builder builder = InfoSnapshot.builder().name(name).help(help);
        entries.forEach(labels -> builder.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build()));
        this.name = name;
        this.snapshot = builder.build();
    }

    @Override
    public final MetricSnapshot collect() {
        return snapshot;
    }

    @Override
    public final String getPrometheusName() {
        return name;
    }
}
