package io.pacewatch.metrics;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.WireSerdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A series' value in the {@value QueryableStores#RELEASE_HISTORY} store, shaped as the judge writes it:
 * the part readers decode ({@link io.pacewatch.wire.SeriesVersions}) and, beside it, a field of the
 * judge's own that readers skip. The metrics tests build their stores from these without reaching into
 * the topology; {@code topology.SeriesStatesTest} pins that the judge's real bytes decode the same way.
 */
final class StoredSeries {

    /** The reader part plus one judge-only field, so that two values can differ in bytes but not in versions. */
    private record JudgeShaped(ReleaseHistory history, CumulativeCurve priorYear, long newestReleaseTimestamp) {
    }

    private static final Serializer<JudgeShaped> SMILE = WireSerdes.state(JudgeShaped.class).serializer();

    private StoredSeries() {
    }

    static byte[] encode(final ReleaseHistory history) {
        return encode(history, 0);
    }

    /** Other bytes for the same versions when {@code newestReleaseTimestamp} differs, as after a re-judged release. */
    static byte[] encode(final ReleaseHistory history, final long newestReleaseTimestamp) {
        return SMILE.serialize(QueryableStores.RELEASE_HISTORY, new JudgeShaped(history, null, newestReleaseTimestamp));
    }
}
