package io.pacewatch.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.domain.ReleaseHistory;
import java.util.Objects;

/**
 * All a series' judge keeps between releases, in one value so that a release costs one read and one
 * changelog write: every version received ({@code history}) and what was last published from it
 * ({@code emitted}). Kept in the {@value PacewatchTopology#RELEASE_HISTORY_STORE} store.
 * {@code newestReleaseTimestamp}, the latest record timestamp among the series' releases, stamps what
 * is published (with the target's): the newest input's time, whatever order the inputs came in.
 * <p>
 * Same-period pace: {@code priorYear} is last year's cumulative curve of the same series, as it came
 * through the prior-year loop ({@link PacewatchTopology}); {@code curveSent} the fingerprint of this
 * series' own curve as last sent to next year's series, so that it is sent again only when it
 * changes. Both are left out of the stored value when absent, so a series without them is stored as before.
 */
public record SeriesState(ReleaseHistory history, EmittedState emitted, long newestReleaseTimestamp,
                          @JsonInclude(JsonInclude.Include.NON_NULL) CumulativeCurve priorYear,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long curveSent) implements SeriesVersions {

    static final SeriesState EMPTY = new SeriesState(ReleaseHistory.EMPTY, EmittedState.NOTHING, 0, null, null);

    public SeriesState {
        history = Objects.requireNonNullElse(history, ReleaseHistory.EMPTY);
        emitted = Objects.requireNonNullElse(emitted, EmittedState.NOTHING);
    }

    SeriesState(final ReleaseHistory history, final EmittedState emitted, final long newestReleaseTimestamp) {
        this(history, emitted, newestReleaseTimestamp, null, null);
    }

    SeriesState withPriorYear(final CumulativeCurve curve) {
        return new SeriesState(history, emitted, newestReleaseTimestamp, curve, curveSent);
    }

    boolean isEmpty() {
        return history.versions().isEmpty() && emitted.fingerprints().isEmpty() && priorYear == null && curveSent == null;
    }
}
