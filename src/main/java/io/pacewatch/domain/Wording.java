package io.pacewatch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-line messages, in the wording Chinese statistical bulletins and work reports use
 * ("完成年度目标的47.2%，低于序时进度2.8个百分点"), with an English line beside each.
 */
final class Wording {

    record Pair(String zh, String en) {
    }

    private Wording() {
    }

    static Pair amountCompletion(final ReferencePeriod period, final BigDecimal ytd, final BigDecimal goal,
                                 final AmountUnit unit, final BigDecimal completion, final BigDecimal share,
                                 final BigDecimal gapPp, final PaceProfile.Kind benchmark, final List<Integer> missingMonths) {
        final String paceZh = paceZh(benchmark);
        final String paceEn = paceEn(benchmark);
        final String zh = period.labelZh() + "累计完成" + amount(ytd) + unit.symbol() + "，完成年度目标"
                + amount(goal) + unit.symbol() + "的" + percent(completion) + "%，"
                + relation(gapPp, "高于" + paceZh, "低于" + paceZh, "与" + paceZh + "持平") + missingZh(missingMonths);
        final String en = period.labelEn() + ": " + amountEn(ytd, unit) + ", " + percent(completion)
                + "% of the annual target of " + amountEn(goal, unit) + ", "
                + relationEn(gapPp, "ahead of", "behind", paceEn) + " (" + percent(share) + "%)" + missingEn(missingMonths);
        return new Pair(zh, en);
    }

    private static String paceZh(final PaceProfile.Kind benchmark) {
        return switch (benchmark) {
            case LINEAR -> "序时进度";
            case SEASONAL -> "季节性进度";
            case PRIOR_YEAR -> "上年同期进度";
        };
    }

    private static String paceEn(final PaceProfile.Kind benchmark) {
        return switch (benchmark) {
            case LINEAR -> "time progress";
            case SEASONAL -> "seasonal pace";
            case PRIOR_YEAR -> "last year's same-period pace";
        };
    }

    /**
     * The second gap after the first sentence, as bureaus write it ("比上年同期进度快1.2个百分点"), or the
     * linear one when the status was judged on last year's; or why last year could not be used.
     *
     * @param priorYearGapPp null when last year's share is unknown
     * @param linearGapPp    null unless the status was judged on another benchmark than time progress
     * @param priorYearMissing null unless a PRIOR_YEAR target fell back to time progress: the months of
     *                         last year that were missing (empty: its full year was not positive)
     */
    static Pair withSamePeriod(final Pair message, final PaceProfile.Kind judgedAgainst, final BigDecimal priorYearGapPp,
                               final BigDecimal priorYearShare, final BigDecimal linearGapPp,
                               final List<Integer> priorYearMissing) {
        final StringBuilder zh = new StringBuilder(message.zh());
        final StringBuilder en = new StringBuilder(message.en());
        if (linearGapPp != null) {
            zh.append("，").append(relation(linearGapPp, "高于序时进度", "低于序时进度", "与序时进度持平"));
            en.append(", ").append(relationEn(linearGapPp, "ahead of", "behind", "time progress"));
        }
        if (priorYearGapPp != null && judgedAgainst != PaceProfile.Kind.PRIOR_YEAR) {
            zh.append("，").append(relation(priorYearGapPp, "比上年同期进度快", "比上年同期进度慢", "与上年同期进度持平"));
            en.append(", ").append(relationEn(priorYearGapPp, "ahead of", "behind", "last year's same-period pace"))
                    .append(" (").append(percent(priorYearShare)).append("%)");
        }
        if (priorYearMissing != null) {
            final String months = priorYearMissing.stream().map(m -> m == 12 ? "全年" : m == 1 ? "1月" : "1-" + m + "月")
                    .collect(Collectors.joining("、"));
            zh.append("（上年同期数据不全").append(months.isEmpty() ? "" : "，缺" + months).append("，按序时进度评估）");
            en.append(" (last year's figures are incomplete")
                    .append(priorYearMissing.isEmpty() ? "" : ", no " + priorYearMissing.stream()
                            .map(m -> m == 12 ? "full year" : m == 1 ? "Jan" : "Jan–" + MONTHS_EN[m - 1])
                            .collect(Collectors.joining(" or ")))
                    .append(": judged against time progress)");
        }
        return new Pair(zh.toString(), en.toString());
    }

    private static final String[] MONTHS_EN = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    static Pair growth(final ReferencePeriod period, final BigDecimal growth, final BigDecimal goal, final BigDecimal gapPp) {
        final String zh = period.labelZh() + growthZh(growth) + "，" + relation(gapPp, "高于目标", "低于目标", "与目标持平");
        final String en = period.labelEn() + ": cumulative growth " + one(growth) + "%, "
                + relationEn(gapPp, "above", "below", "the " + one(goal) + "% target");
        return new Pair(zh, en);
    }

    static Pair impliedGrowth(final ReferencePeriod period, final BigDecimal growth, final BigDecimal implied,
                              final BigDecimal goal, final AmountUnit unit, final BigDecimal gapPp) {
        final String zh = period.labelZh() + growthZh(growth) + "，年度目标" + amount(goal) + unit.symbol()
                + "隐含增长" + one(implied) + "%，" + relation(gapPp, "高于目标增速", "低于目标增速", "与目标增速持平");
        final String en = period.labelEn() + ": cumulative growth " + one(growth) + "%, "
                + relationEn(gapPp, "above", "below", "the " + one(implied) + "% growth that the " + amountEn(goal, unit)
                + " target implies");
        return new Pair(zh, en);
    }

    /** Shows what was published, followed by why it could not be judged. */
    static Pair figuresThen(final ReferencePeriod period, final BigDecimal amount, final AmountUnit unit,
                            final BigDecimal growth, final Pair reason) {
        final StringBuilder zh = new StringBuilder(period.labelZh());
        final StringBuilder en = new StringBuilder(period.labelEn()).append(':');
        if (amount != null) {
            zh.append("累计完成").append(amount(amount)).append(unit.symbol());
            en.append(' ').append(amountEn(amount, unit));
        }
        if (growth != null) {
            zh.append(amount != null ? "，" : "").append(growthZh(growth));
            en.append(amount != null ? "," : "").append(" cumulative growth ").append(one(growth)).append('%');
        }
        return new Pair(zh + "；" + reason.zh(), en + "; " + reason.en());
    }

    static Pair overdue(final int year, final ReleaseCalendar.Overdue due) {
        final ReferencePeriod period = ReferencePeriod.cumulativeThrough(year, due.month());
        return new Pair(period.labelZh() + "数据逾期未发布（应于" + due.dueDate().getMonthValue() + "月"
                + due.dueDate().getDayOfMonth() + "日前发布）",
                "the " + period.labelEn() + " release is overdue (due by " + due.dueDate() + ")");
    }

    static Pair noData(final int year) {
        return new Pair(year + "年暂无数据", "no " + year + " figures yet");
    }

    static Pair noTarget(final int year) {
        return new Pair("尚未设定" + year + "年目标", "no " + year + " target has been set");
    }

    static Pair noYearToDate() {
        return new Pair("已公布数据无法形成自1月起的累计数", "the figures published do not add up to a year-to-date"
                + " total from January");
    }

    static Pair noGrowthPublished() {
        return new Pair("未公布累计增速，无法评估增速目标（增速不由总量推算）",
                "no cumulative growth published, so the growth target cannot be assessed"
                        + " (growth is never recomputed from levels)");
    }

    static Pair noPriorYearAmount() {
        return new Pair("仅公布增速且缺少上年基数，无法按金额目标评估",
                "only growth is published and last year's amount is unknown, so the amount target"
                        + " cannot be assessed");
    }

    private static String relation(final BigDecimal gapPp, final String above, final String below, final String level) {
        final BigDecimal shown = gapPp.setScale(1, RoundingMode.HALF_EVEN);
        if (gapPp.signum() == 0) {
            return level;
        }
        // A gap that rounds to 0.0 still sets the status, so the wording keeps its direction.
        final String size = shown.signum() == 0 ? "不足0.1" : shown.abs().toPlainString();
        return (gapPp.signum() > 0 ? above : below) + size + "个百分点";
    }

    private static String relationEn(final BigDecimal gapPp, final String above, final String below,
                                     final String reference) {
        final BigDecimal shown = gapPp.setScale(1, RoundingMode.HALF_EVEN);
        if (gapPp.signum() == 0) {
            return "level with " + reference;
        }
        final String size = shown.signum() == 0 ? "less than 0.1" : shown.abs().toPlainString();
        return size + " pp " + (gapPp.signum() > 0 ? above : below) + " " + reference;
    }

    private static String growthZh(final BigDecimal growth) {
        return growth.signum() < 0 ? "累计下降" + one(growth.abs()) + "%" : "累计增长" + one(growth) + "%";
    }

    private static String missingZh(final List<Integer> months) {
        return months.isEmpty() ? "" : "（缺" + months.stream().map(m -> m + "月").collect(Collectors.joining("、")) + "数据）";
    }

    private static String missingEn(final List<Integer> months) {
        return months.isEmpty() ? "" : " (missing month " + months.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")";
    }

    static String percent(final BigDecimal ratio) {
        return one(ratio.multiply(BigDecimal.valueOf(100)));
    }

    static String one(final BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** English readers count in billions and millions, not in 亿 (10^8) and 万 (10^4). */
    static String amountEn(final BigDecimal value, final AmountUnit unit) {
        final BigDecimal yuan = unit.convert(value, AmountUnit.YUAN);
        final BigDecimal billions = round(yuan.divide(BILLION));
        if (billions.abs().compareTo(BigDecimal.ONE) >= 0) {
            return plain(billions) + " billion yuan";
        }
        final BigDecimal millions = round(yuan.divide(MILLION));
        if (millions.abs().compareTo(BigDecimal.ONE) >= 0) {
            return plain(millions) + " million yuan";
        }
        return amount(yuan) + " yuan";
    }

    private static final BigDecimal BILLION = new BigDecimal("1e9");
    private static final BigDecimal MILLION = new BigDecimal("1e6");

    static String amount(final BigDecimal value) {
        return plain(round(value));
    }

    private static BigDecimal round(final BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static String plain(final BigDecimal rounded) {
        return rounded.stripTrailingZeros().toPlainString();
    }
}
