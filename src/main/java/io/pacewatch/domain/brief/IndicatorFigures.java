package io.pacewatch.domain.brief;

import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Vintages.PeriodVintages;
import java.util.List;
import java.util.Objects;

/**
 * What the brief needs of one series: its latest progress record, its standing at the end of each
 * month (the per-period records {@code region|indicator|year|period}; for an earlier month's brief,
 * as judged at its cut-off, {@link BriefBuilder#asOf}) and the versions of its figures.
 */
public record IndicatorFigures(Indicator indicator, Progress latest, List<Progress> history,
                               List<PeriodVintages> vintages) {

    public IndicatorFigures {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(latest, "latest");
        history = history == null ? List.of() : List.copyOf(history);
        vintages = vintages == null ? List.of() : List.copyOf(vintages);
    }
}
