package io.pacewatch.query;

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

    /** A region and the years it has progress for, oldest first. */
    public record RegionYears(String region, List<Integer> years) {
        public RegionYears {
            years = List.copyOf(years);
        }
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
