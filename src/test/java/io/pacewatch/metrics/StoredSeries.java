package io.pacewatch.metrics;

import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.StateBytes;

/**
 * A series' value in the {@value QueryableStores#RELEASE_HISTORY} store, laid out as the judge writes it
 * ({@link StateBytes}): the part readers decode ({@link io.pacewatch.wire.SeriesVersions}) and, after it, a
 * field of the judge's own that readers leave unread. The metrics tests build their stores from these
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
