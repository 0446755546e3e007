package io.pacewatch.topology;

import io.pacewatch.domain.PaceStatus;
import java.util.Map;

/**
 * What was last published for a series: the last status that judged something (the reference for
 * the next pace alert), the last status of any kind (to tell an overdue release landing), and a
 * fingerprint of each progress record, so unchanged records are not re-sent.
 */
record EmittedState(PaceStatus lastJudgedStatus, PaceStatus lastStatus, Map<String, Long> fingerprints) {

    static final EmittedState NOTHING = new EmittedState(null, null, Map.of());

    EmittedState {
        fingerprints = Map.copyOf(fingerprints);
    }
}
