package io.pacewatch.domain.brief;

import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceProfile;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.ReleaseVersion;
import io.pacewatch.domain.TargetKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * One indicator's line of the brief, as the table prints it. Figures the data do not give are null
 * (a growth-only indicator has no value, a growth target no completion), so a renderer shows "—"
 * and never 0. Ratios are fractions (0.472 = 47.2%), gaps percentage points.
 *
 * @param month           the last month the figures cover (3 for GDP's Q1 in a May brief)
 * @param inForMonth      figures for the brief's month are in (for a quarterly indicator, its last quarter's)
 * @param overdue         the release the calendar expects is late; the figures shown are the last ones
 * @param versions        the release versions the row's figures come from: what the data are as of
 * @param revised         figures of the row revised since the previous brief's cut-off
 * @param laterThanCutoff a version used was published after this brief's cut-off (an earlier month's
 *                        brief asked for after a revision): the row shows the revised figures
 * @param timeProgress    the 序时进度% column: months/12, or the target's seasonal share for a seasonal target;
 *                        for a row judged on last year's share, linear time progress beside it; for an amount
 *                        target judged on the growth it implies, the record's time progress (a PRIOR_YEAR or
 *                        seasonal target's share). {@code gapPp} is completion (or growth, for a growth
 *                        judgement) minus it
 * @param priorYearShare  last year's share of its full year at the row's month (上年同期进度), null when unknown;
 *                        {@code priorYearGapPp} is completion minus it
 * @param judgedAgainst   the share an amount row's status was judged against (LINEAR: the 序时进度% column as
 *                        months/12; SEASONAL: that column as the target's seasonal share; PRIOR_YEAR: the
 *                        same-period columns); null when the status is not judged on completion
 * @param priorYearFallback the target asks for last year's pace, last year is incomplete: judged on linear time progress
 */
public record BriefRow(
        String indicator,
        String nameZh,
        String nameEn,
        String unit,
        boolean quarterly,
        int month,
        String periodLabelZh,
        String periodLabelEn,
        BigDecimal ytdValue,
        BigDecimal growthPercent,
        TargetKind targetKind,
        BigDecimal targetValue,
        BigDecimal impliedTargetGrowthPercent,
        Judgement judgedOn,
        BigDecimal completionRatio,
        BigDecimal timeProgress,
        BigDecimal gapPp,
        BigDecimal priorYearShare,
        BigDecimal priorYearGapPp,
        PaceStatus status,
        PaceStatus judgedStatus,
        PaceProfile.Kind judgedAgainst,
        PeerRank peer,
        String messageZh,
        String messageEn,
        boolean inForMonth,
        boolean overdue,
        List<ReleaseVersion> versions,
        List<Revision> revised,
        boolean laterThanCutoff,
        boolean priorYearFallback) {

    public BriefRow {
        versions = versions == null ? List.of() : List.copyOf(versions);
        revised = revised == null ? List.of() : List.copyOf(revised);
    }

    /** A growth target, or an amount target judged on the growth it implies: the gap is growth points. */
    public boolean gapIsGrowth() {
        return judgedOn == Judgement.GROWTH || judgedOn == Judgement.IMPLIED_GROWTH;
    }

    /** The gap the status was judged on: to last year's share for a row judged on it, else the 差距 column's. */
    public BigDecimal statusGapPp() {
        return judgedAgainst == PaceProfile.Kind.PRIOR_YEAR ? priorYearGapPp : gapPp;
    }

    /** The status as the table prints it, marked where it was not judged on time progress: 预警（同期）. */
    public String statusLabelZh() {
        return status.labelZh() + benchmarkMark("（季节）", "（同期）");
    }

    /** The status in English, marked as {@link #statusLabelZh()} is: at risk (vs last year). */
    public String statusLabelEn() {
        return status.labelEn() + benchmarkMark(" (seasonal)", " (vs last year)");
    }

    private String benchmarkMark(final String seasonal, final String lastYear) {
        if (!status.isJudged() || judgedAgainst == null) {
            return "";
        }
        return switch (judgedAgainst) {
            case LINEAR -> "";
            case SEASONAL -> seasonal;
            case PRIOR_YEAR -> lastYear;
        };
    }

    /** One figure republished since the previous brief: its period and when its latest version came. */
    public record Revision(String period, String labelZh, String labelEn, java.time.Instant publishedAt, int versions) {
    }
}
