package io.pacewatch.wire;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.ReleaseHistory;

/**
 * What a reader of the {@value QueryableStores#RELEASE_HISTORY} store may use of a series' state:
 * every version received, and last year's curve the series is judged against. The judge keeps more
 * beside them, in a layout that is its own business.
 */
public interface SeriesVersions {

    ReleaseHistory history();

    /** Last year's cumulative curve of the same series, as the judge last received it; null when none is known. */
    CumulativeCurve priorYear();
}
