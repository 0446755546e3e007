package io.pacewatch.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import java.nio.file.Path;
import java.util.List;

/** Loads the indicator and region catalogues: the bundled defaults, or a deployment's own files. */
public final class CatalogueLoader {

    public static final String BUNDLED = "/catalogue/indicators.json";
    public static final String BUNDLED_REGIONS = "/catalogue/regions.json";
    private static final TypeReference<List<Indicator>> INDICATORS = new TypeReference<>() { };
    private static final TypeReference<List<Region>> REGIONS = new TypeReference<>() { };

    private CatalogueLoader() {
    }

    public static IndicatorCatalogue bundled() {
        return new IndicatorCatalogue(DataFiles.bundled(BUNDLED, INDICATORS));
    }

    public static IndicatorCatalogue fromFile(final Path file) {
        return new IndicatorCatalogue(DataFiles.fromFile(file, "the indicator catalogue", INDICATORS));
    }

    public static RegionCatalogue bundledRegions() {
        return new RegionCatalogue(DataFiles.bundled(BUNDLED_REGIONS, REGIONS));
    }

    public static RegionCatalogue regionsFromFile(final Path file) {
        return new RegionCatalogue(DataFiles.fromFile(file, "the region catalogue", REGIONS));
    }
}
