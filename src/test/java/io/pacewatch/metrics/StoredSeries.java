package io.pacewatch.metrics;

import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.StateBytes;

/**
 * A series' value in the {@value QueryableStores#RELEASE_HISTORY} store as readers see it: the part they
 * decode ({@link io.pacewatch.wire.SeriesVersions}), in the judge's layout ({@link StateBytes}), and after
 * it one number standing in for the judge's own fields, which readers leave unread (the judge itself
 * would not read this value). The metrics tests build their stores from these
 * without reaching into the topology; {@code topology.SeriesStatesTest} pins that the judge's real bytes
 * decode the same way.
 */
final class StoredSeries {

    private StoredSeries() {
    }

    static byte[] encode(final ReleaseHistory history) {
        return encode(history, 0);
    }

    /** Other bytes for the same versions when {@code newestReleaseTimestamp} differs, as after a re-judged release. */
    static byte[] encode(final ReleaseHistory history, final long newestReleaseTimestamp) {
        return StateBytes.writer().versions(history, null).signed(newestReleaseTimestamp).bytes();
    }
}
