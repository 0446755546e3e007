package io.pacewatch.domain.brief;

import io.pacewatch.domain.PaceProfile;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.ReferencePeriod;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The headline's wording, after bulletins: "罗湖区1-6月：5项主要指标中，1项快于序时进度，2项符合序时进度，
 * 2项滞后于序时进度；规模以上工业增加值增速低于目标1.4个百分点，差距最大。"
 */
final class Headlines {

    private Headlines() {
    }

    static Headline of(final String nameZh, final String nameEn, final ReferencePeriod period, final List<BriefRow> rows) {
        int ahead = 0;
        int onPace = 0;
        int behind = 0;
        int notJudged = 0;
        for (final BriefRow row : rows) {
            switch (verdict(row)) {
                case AHEAD -> ahead++;
                case ON_PACE -> onPace++;
                case AT_RISK, BEHIND -> behind++;
                default -> notJudged++;
            }
        }
        final int overdue = (int) rows.stream().filter(BriefRow::overdue).count();
        final Optional<BriefRow> weakest = rows.stream()
                .filter(r -> verdict(r) == PaceStatus.AT_RISK || verdict(r) == PaceStatus.BEHIND)
                .filter(r -> r.statusGapPp() != null)
                // Completion points and growth points are different measures: the worse status ranks first,
                // then the larger shortfall within it.
                .min(Comparator.comparingInt((BriefRow r) -> -verdict(r).concern()).thenComparing(BriefRow::statusGapPp));

        final List<String> zh = new ArrayList<>();
        final List<String> en = new ArrayList<>();
        if (ahead > 0) {
            zh.add(ahead + "项快于序时进度");
            en.add(ahead + " ahead of pace");
        }
        if (onPace > 0) {
            zh.add(onPace + "项符合序时进度");
            en.add(onPace + " on pace");
        }
        zh.add(behind > 0 ? behind + "项滞后于序时进度" : "无指标滞后于序时进度");
        en.add(behind > 0 ? behind + " behind" : "none behind");
        if (notJudged > 0) {
            zh.add(notJudged + "项暂无法评估");
            en.add(notJudged + " not assessable yet");
        }
        if (overdue > 0) {
            zh.add(overdue + "项数据逾期未发布");
            en.add(overdue + " overdue");
        }
        final StringBuilder textZh = new StringBuilder(nameZh).append(period.labelZh()).append("：")
                .append(rows.size()).append("项主要指标中，").append(String.join("，", zh));
        final StringBuilder textEn = new StringBuilder(nameEn).append(", ").append(period.labelEn()).append(": of ")
                .append(rows.size()).append(rows.size() == 1 ? " main indicator, " : " main indicators, ")
                .append(String.join(", ", en));
        weakest.ifPresent(w -> {
            final String size = w.statusGapPp().abs().setScale(1, RoundingMode.HALF_EVEN).toPlainString();
            textZh.append("；").append(w.nameZh()).append(w.gapIsGrowth() ? "增速低于目标" : "完成进度低于" + paceZh(w))
                    .append(size).append("个百分点，差距最大");
            textEn.append("; weakest: ").append(w.nameEn()).append(", ")
                    .append(w.gapIsGrowth() ? "growth " + size + " pp below target" : size + " pp behind " + paceEn(w));
        });
        textZh.append("。");
        textEn.append(".");
        return new Headline(textZh.toString(), textEn.toString(), rows.size(), ahead, onPace, behind, notJudged, overdue,
                weakest.map(BriefRow::indicator).orElse(null));
    }

    /** What the weakest amount row's status was judged against, as its message names it. */
    private static String paceZh(final BriefRow row) {
        return row.judgedAgainst() == PaceProfile.Kind.PRIOR_YEAR ? "上年同期进度"
                : row.judgedAgainst() == PaceProfile.Kind.SEASONAL ? "季节性进度" : "序时进度";
    }

    private static String paceEn(final BriefRow row) {
        return row.judgedAgainst() == PaceProfile.Kind.PRIOR_YEAR ? "last year's same-period pace"
                : row.judgedAgainst() == PaceProfile.Kind.SEASONAL ? "seasonal pace" : "time progress";
    }

    /** An overdue row counts by its last figures' verdict: a late release does not make it any less behind. */
    private static PaceStatus verdict(final BriefRow row) {
        if (row.status() == PaceStatus.OVERDUE) {
            return row.judgedStatus() == null ? PaceStatus.NO_DATA : row.judgedStatus();
        }
        return row.status();
    }
}
