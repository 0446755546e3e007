package io.pacewatch.wire;

import io.pacewatch.domain.ReleaseHistory;

/**
 * What a reader of the {@value QueryableStores#RELEASE_HISTORY} store may use of a series' state:
 * every version received. The judge keeps more beside it, in a layout that is its own business.
 */
public interface SeriesVersions {

    ReleaseHistory history();
}
