package io.pacewatch.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Judges one series from all its versions and its target: the latest standing and the pace curve. */
public final class SeriesEvaluator {

    private final IndicatorCatalogue catalogue;

    public SeriesEvaluator(final IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * @param history  every version received, or null when only a target is known
     * @param target   the target, or null when none has been set (yet)
     * @param now      embargoed versions stay hidden until this instant has passed their embargo
     * @return empty when the indicator has left the catalogue, since nothing can be said of it
     */
    public Optional<SeriesEvaluation> evaluate(final SeriesKey series, final ReleaseHistory history,
                                               final Target target, final Instant now) {
        final Optional<Indicator> indicator = catalogue.find(series.indicator());
        if (indicator.isEmpty() || (history == null && target == null)) {
            return Optional.empty();
        }
        final List<Release> latest = history == null ? List.of() : history.latestPerSlot(now);
        final TreeSet<Integer> months = new TreeSet<>();
        latest.forEach(r -> months.add(r.period().lastMonth()));

        final List<SeriesEvaluation.PeriodProgress> curve = new ArrayList<>();
        for (final int month : months) {
            final YearToDate ytd = YearToDateCalculator.asOf(latest, month);
            final Progress progress = PaceAssessor.assess(indicator.get(), series, target, ytd,
                    updatedAt(latest, target, month));
            curve.add(new SeriesEvaluation.PeriodProgress(month,
                    ReferencePeriod.cumulativeThrough(series.year(), month).code(), progress));
        }
        final Progress current = curve.isEmpty()
                ? PaceAssessor.assess(indicator.get(), series, target, YearToDateCalculator.asOf(List.of(), 0),
                        updatedAt(latest, target, 0))
                : curve.get(curve.size() - 1).progress();
        return Optional.of(new SeriesEvaluation(series, current, curve));
    }

    /** The newest input behind an assessment: deterministic, so a replay yields identical records. */
    private static Instant updatedAt(final List<Release> latest, final Target target, final int month) {
        return Stream.concat(
                        latest.stream().filter(r -> r.period().lastMonth() <= month).map(Release::effectiveAt),
                        Stream.ofNullable(target).map(Target::publishedAt))
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }
}
