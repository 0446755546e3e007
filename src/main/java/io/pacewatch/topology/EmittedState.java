package io.pacewatch.topology;

import io.pacewatch.domain.PaceStatus;
import java.util.Map;

/**
 * What was last published for a series: the last status that judged something (the reference for
 * the next alert) and a fingerprint of each progress record, so unchanged records are not re-sent.
 */
record EmittedState(PaceStatus lastJudgedStatus, Map<String, Long> fingerprints) {

    static final EmittedState NOTHING = new EmittedState(null, Map.of());

    EmittedState {
        fingerprints = Map.copyOf(fingerprints);
    }
}
