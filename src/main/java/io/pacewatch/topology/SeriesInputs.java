package io.pacewatch.topology;

import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Target;

/** What the outer join of a series' releases and its target yields; either side may be missing. */
record SeriesInputs(ReleaseHistory history, Target target) {
}
