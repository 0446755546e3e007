package io.pacewatch.ingest;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SafeText;
import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The periods of Chinese statistical tables ({@code 2023年1-6月}, {@code 一季度}, {@code 上半年},
 * {@code 前三季度}) as the canonical codes {@link io.pacewatch.domain.ReferencePeriod} reads, so that
 * the stream's one period rule still decides what they mean. Kept at the publishing edge, not in the
 * domain, because it is a way of writing, not a rule.
 *
 * <p>A span of months is always written as a range code ({@code 1-2月} → {@code 2023-01-01/P2M}),
 * never as its last month: under the single-period basis {@code 2023-M02} would be February alone.
 * A month, quarter or half-year is its code ({@code 6月} → {@code 2023-M06}, {@code 二季度} →
 * {@code 2023-Q2}), which under the cumulative basis means "through" it, exactly as the codes do.
 * A table that writes no year takes the one given once ({@code --year}); without it such a period
 * is refused rather than guessed.
 */
final class ChinesePeriods {

    /** Every form, as the clerk reads it in the docs and the messages. */
    static final String FORMS = "2023年1-6月, 2023年6月, 2023年一季度, 2023年上半年, 2023年前三季度, 2023年 (全年),"
            + " or without the year when it is given once";

    private static final Pattern CODE = Pattern.compile("\\d{4}(-.*)?");
    private static final Pattern WITH_YEAR = Pattern.compile("(?:(\\d{4})年)?(.*)");
    private static final String NUMBER = "(\\d{1,2}|[一二两三四五六七八九十]{1,3})";
    private static final Pattern MONTHS = Pattern.compile(NUMBER + "(?:月份?)?-" + NUMBER + "月份?(?:累计)?");
    private static final Pattern MONTH = Pattern.compile(NUMBER + "月份?");
    private static final Pattern QUARTER = Pattern.compile("第?" + NUMBER + "季度?");
    private static final Pattern QUARTERS_TO_DATE = Pattern.compile("前" + NUMBER + "(?:个)?季度?");
    private static final Pattern HALF = Pattern.compile("([上下])半年");
    private static final Pattern WHOLE_YEAR = Pattern.compile("|全年|年度");
    /** En and em dashes, tildes and 至/到 all separate a span of months; NFKC has already folded full-width ones. */
    private static final Pattern DASHES = Pattern.compile("[\\-\u2010-\u2015~\u301C至到]");
    private static final Map<String, Integer> NUMERALS = Map.ofEntries(Map.entry("一", 1), Map.entry("二", 2),
            Map.entry("两", 2), Map.entry("三", 3), Map.entry("四", 4), Map.entry("五", 5), Map.entry("六", 6),
            Map.entry("七", 7), Map.entry("八", 8), Map.entry("九", 9), Map.entry("十", 10), Map.entry("十一", 11),
            Map.entry("十二", 12));

    private ChinesePeriods() {
    }

    /**
     * The canonical code of {@code written}; a code already ({@code 2023-Q2}) is returned as it is, for
     * {@link io.pacewatch.domain.ReferencePeriod} to judge.
     *
     * @param year the year of a period that does not state one, or {@code null} if none was given
     * @throws InvalidInputException if it is none of the forms, or states no year and none was given
     */
    static String canonical(final String written, final Integer year) {
        final String text = DASHES.matcher(Normalizer.normalize(written, Normalizer.Form.NFKC).replaceAll("\\s+", ""))
                .replaceAll("-");
        if (CODE.matcher(text).matches()) {
            return text;
        }
        final Matcher withYear = WITH_YEAR.matcher(text);
        withYear.matches();
        final String rest = withYear.group(2);
        final Integer y = withYear.group(1) != null ? Integer.valueOf(withYear.group(1)) : year;
        Matcher m = MONTHS.matcher(rest);
        if (m.matches()) {
            return months(written, y, number(written, m.group(1), 12), number(written, m.group(2), 12));
        }
        m = MONTH.matcher(rest);
        if (m.matches()) {
            final int month = number(written, m.group(1), 12);
            return months(written, y, month, month);
        }
        m = QUARTERS_TO_DATE.matcher(rest);
        if (m.matches()) {
            return months(written, y, 1, 3 * number(written, m.group(1), 4));
        }
        m = QUARTER.matcher(rest);
        if (m.matches()) {
            return year(written, y) + "-Q" + number(written, m.group(1), 4);
        }
        m = HALF.matcher(rest);
        if (m.matches()) {
            return year(written, y) + ("上".equals(m.group(1)) ? "-S1" : "-S2");
        }
        if (WHOLE_YEAR.matcher(rest).matches()) {
            return Integer.toString(year(written, y));
        }
        throw new InvalidInputException(RejectionReason.INVALID_PERIOD, SafeText.quote(written)
                + " is not a period; write " + FORMS + ", or a code such as 2023-M06, 2023-Q2, 2023-S1");
    }

    private static int year(final String written, final Integer year) {
        if (year == null) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD, "period " + SafeText.quote(written)
                    + " does not say which year; write it with the year (2023年" + written.strip()
                    + ") or give the year once with --year");
        }
        return year;
    }

    /** One month is its own code; a span is a range code, so that 1-2月 stays months 1-2 under every basis. */
    private static String months(final String written, final Integer y, final int first, final int last) {
        final int year = year(written, y);
        if (first > last) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD,
                    "period " + SafeText.quote(written) + " ends before it starts");
        }
        if (first == last) {
            return year + "-M" + (last < 10 ? "0" : "") + last;
        }
        return year + "-" + (first < 10 ? "0" : "") + first + "-01/P" + (last - first + 1) + "M";
    }

    private static int number(final String written, final String text, final int max) {
        final Integer value = Character.isDigit(text.charAt(0)) ? Integer.valueOf(text) : NUMERALS.get(text);
        if (value == null || value < 1 || value > max) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD, "period " + SafeText.quote(written)
                    + " names " + text + ", which is not between 1 and " + max);
        }
        return value;
    }
}
