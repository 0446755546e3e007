package io.pacewatch.http;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one intake token allows: its holder's {@code name} (the {@code source} its records carry) and
 * the regions it may publish; {@value #ANY_REGION} stands for every region.
 */
public record IntakeGrant(String name, Set<String> regions) {

    public static final String ANY_REGION = "*";

    public IntakeGrant {
        regions = Set.copyOf(regions);
    }

    public boolean allows(final String region) {
        return regions.contains(ANY_REGION) || regions.contains(region);
    }

    /** The regions among {@code wanted} this token may not publish, sorted, so a refusal can name them. */
    public SortedSet<String> refused(final Iterable<String> wanted) {
        final SortedSet<String> refused = new TreeSet<>();
        wanted.forEach(region -> {
            if (!allows(region)) {
                refused.add(region);
            }
        });
        return refused;
    }
}
