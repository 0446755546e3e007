package io.pacewatch.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pace rules of the domain brief, in one place.
 * <ul>
 *   <li>Amount target: gap = completion − time progress (points); time progress is months/12, or the
 *       seasonal share where the target gives one.</li>
 *   <li>Growth target: gap = the bureau's cumulative growth − target growth (points), as published.</li>
 *   <li>Amount target with growth only: judged on the growth the target implies over last year's
 *       amount when that is known; otherwise not assessable, and the growth is shown.</li>
 * </ul>
 */
public final class PaceAssessor {

    static final int RATIO_SCALE = 4;
    static final int POINTS_SCALE = 2;
    static final int AMOUNT_SCALE = 4;
    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PaceAssessor() {
    }

    /** For a region the region catalogue does not know: the progress names it by its code. */
    public static Progress assess(final Indicator indicator, final SeriesKey series, final Target target,
                                  final YearToDate ytd, final Instant updatedAt) {
        return assess(indicator, null, series, target, ytd, updatedAt);
    }

    /** @param region the series' region from the region catalogue, or null when the catalogue does not know it */
    public static Progress assess(final Indicator indicator, final Region region, final SeriesKey series,
                                  final Target target, final YearToDate ytd, final Instant updatedAt) {
        return assess(indicator, region, series, target, ytd, null, updatedAt);
    }

    /**
     * @param priorYear last year's cumulative curve of the same series, or null when nothing of last
     *                  year is known: the same-period share (上年同期进度) comes from it
     */
    public static Progress assess(final Indicator indicator, final Region region, final SeriesKey series,
                                  final Target target, final YearToDate ytd, final CumulativeCurve priorYear,
                                  final Instant updatedAt) {
        final Assessment a = new Assessment(indicator, region, series, target, ytd,
                priorYear != null && priorYear.year() == series.year() - 1 ? priorYear : null, updatedAt);
        if (ytd.isEmpty()) {
            return ytd.reportedThroughMonth() == 0
                    ? a.unjudged(PaceStatus.NO_DATA, 0, Wording.noData(series.year()))
                    : a.unjudged(PaceStatus.NOT_ASSESSABLE, ytd.reportedThroughMonth(), Wording.noYearToDate());
        }
        if (target == null) {
            return a.unjudged(PaceStatus.NOT_ASSESSABLE, ytd.throughMonth(), Wording.noTarget(series.year()));
        }
        if (target.kind() == TargetKind.GROWTH) {
            return ytd.hasGrowth()
                    ? a.onGrowth(target.value(), Judgement.GROWTH)
                    : a.unjudged(PaceStatus.NOT_ASSESSABLE, ytd.amountThroughMonth(), Wording.noGrowthPublished());
        }
        final boolean amountIsLatest = ytd.amountThroughMonth() >= ytd.growthThroughMonth();
        if (ytd.hasAmount() && (amountIsLatest || target.priorYearAmount() == null)) {
            return a.onAmount();
        }
        if (target.priorYearAmount() != null) {
            final BigDecimal implied = target.value().divide(target.priorYearAmount(), MATH)
                    .subtract(BigDecimal.ONE).multiply(HUNDRED).setScale(POINTS_SCALE, RoundingMode.HALF_EVEN);
            return a.onGrowth(implied, Judgement.IMPLIED_GROWTH);
        }
        return a.unjudged(PaceStatus.NOT_ASSESSABLE, ytd.growthThroughMonth(), Wording.noPriorYearAmount());
    }

    /** The figures of one assessment, gathered before they become a {@link Progress}. */
    private static final class Assessment {
        private final Indicator indicator;
        private final Region region;
        private final SeriesKey series;
        private final Target target;
        private final YearToDate ytd;
        private final CumulativeCurve priorYear;
        private final Instant updatedAt;

        Assessment(final Indicator indicator, final Region region, final SeriesKey series, final Target target,
                   final YearToDate ytd, final CumulativeCurve priorYear, final Instant updatedAt) {
            this.indicator = indicator;
            this.region = region;
            this.series = series;
            this.target = target;
            this.ytd = ytd;
            this.priorYear = priorYear;
            this.updatedAt = updatedAt;
        }

        /** Last year's share at {@code month}, when last year's figures give one. */
        private Optional<Share> lastYearShare(final int month) {
            return priorYear == null ? Optional.empty() : priorYear.shareAt(month);
        }

        /** What the status is judged against: the profile's share, last year's, or linear when last year is incomplete. */
        private Share benchmark(final int month) {
            return target.paceProfile().kind() == PaceProfile.Kind.PRIOR_YEAR
                    ? lastYearShare(month).orElse(Share.linear(month))
                    : target.paceProfile().exactShare(month);
        }

        private boolean fellBackToLinear(final int month) {
            return target.paceProfile().kind() == PaceProfile.Kind.PRIOR_YEAR && lastYearShare(month).isEmpty();
        }

        Progress onAmount() {
            final int month = ytd.amountThroughMonth();
            final BigDecimal goal = target.value();
            final Share share = benchmark(month);
            final BigDecimal completion = ytd.amount().divide(goal, MATH).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
            // The gap is between completion as shown (0.01 pp) and the exact share, so that it is the
            // difference of the two figures a reader sees; expected amount and projection use the
            // exact share and are rounded once.
            final BigDecimal gap = share.pointsFrom(completion, POINTS_SCALE);
            final PaceStatus status = target.thresholdsFor(Judgement.AMOUNT_COMPLETION).classify(gap);
            final BigDecimal projected = share.isZero() ? null
                    : share.wholeOf(ytd.amount(), AMOUNT_SCALE).stripTrailingZeros();
            final BigDecimal remaining = goal.subtract(ytd.amount()).max(BigDecimal.ZERO).stripTrailingZeros();
            final ReferencePeriod period = ReferencePeriod.cumulativeThrough(series.year(), month);
            final boolean fallback = fellBackToLinear(month);
            final PaceProfile.Kind judgedAgainst = fallback ? PaceProfile.Kind.LINEAR : target.paceProfile().kind();
            final SamePeriod samePeriod = samePeriod(month, completion, judgedAgainst, fallback);
            final Wording.Pair message = Wording.withSamePeriod(Wording.amountCompletion(period, ytd.amount(), goal,
                            indicator.unit(), completion, share.rounded(), gap, judgedAgainst, ytd.missingMonths()),
                    judgedAgainst, samePeriod.priorYearGapPp(), samePeriod.priorYearShare(), samePeriod.linearGapPp(),
                    fallback ? priorYearMissing(month) : null);
            return build(status, Judgement.AMOUNT_COMPLETION, month, null, expectedAmount(share), completion,
                    share.rounded(), gap, projected, remaining, null, message, samePeriod);
        }

        /**
         * Both gaps where last year is known: against last year's same-period share, and against
         * linear time progress when the status is judged on something else.
         */
        private SamePeriod samePeriod(final int month, final BigDecimal completion,
                                      final PaceProfile.Kind judgedAgainst, final boolean fallback) {
            final Optional<Share> lastYear = lastYearShare(month);
            final boolean linearBeside = lastYear.isPresent() && judgedAgainst != PaceProfile.Kind.LINEAR;
            final Share linear = Share.linear(month);
            return new SamePeriod(
                    lastYear.map(Share::rounded).orElse(null),
                    lastYear.map(s -> s.pointsFrom(completion, POINTS_SCALE)).orElse(null),
                    linearBeside ? linear.rounded() : null,
                    linearBeside ? linear.pointsFrom(completion, POINTS_SCALE) : null,
                    fallback ? Boolean.TRUE : null);
        }

        /** The months of last year that a PRIOR_YEAR share at {@code month} needs and that are missing. */
        private List<Integer> priorYearMissing(final int month) {
            return priorYear == null ? List.of(month, 12).stream().distinct().toList() : priorYear.missingFor(month);
        }

        Progress onGrowth(final BigDecimal goalPercent, final Judgement judgement) {
            final int month = ytd.growthThroughMonth();
            final BigDecimal growth = ytd.cumulativeGrowthPercent();
            final BigDecimal gap = growth.subtract(goalPercent).setScale(POINTS_SCALE, RoundingMode.HALF_EVEN);
            final PaceStatus status = target.thresholdsFor(judgement).classify(gap);
            final BigDecimal prior = target.priorYearAmount();
            final BigDecimal projected = prior == null ? null : prior.multiply(BigDecimal.ONE.add(growth.divide(HUNDRED, MATH)))
                    .setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
            final ReferencePeriod period = ReferencePeriod.cumulativeThrough(series.year(), month);
            final Wording.Pair message = judgement == Judgement.IMPLIED_GROWTH
                    ? Wording.impliedGrowth(period, growth, goalPercent, target.value(), indicator.unit(), gap)
                    : Wording.growth(period, growth, goalPercent, gap);
            final boolean amountTarget = target.kind() == TargetKind.AMOUNT;
            final Share share = amountTarget ? benchmark(month) : Share.linear(month);
            return build(status, judgement, month, judgement == Judgement.IMPLIED_GROWTH ? goalPercent : null,
                    amountTarget ? expectedAmount(share) : goalPercent, null, share.rounded(), gap, projected, null,
                    amountTarget ? null : requiredRestOfYearGrowth(month, growth), message,
                    amountTarget && fellBackToLinear(month) ? SamePeriod.FALLBACK : SamePeriod.NONE);
        }

        Progress unjudged(final PaceStatus status, final int month, final Wording.Pair reason) {
            final Wording.Pair message = month == 0 ? reason
                    : Wording.figuresThen(ReferencePeriod.cumulativeThrough(series.year(), month),
                    ytd.amountThroughMonth() == month ? ytd.amount() : null, indicator.unit(),
                    ytd.growthThroughMonth() == month ? ytd.cumulativeGrowthPercent() : null, reason);
            return build(status, Judgement.NONE, month, null, null, null,
                    month == 0 ? null : PaceProfile.linearShare(month), null, null, null, null, message, SamePeriod.NONE);
        }

        private BigDecimal expectedAmount(final Share share) {
            return share.of(target.value(), AMOUNT_SCALE).stripTrailingZeros();
        }

        /**
         * What growth the rest of the year needs for a growth target to be met. Needs last year's amount
         * and this year's amount for the same months; last year's months are derived from the
         * published growth (the comparable base), never from last year's published levels.
         */
        private BigDecimal requiredRestOfYearGrowth(final int month, final BigDecimal growth) {
            final BigDecimal prior = target.priorYearAmount();
            if (prior == null || month >= 12 || !ytd.hasAmount() || ytd.amountThroughMonth() != month) {
                return null;
            }
            final BigDecimal priorSameMonths = ytd.amount().divide(BigDecimal.ONE.add(growth.divide(HUNDRED, MATH)), MATH);
            final BigDecimal priorRest = prior.subtract(priorSameMonths);
            if (priorRest.signum() <= 0) {
                return null;
            }
            final BigDecimal neededRest = prior.multiply(BigDecimal.ONE.add(target.value().divide(HUNDRED, MATH)))
                    .subtract(ytd.amount());
            return neededRest.divide(priorRest, MATH).subtract(BigDecimal.ONE).multiply(HUNDRED)
                    .setScale(POINTS_SCALE, RoundingMode.HALF_EVEN);
        }

        private Progress build(final PaceStatus status, final Judgement judgement, final int month,
                               final BigDecimal impliedGrowth, final BigDecimal expected, final BigDecimal completion,
                               final BigDecimal timeProgress, final BigDecimal gap, final BigDecimal projected,
                               final BigDecimal remaining, final BigDecimal requiredGrowth, final Wording.Pair message,
                               final SamePeriod samePeriod) {
            return new Progress(
                    series.region(), series.indicator(), indicator.nameZh(), indicator.nameEn(), series.year(),
                    month, month == 0 ? null : ReferencePeriod.cumulativeThrough(series.year(), month).code(),
                    status, status, judgement, indicator.unit().symbol(),
                    ytd.amountThroughMonth() == month ? ytd.amount() : null,
                    ytd.growthThroughMonth() == month ? ytd.cumulativeGrowthPercent() : null,
                    target == null ? null : target.kind(),
                    target == null ? null : target.value(),
                    impliedGrowth, expected, completion, timeProgress, gap, projected, remaining, requiredGrowth,
                    ytd.missingMonths(), ytd.versionsUsed(),
                    target == null ? null : target.publishedAt(), updatedAt,
                    message.zh(), message.en(),
                    region == null ? null : region.nameZh(), region == null ? null : region.nameEn(),
                    null, null, null, null,
                    samePeriod.priorYearShare(), samePeriod.priorYearGapPp(), samePeriod.linearTimeProgress(),
                    samePeriod.linearGapPp(), samePeriod.priorYearFallback());
        }
    }

    /** The same-period fields of a {@link Progress}; all null where they do not apply. */
    private record SamePeriod(BigDecimal priorYearShare, BigDecimal priorYearGapPp, BigDecimal linearTimeProgress,
                              BigDecimal linearGapPp, Boolean priorYearFallback) {
        static final SamePeriod NONE = new SamePeriod(null, null, null, null, null);
        static final SamePeriod FALLBACK = new SamePeriod(null, null, null, null, Boolean.TRUE);
    }
}
