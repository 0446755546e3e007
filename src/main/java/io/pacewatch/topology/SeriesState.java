package io.pacewatch.topology;

import io.pacewatch.domain.ReleaseHistory;
import java.util.Objects;

/**
 * All a series' judge keeps between releases, in one value so that a release costs one read and one
 * changelog write: every version received ({@code history}) and what was last published from it
 * ({@code emitted}). Kept in the {@value PacewatchTopology#RELEASE_HISTORY_STORE} store.
 */
public record SeriesState(ReleaseHistory history, EmittedState emitted) {

    static final SeriesState EMPTY = new SeriesState(ReleaseHistory.EMPTY, EmittedState.NOTHING);

    public SeriesState {
        history = Objects.requireNonNullElse(history, ReleaseHistory.EMPTY);
        emitted = Objects.requireNonNullElse(emitted, EmittedState.NOTHING);
    }

    boolean isEmpty() {
        return history.versions().isEmpty() && emitted.fingerprints().isEmpty();
    }
}
