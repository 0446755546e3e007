package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;

/**
 * A series' new rank in peer group {@code parent} for one month, sent back to the series' judge;
 * {@code rank} null: no longer ranked there. The parent is named so that the judge can ignore an
 * update from a group the catalogue has since moved the region out of.
 */
record PeerRankUpdate(String parent, int month, PeerRank rank) {
}
