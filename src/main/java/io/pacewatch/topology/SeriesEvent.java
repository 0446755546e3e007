package io.pacewatch.topology;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;

/** What reaches a series' judge: a new version of a figure, or its target set, changed or deleted (null). */
sealed interface SeriesEvent {

    record NewRelease(Release release) implements SeriesEvent {
    }

    record TargetChange(Target target) implements SeriesEvent {
    }
}
