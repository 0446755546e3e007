package io.pacewatch.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

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
        final Assessment a = new Assessment(indicator, region, series, target, ytd, updatedAt);
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
        private final Instant updatedAt;

        Assessment(final Indicator indicator, final Region region, final SeriesKey series, final Target target,
                   final YearToDate ytd, final Instant updatedAt) {
            this.indicator = indicator;
            this.region = region;
            this.series = series;
            this.target = target;
            this.ytd = ytd;
            this.updatedAt = updatedAt;
        }

        Progress onAmount() {
            final int month = ytd.amountThroughMonth();
            final BigDecimal goal = target.value();
            final BigDecimal share = target.paceProfile().expectedShare(month);
            final BigDecimal completion = ytd.amount().divide(goal, MATH).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
            final BigDecimal gap = completion.subtract(share).multiply(HUNDRED).setScale(POINTS_SCALE, RoundingMode.HALF_EVEN);
            final PaceStatus status = target.thresholdsFor(Judgement.AMOUNT_COMPLETION).classify(gap);
            final BigDecimal projected = share.signum() == 0 ? null
                    : ytd.amount().divide(share, MATH).setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
            final BigDecimal remaining = goal.subtract(ytd.amount()).max(BigDecimal.ZERO).stripTrailingZeros();
            final ReferencePeriod period = ReferencePeriod.cumulativeThrough(series.year(), month);
            final Wording.Pair message = Wording.amountCompletion(period, ytd.amount(), goal, indicator.unit(),
                    completion, share, gap, !target.paceProfile().isLinear(), ytd.missingMonths());
            return build(status, Judgement.AMOUNT_COMPLETION, month, null, expectedAmount(share), completion,
                    share, gap, projected, remaining, null, message);
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
            final BigDecimal share = amountTarget ? target.paceProfile().expectedShare(month) : PaceProfile.linearShare(month);
            return build(status, judgement, month, judgement == Judgement.IMPLIED_GROWTH ? goalPercent : null,
                    amountTarget ? expectedAmount(share) : goalPercent, null, share, gap, projected, null,
                    amountTarget ? null : requiredRestOfYearGrowth(month, growth), message);
        }

        Progress unjudged(final PaceStatus status, final int month, final Wording.Pair reason) {
            final Wording.Pair message = month == 0 ? reason
                    : Wording.figuresThen(ReferencePeriod.cumulativeThrough(series.year(), month),
                    ytd.amountThroughMonth() == month ? ytd.amount() : null, indicator.unit(),
                    ytd.growthThroughMonth() == month ? ytd.cumulativeGrowthPercent() : null, reason);
            return build(status, Judgement.NONE, month, null, null, null,
                    month == 0 ? null : PaceProfile.linearShare(month), null, null, null, null, message);
        }

        private BigDecimal expectedAmount(final BigDecimal share) {
            return target.value().multiply(share).setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
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
                               final BigDecimal remaining, final BigDecimal requiredGrowth, final Wording.Pair message) {
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
                    null, null, null, null);
        }
    }
}
