package io.pacewatch.topology;

import io.pacewatch.domain.PeerStanding;

/**
 * A region's standing in one month as it reaches its peer group's ranking: the new standing, or
 * null when the region's record for the month was deleted.
 */
record PeerStandingChange(String region, int month, PeerStanding standing) {
}
