package io.pacewatch.topology;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;

/**
 * What reaches a series' judge: a new version of a figure, its target set, changed or deleted (null),
 * its rank among its peers for a month, or last year's cumulative curve of the same series, sent by
 * last year's series through the prior-year loop (an empty curve: last year no longer has one).
 */
sealed interface SeriesEvent {

    record NewRelease(Release release) implements SeriesEvent {
    }

    record TargetChange(Target target) implements SeriesEvent {
    }

    record PeerRankChange(PeerRankUpdate update) implements SeriesEvent {
    }

    record PriorYear(CumulativeCurve curve) implements SeriesEvent {
    }
}
