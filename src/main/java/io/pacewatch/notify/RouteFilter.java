package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Severity;
import java.util.Set;

/**
 * Which alerts a route receives: an empty set of regions or indicators means all of them; an alert
 * passes when its region, its indicator and its severity (at least {@code minSeverity}) all match.
 */
public record RouteFilter(Set<String> regions, Set<String> indicators, Severity minSeverity) {

    public static final RouteFilter ALL = new RouteFilter(Set.of(), Set.of(), Severity.INFO);

    public RouteFilter {
        regions = Set.copyOf(regions);
        indicators = Set.copyOf(indicators);
        minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
    }

    public boolean matches(final Alert alert) {
        return (regions.isEmpty() || regions.contains(alert.region()))
                && (indicators.isEmpty() || indicators.contains(alert.indicator()))
                && alert.severity() != null && alert.severity().compareTo(minSeverity) >= 0;
    }

    @Override
    public String toString() {
        return "regions=" + (regions.isEmpty() ? "all" : regions.stream().sorted().toList())
                + " indicators=" + (indicators.isEmpty() ? "all" : indicators.stream().sorted().toList())
                + " severity>=" + minSeverity;
    }
}
