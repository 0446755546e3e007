package io.pacewatch.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * How one series stands against its target as of one month: the record a dashboard shows and the
 * one an alert is decided on. Ratios are fractions (0.472 = 47.2%); gaps are percentage points.
 * Fields that the data do not allow are null, never guessed.
 *
 * <p>{@code judgedStatus} is what the figures were judged to: it equals {@code status} except while
 * a release is {@link PaceStatus#OVERDUE}, when it keeps the last figures' verdict. A late release
 * is news of its own; it does not make a behind indicator any less behind.
 *
 * <p>{@code regionNameZh}/{@code regionNameEn} are the region catalogue's names, null (and left out
 * of the JSON) for a region it does not know: a reader then shows the code.
 *
 * <p>The peer fields are set only for a region the region catalogue puts under a parent: its peer
 * group, and its rank among the group's regions for this month ({@link PeerRanking}), once ranked.
 * They are left out of the JSON when unset, so a region without a peer group reads as before.
 *
 * <p>Same-period pace (上年同期进度), for amount targets judged on completion, present only when they
 * apply (left out of the JSON otherwise): {@code priorYearShare} is last year's cumulative share of
 * its full year at the same month and {@code priorYearGapPp} the completion's gap to it, whatever
 * the status is judged on; when the status is judged on another benchmark than linear time progress
 * and last year is known, {@code linearTimeProgress}/{@code linearGapPp} give the linear one beside
 * it; {@code priorYearFallback} is true when the target asks for PRIOR_YEAR pace but last year lacks
 * the month or December, so the status fell back to linear time progress.
 */
public record Progress(
        String region,
        String indicator,
        String indicatorNameZh,
        String indicatorNameEn,
        int year,
        int asOfMonth,
        String asOfPeriod,
        PaceStatus status,
        PaceStatus judgedStatus,
        Judgement judgedOn,
        String unit,
        BigDecimal ytdValue,
        BigDecimal cumulativeGrowthPercent,
        TargetKind targetKind,
        BigDecimal targetValue,
        BigDecimal impliedTargetGrowthPercent,
        BigDecimal expectedAtPace,
        BigDecimal completionRatio,
        BigDecimal timeProgress,
        BigDecimal gapPp,
        BigDecimal projectedYearEnd,
        BigDecimal remainingToTarget,
        BigDecimal requiredRestOfYearGrowthPercent,
        List<Integer> missingMonths,
        List<ReleaseVersion> releaseVersions,
        Instant targetPublishedAt,
        Instant updatedAt,
        String messageZh,
        String messageEn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String regionNameZh,
        @JsonInclude(JsonInclude.Include.NON_NULL) String regionNameEn,

        @JsonInclude(JsonInclude.Include.NON_NULL) String peerGroup,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer peerRank,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer peerCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean peerRankTied,

        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal priorYearShare,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal priorYearGapPp,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal linearTimeProgress,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal linearGapPp,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean priorYearFallback) {

    public Progress {
        if (judgedStatus == null && status != PaceStatus.OVERDUE) {
            // records written before the field existed: outside OVERDUE the two were always equal
            judgedStatus = status;
        }
        missingMonths = missingMonths == null ? List.of() : List.copyOf(missingMonths);
        releaseVersions = releaseVersions == null ? List.of() : List.copyOf(releaseVersions);
    }

    public SeriesKey series() {
        return new SeriesKey(region, indicator, year);
    }

    /** The region's Chinese name for a reader: the catalogue's, else the code. */
    public String regionDisplayZh() {
        return regionNameZh == null ? region : regionNameZh;
    }

    /** The region's English name for a reader: the catalogue's, else the code. */
    public String regionDisplayEn() {
        return regionNameEn == null ? region : regionNameEn;
    }

    /** The same standing, marked overdue, with the reason in front of the last figures' message. */
    Progress overdue(final String reasonZh, final String reasonEn) {
        return new Progress(region, indicator, indicatorNameZh, indicatorNameEn, year, asOfMonth, asOfPeriod,
                PaceStatus.OVERDUE, judgedStatus, judgedOn, unit, ytdValue, cumulativeGrowthPercent, targetKind, targetValue,
                impliedTargetGrowthPercent, expectedAtPace, completionRatio, timeProgress, gapPp, projectedYearEnd,
                remainingToTarget, requiredRestOfYearGrowthPercent, missingMonths, releaseVersions, targetPublishedAt,
                updatedAt, reasonZh + "；" + messageZh, reasonEn + "; " + messageEn, regionNameZh, regionNameEn,
                peerGroup, peerRank, peerCount, peerRankTied,
                priorYearShare, priorYearGapPp, linearTimeProgress, linearGapPp, priorYearFallback);
    }

    /** The same standing in peer group {@code group} (null: none), ranked there as {@code rank} (null: not yet). */
    public Progress withPeers(final String group, final PeerRank rank) {
        return new Progress(region, indicator, indicatorNameZh, indicatorNameEn, year, asOfMonth, asOfPeriod,
                status, judgedStatus, judgedOn, unit, ytdValue, cumulativeGrowthPercent, targetKind, targetValue,
                impliedTargetGrowthPercent, expectedAtPace, completionRatio, timeProgress, gapPp, projectedYearEnd,
                remainingToTarget, requiredRestOfYearGrowthPercent, missingMonths, releaseVersions, targetPublishedAt,
                updatedAt, messageZh, messageEn, regionNameZh, regionNameEn,
                group, rank == null ? null : rank.rank(), rank == null ? null : rank.count(),
                rank == null ? null : rank.tied(),
                priorYearShare, priorYearGapPp, linearTimeProgress, linearGapPp, priorYearFallback);
    }
}
