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
    private final RegionCatalogue regions;
    private final ReleaseCalendar calendar;

    /** Without a release calendar: judges the figures, never calls a release overdue. */
    public SeriesEvaluator(final IndicatorCatalogue catalogue) {
        this(catalogue, ReleaseCalendar.NONE);
    }

    /** Without region names: regions are shown by their codes. */
    public SeriesEvaluator(final IndicatorCatalogue catalogue, final ReleaseCalendar calendar) {
        this(catalogue, RegionCatalogue.EMPTY, calendar);
    }

    public SeriesEvaluator(final IndicatorCatalogue catalogue, final RegionCatalogue regions,
                           final ReleaseCalendar calendar) {
        this.catalogue = catalogue;
        this.regions = regions;
        this.calendar = calendar;
    }

    /**
     * @param history  every version received, or null when only a target is known
     * @param target   the target, or null when none has been set (yet)
     * @param now      embargoed versions stay hidden until this instant has passed their embargo, and a
     *                 series with a target whose expected release has not come by now is overdue
     * @return empty when the indicator has left the catalogue, since nothing can be said of it
     */
    public Optional<SeriesEvaluation> evaluate(final SeriesKey series, final ReleaseHistory history,
                                               final Target target, final Instant now) {
        return evaluate(series, history, target, now, 1);
    }

    /**
     * As {@link #evaluate(SeriesKey, ReleaseHistory, Target, Instant)}, with the pace curve only from
     * {@code fromMonth} on (and the last month's, which the latest standing is). A month's standing
     * depends only on figures for periods ending by that month and on the target, so a new release
     * for month m leaves the months before m as they were: the caller keeps what it decided for them.
     */
    public Optional<SeriesEvaluation> evaluate(final SeriesKey series, final ReleaseHistory history,
                                               final Target target, final Instant now, final int fromMonth) {
        return evaluate(series, history, target, null, now, fromMonth);
    }

    /**
     * As {@link #evaluate(SeriesKey, ReleaseHistory, Target, Instant, int)}, with last year's cumulative
     * curve of the same series (null when none is known): every month's standing then shows the
     * same-period share (上年同期进度) and is judged on it where the target asks for PRIOR_YEAR pace.
     * A change of last year's curve can change every month: judge from month 1 then.
     */
    public Optional<SeriesEvaluation> evaluate(final SeriesKey series, final ReleaseHistory history,
                                               final Target target, final CumulativeCurve priorYear,
                                               final Instant now, final int fromMonth) {
        final Optional<Indicator> indicator = catalogue.find(series.indicator());
        if (indicator.isEmpty() || (history == null && target == null)) {
            return Optional.empty();
        }
        final Region region = regions.find(series.region()).orElse(null);
        final List<Release> latest = history == null ? List.of() : history.latestPerSlot(now);
        final CumulativeCurve lastYear = priorYear != null && priorYear.year() == series.year() - 1 ? priorYear : null;
        final TreeSet<Integer> months = new TreeSet<>();
        latest.forEach(r -> months.add(r.period().lastMonth()));

        final List<SeriesEvaluation.PeriodProgress> curve = new ArrayList<>();
        for (final int month : months) {
            if (month < fromMonth && month != months.last()) {
                continue;
            }
            final YearToDate ytd = YearToDateCalculator.asOf(latest, month);
            final Progress progress = PaceAssessor.assess(indicator.get(), region, series, target, ytd, lastYear,
                    updatedAt(latest, target, lastYear, month));
            curve.add(new SeriesEvaluation.PeriodProgress(month,
                    ReferencePeriod.cumulativeThrough(series.year(), month).code(), progress));
        }
        final Progress judged = curve.isEmpty()
                ? PaceAssessor.assess(indicator.get(), region, series, target, YearToDateCalculator.asOf(List.of(), 0),
                        updatedAt(latest, target, null, 0))
                : curve.get(curve.size() - 1).progress();
        final int reportedThrough = months.isEmpty() ? 0 : months.last();
        // Only a series someone set a target for is watched for missing releases.
        final Progress current = target == null ? judged : calendar.latestDue(series, indicator.get(), now)
                .filter(due -> due.month() > reportedThrough)
                .map(due -> {
                    final Wording.Pair reason = Wording.overdue(series.year(), due);
                    return judged.overdue(reason.zh(), reason.en());
                })
                .orElse(judged);
        return Optional.of(new SeriesEvaluation(series, current, curve));
    }

    /**
     * This series' own cumulative curve from its latest visible figures: next year's same-period
     * benchmark. Empty for an indicator published as growth only, or one no longer in the catalogue.
     */
    public Optional<CumulativeCurve> cumulativeCurve(final SeriesKey series, final ReleaseHistory history,
                                                     final Instant now) {
        if (history == null || catalogue.find(series.indicator()).filter(Indicator::levelsPublished).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CumulativeCurve.of(series.year(), history.latestPerSlot(now)))
                .filter(curve -> !curve.isEmpty());
    }

    /**
     * The next moment this series' standing can change without new input, if there is one: a version
     * under embargo becomes visible, or, for a series someone set a target for (only those are watched
     * for missing releases), a release the calendar expects falls due and the series turns overdue.
     *
     * @param history every version received, or null when only a target is known
     * @param target  the target, or null when none has been set
     */
    public Optional<Instant> nextChangeWithoutInput(final SeriesKey series, final ReleaseHistory history,
                                                    final Target target, final Instant now) {
        final Optional<Instant> embargoEnd = history == null ? Optional.empty() : history.nextEmbargoEnd(now);
        final Optional<Instant> deadline = target == null ? Optional.empty()
                : catalogue.find(series.indicator()).flatMap(i -> calendar.nextDeadline(series, i, now));
        return Stream.of(embargoEnd, deadline).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /**
     * The newest input behind an assessment: deterministic, so a replay yields identical records. Last
     * year's figures count when they give the month's same-period share.
     */
    private static Instant updatedAt(final List<Release> latest, final Target target, final CumulativeCurve priorYear,
                                     final int month) {
        final Stream<Instant> lastYear = priorYear == null || priorYear.shareAt(month).isEmpty()
                ? Stream.empty() : Stream.ofNullable(priorYear.updatedAt());
        return Stream.concat(Stream.concat(
                        latest.stream().filter(r -> r.period().lastMonth() <= month).map(Release::effectiveAt),
                        Stream.ofNullable(target).map(Target::publishedAt)), lastYear)
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }
}
