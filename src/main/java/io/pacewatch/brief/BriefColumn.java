package io.pacewatch.brief;

import io.pacewatch.domain.TargetKind;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefRow;
import io.pacewatch.domain.brief.BriefText;
import java.util.Arrays;
import java.util.List;

/**
 * The brief's columns, in the order bureaus print them, with their two header rows and each cell's
 * text. One list for every renderer, so the markdown, the page and the spreadsheet never disagree.
 * The same-period (上年同期) and rank columns appear only when some row has a figure for them.
 */
public enum BriefColumn {
    INDICATOR("指标", "Indicator"),
    UNIT("单位", "Unit"),
    YTD_VALUE("累计", "YTD value"),
    GROWTH("累计增长%", "Cum. growth %"),
    TARGET("年度目标", "Annual target"),
    COMPLETION("完成进度%", "Completion %"),
    /** Months/12, or the target's seasonal share (the status is marked 季节 then); linear for a row judged on last year's. */
    TIME_PROGRESS("序时进度%", "Time progress %"),
    GAP("差距 pp", "Gap pp"),
    PRIOR_YEAR_SHARE("上年同期进度%", "Same period last year %"),
    PRIOR_YEAR_GAP("比上年同期 ±pp", "vs last year ±pp"),
    STATUS("状态", "Status"),
    RANK("排名", "Rank");

    private final String headerZh;
    private final String headerEn;

    BriefColumn(final String headerZh, final String headerEn) {
        this.headerZh = headerZh;
        this.headerEn = headerEn;
    }

    /** The YTD column names the brief's months: 1-6月累计. */
    public String headerZh(final Brief brief) {
        return this == YTD_VALUE ? brief.periodLabelZh() + "累计" : headerZh;
    }

    public String headerEn() {
        return headerEn;
    }

    public static List<BriefColumn> shown(final Brief brief) {
        final boolean prior = brief.rows().stream().anyMatch(r -> r.priorYearShare() != null || r.priorYearGapPp() != null);
        final boolean rank = brief.rows().stream().anyMatch(r -> r.peer() != null);
        return Arrays.stream(values())
                .filter(c -> (c != PRIOR_YEAR_SHARE && c != PRIOR_YEAR_GAP) || prior)
                .filter(c -> c != RANK || rank)
                .toList();
    }

    /** The Chinese name, with the row's own months where they are not the brief's (GDP's quarter). */
    public static String indicatorZh(final Brief brief, final BriefRow row) {
        return row.nameZh() + (row.month() > 0 && row.month() != brief.month() ? "（" + row.periodLabelZh() + "）" : "");
    }

    /** The cell as text, in Chinese where words are needed; "—" where there is no figure. */
    public String text(final Brief brief, final BriefRow row) {
        return switch (this) {
            case INDICATOR -> indicatorZh(brief, row);
            case UNIT -> row.unit();
            case YTD_VALUE -> BriefText.amount(row.ytdValue());
            case GROWTH -> BriefText.percent(row.growthPercent());
            case TARGET -> target(row);
            case COMPLETION -> BriefText.ratio(row.completionRatio());
            case TIME_PROGRESS -> BriefText.ratio(row.timeProgress());
            case GAP -> BriefText.points(row.gapPp());
            case PRIOR_YEAR_SHARE -> BriefText.ratio(row.priorYearShare());
            case PRIOR_YEAR_GAP -> BriefText.points(row.priorYearGapPp());
            case STATUS -> row.statusLabelZh();
            case RANK -> row.peer() == null ? BriefText.DASH : row.peer().labelZh();
        };
    }

    /** An amount target in the row's unit (127.00), a growth target as a rate (增长6.5%). */
    static String target(final BriefRow row) {
        if (row.targetValue() == null) {
            return BriefText.DASH;
        }
        return row.targetKind() == TargetKind.AMOUNT ? BriefText.amount(row.targetValue())
                : "增长" + BriefText.percent(row.targetValue()) + "%";
    }
}
