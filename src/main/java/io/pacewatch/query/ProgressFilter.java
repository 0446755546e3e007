package io.pacewatch.query;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Severity;

/** Which series a list query asks for; a null field matches everything. */
public record ProgressFilter(String region, Integer year, String indicator, PaceStatus status, Severity severity) {

    public static final ProgressFilter ALL = new ProgressFilter(null, null, null, null, null);

    public boolean matches(final Progress progress) {
        return (region == null || region.equals(progress.region()))
                && (year == null || year == progress.year())
                && (indicator == null || indicator.equals(progress.indicator()))
                && (status == null || status == progress.status());
    }

    /** What the key alone tells: region, indicator and year (the status needs the record). */
    public boolean matches(final SeriesKey series) {
        return (region == null || region.equals(series.region()))
                && (year == null || year == series.year())
                && (indicator == null || indicator.equals(series.indicator()));
    }

    public boolean matches(final Alert alert) {
        return (region == null || region.equals(alert.region()))
                && (year == null || year == alert.year())
                && (indicator == null || indicator.equals(alert.indicator()))
                && (status == null || status == alert.status())
                && (severity == null || severity == alert.severity());
    }
}
