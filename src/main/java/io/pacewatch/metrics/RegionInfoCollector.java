package io.pacewatch.metrics;

import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Locale;

/**
 * {@code pacewatch_region_info{region, name_zh, name_en, parent, level} 1}, one per catalogue region:
 * the names people read and the peer group, once, instead of on every per-series gauge (whose
 * {@code region} label stays the code). A query that wants names joins it with
 * {@code * on(region) group_left(name_zh, name_en)}; a region the catalogue does not know has no
 * info series, so such a join drops it: the dashboards keep codes and do not join.
 */
public final class RegionInfoCollector extends CatalogueInfoCollector {

    static final String NAME = "pacewatch_region";

    public RegionInfoCollector(final RegionCatalogue regions) {
        super(NAME, "The regions of the region catalogue: names (zh, en), parent region (empty at the top) and level",
                regions.all().stream().map((Region region) -> Labels.of(
                        "region", region.code(),
                        "name_zh", region.nameZh(),
                        "name_en", region.nameEn(),
                        "parent", region.parent() == null ? "" : region.parent(),
                        "level", region.level().name().toLowerCase(Locale.ROOT))).toList());
    }
}
