package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A series' rank in its peer group per month, as the ranking last sent it back ({@value PacewatchTopology#PEER_RANKS_STORE}). */
record SeriesPeerRanks(Map<Integer, PeerRank> byMonth) {

    static final SeriesPeerRanks NONE = new SeriesPeerRanks(Map.of());

    SeriesPeerRanks {
        byMonth = byMonth == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byMonth));
    }

    SeriesPeerRanks with(final int month, final PeerRank rank) {
        final Map<Integer, PeerRank> next = new TreeMap<>(byMonth);
        if (rank == null) {
            next.remove(month);
        } else {
            next.put(month, rank);
        }
        return new SeriesPeerRanks(next);
    }
}
