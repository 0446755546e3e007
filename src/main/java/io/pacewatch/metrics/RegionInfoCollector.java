package io.pacewatch.metrics;

import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Locale;

/**
 * {@code pacewatch_region_info{region, name_zh, name_en, parent, level} 1}, one per catalogue region:
 * the names people read and the peer group, once, instead of on every per-series gauge (whose
 * {@code region} label stays the code). A query that wants names joins it with
 * {@code * on(region) group_left(name_zh, name_en)}; a region the catalogue does not know has no
 * info series, so such a join drops it: the dashboards keep codes and do not join.
 */
public final class RegionInfoCollector implements Collector {

    static final String NAME = "pacewatch_region";

    private final InfoSnapshot snapshot;

    public RegionInfoCollector(final RegionCatalogue regions) {
        final InfoSnapshot.Builder builder = InfoSnapshot.builder().name(NAME)
                .help("The regions of the region catalogue: names (zh, en), parent region (empty at the top) and level");
        for (final Region region : regions.all()) {
            builder.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of(
                    "region", region.code(),
                    "name_zh", region.nameZh(),
                    "name_en", region.nameEn(),
                    "parent", region.parent() == null ? "" : region.parent(),
                    "level", region.level().name().toLowerCase(Locale.ROOT))).build());
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
