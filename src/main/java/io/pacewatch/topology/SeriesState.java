package io.pacewatch.topology;

import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.domain.ReleaseHistory;
import java.util.Objects;

/**
 * All a series' judge keeps between releases, in one value so that a release costs one read and one
 * changelog write: every version received ({@code history}) and what was last published from it
 * ({@code emitted}). Kept in the {@value PacewatchTopology#RELEASE_HISTORY_STORE} store.
 * {@code newestReleaseTimestamp}, the latest record timestamp among the series' releases, stamps what
 * is published (with the target's): the newest input's time, whatever order the inputs came in.
 */
public record SeriesState(ReleaseHistory history, EmittedState emitted, long newestReleaseTimestamp) implements SeriesVersions {

    static final SeriesState EMPTY = new SeriesState(ReleaseHistory.EMPTY, EmittedState.NOTHING, 0);

    public SeriesState {
        history = Objects.requireNonNullElse(history, ReleaseHistory.EMPTY);
        emitted = Objects.requireNonNullElse(emitted, EmittedState.NOTHING);
    }

    boolean isEmpty() {
        return history.versions().isEmpty() && emitted.fingerprints().isEmpty();
    }
}
