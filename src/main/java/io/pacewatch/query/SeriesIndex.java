package io.pacewatch.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.SeriesKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the leaders' page needs for its selectors, and nothing else: the regions that have progress,
 * each with its years, and the indicators and years seen at all. Built from the view's keys alone
 * ({@code region|indicator|year}), so no record is decoded; small enough to fetch in full.
 */
public record SeriesIndex(List<RegionYears> regions, List<Integer> years, List<String> indicators) {

    public static final SeriesIndex EMPTY = new SeriesIndex(List.of(), List.of(), List.of());

    public SeriesIndex {
        regions = List.copyOf(regions);
        years = List.copyOf(years);
        indicators = List.copyOf(indicators);
    }

    /**
     * A region and the years it has progress for, oldest first; with the region catalogue's names for
     * the selector, left out for a region the catalogue does not know (the page shows the code).
     */
    public record RegionYears(String region, List<Integer> years,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String nameZh,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String nameEn) {
        public RegionYears {
            years = List.copyOf(years);
        }

        public RegionYears(final String region, final List<Integer> years) {
            this(region, years, null, null);
        }
    }

    /**
     * The same index with each region's names. Only the answer to the page is named: the parts
     * instances exchange stay keys alone, so instances of different versions still merge them.
     */
    public SeriesIndex named(final RegionCatalogue catalogue) {
        return new SeriesIndex(regions.stream().map(r -> catalogue.find(r.region())
                .map((Region known) -> new RegionYears(r.region(), r.years(), known.nameZh(), known.nameEn()))
                .orElse(new RegionYears(r.region(), r.years()))).toList(), years, indicators);
    }

    /** The index of these series: regions, years and indicators each in their natural order, once. */
    public static SeriesIndex of(final Collection<SeriesKey> series) {
        final Builder builder = new Builder();
        series.forEach(builder::add);
        return builder.build();
    }

    /** The union of the parts several instances hold. */
    public static SeriesIndex merge(final Collection<SeriesIndex> parts) {
        final Builder builder = new Builder();
        for (final SeriesIndex part : parts) {
            part.regions.forEach(r -> builder.regions.computeIfAbsent(r.region(), k -> new TreeSet<>()).addAll(r.years()));
            builder.years.addAll(part.years);
            builder.indicators.addAll(part.indicators);
        }
        return builder.build();
    }

    /** Collects keys one at a time, as a scan meets them. */
    static final class Builder {
        private final SortedMap<String, SortedSet<Integer>> regions = new TreeMap<>();
        private final SortedSet<Integer> years = new TreeSet<>();
        private final SortedSet<String> indicators = new TreeSet<>();

        void add(final SeriesKey series) {
            regions.computeIfAbsent(series.region(), k -> new TreeSet<>()).add(series.year());
            years.add(series.year());
            indicators.add(series.indicator());
        }

        SeriesIndex build() {
            final List<RegionYears> byRegion = new ArrayList<>(regions.size());
            for (final Map.Entry<String, SortedSet<Integer>> entry : regions.entrySet()) {
                byRegion.add(new RegionYears(entry.getKey(), new ArrayList<>(entry.getValue())));
            }
            return new SeriesIndex(byRegion, new ArrayList<>(years), new ArrayList<>(indicators));
        }
    }
}
