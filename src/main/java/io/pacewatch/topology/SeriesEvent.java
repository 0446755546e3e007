package io.pacewatch.topology;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;

/**
 * What reaches a series' judge: a new version of a figure, or its target set, changed or deleted
 * (null), or its rank among its peers for a month.
 */
sealed interface SeriesEvent {

    record NewRelease(Release release) implements SeriesEvent {
    }

    record TargetChange(Target target) implements SeriesEvent {
    }

    record PeerRankChange(PeerRankUpdate update) implements SeriesEvent {
    }
}
