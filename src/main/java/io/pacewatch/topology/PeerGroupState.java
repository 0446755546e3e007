package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.PeerStanding;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ranking of one peer group keeps ({@value PacewatchTopology#PEER_GROUPS_STORE}): each
 * member's standing per month, and the ranks last sent back to the members' series, so that only
 * ranks that changed are sent again.
 */
record PeerGroupState(Map<Integer, Map<String, PeerStanding>> standings, Map<Integer, Map<String, PeerRank>> published) {

    static final PeerGroupState EMPTY = new PeerGroupState(Map.of(), Map.of());

    PeerGroupState {
        standings = standings == null ? Map.of() : copy(standings);
        published = published == null ? Map.of() : copy(published);
    }

    /** The month's standings by region; empty when nobody has one. */
    Map<String, PeerStanding> standingsIn(final int month) {
        return standings.getOrDefault(month, Map.of());
    }

    Map<String, PeerRank> publishedIn(final int month) {
        return published.getOrDefault(month, Map.of());
    }

    /** The latest month any member has a standing for, or 0. */
    int latestMonth() {
        return standings.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    boolean isEmpty() {
        return standings.isEmpty() && published.isEmpty();
    }

    private static <V> Map<Integer, Map<String, V>> copy(final Map<Integer, Map<String, V>> byMonth) {
        final Map<Integer, Map<String, V>> copy = new TreeMap<>();
        byMonth.forEach((month, byRegion) -> {
            if (!byRegion.isEmpty()) {
                copy.put(month, java.util.Collections.unmodifiableMap(new TreeMap<>(byRegion)));
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
