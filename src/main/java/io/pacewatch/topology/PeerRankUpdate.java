package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;
import java.util.Objects;

/**
 * A series' new rank in peer group {@code parent} for one month, sent back to the series' judge;
 * {@code rank} null: no longer ranked there. The parent is named so that the judge can ignore an
 * update from a group the catalogue has since moved the region out of.
 */
record PeerRankUpdate(String parent, int month, PeerRank rank) {

    /**
     * The topic is read back from the broker, so a record no ranking could have sent (written by hand or
     * by another program) is refused here and dead-lettered rather than stored against a month that
     * does not exist or a group it does not name.
     */
    PeerRankUpdate {
        Objects.requireNonNull(parent, "parent");
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month " + month + " is not a month of the year (1-12)");
        }
        if (rank != null && !rank.parent().equals(parent)) {
            throw new IllegalArgumentException("a rank in group " + rank.parent() + " sent as group " + parent);
        }
    }
}
