package io.pacewatch.domain;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The months of one year a figure covers, {@code firstMonth..lastMonth}. A cumulative figure always
 * starts in January; the January–February combined release (1–2月) is simply {@code 1..2}.
 */
public record ReferencePeriod(int year, int firstMonth, int lastMonth) {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2999;

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-M?(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");
    private static final Pattern SEMESTER = Pattern.compile("(\\d{4})-S(\\d)");
    private static final Pattern RANGE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})/P(\\d{1,2})M");
    private static final String[] MONTH_NAMES = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public ReferencePeriod {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw invalid("year " + year + " is outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        if (firstMonth < 1 || lastMonth > 12 || firstMonth > lastMonth) {
            throw invalid("months " + firstMonth + ".." + lastMonth + " are not a span within one year");
        }
    }

    public static ReferencePeriod cumulativeThrough(final int year, final int lastMonth) {
        return new ReferencePeriod(year, 1, lastMonth);
    }

    /**
     * Reads the SDMX-style codes bureaus use: {@code 2023}, {@code 2023-03}, {@code 2023-M03},
     * {@code 2023-Q2}, {@code 2023-S1} and ranges such as {@code 2023-01-01/P2M}. With a cumulative
     * basis the figure runs from January to the period's last month, which is why a cumulative
     * {@code 2023-02} is the January–February release and a cumulative {@code 2023-Q2} is H1.
     */
    public static ReferencePeriod parse(final String text, final Basis basis) {
        final ReferencePeriod span = parseSpan(text.trim());
        if (basis == Basis.CUMULATIVE) {
            if (span.firstMonth != 1 && text.contains("/")) {
                throw invalid("a cumulative figure starts in January, but " + SafeText.quote(text) + " starts in month "
                        + span.firstMonth);
            }
            return cumulativeThrough(span.year, span.lastMonth);
        }
        return span;
    }

    private static ReferencePeriod parseSpan(final String text) {
        Matcher m = YEAR.matcher(text);
        if (m.matches()) {
            return new ReferencePeriod(year(m), 1, 12);
        }
        m = MONTH.matcher(text);
        if (m.matches()) {
            final int month = Integer.parseInt(m.group(2));
            requireRange(text, month, 12, "month");
            return new ReferencePeriod(year(m), month, month);
        }
        m = QUARTER.matcher(text);
        if (m.matches()) {
            final int quarter = Integer.parseInt(m.group(2));
            requireRange(text, quarter, 4, "quarter");
            return new ReferencePeriod(year(m), quarter * 3 - 2, quarter * 3);
        }
        m = SEMESTER.matcher(text);
        if (m.matches()) {
            final int half = Integer.parseInt(m.group(2));
            requireRange(text, half, 2, "half-year");
            return new ReferencePeriod(year(m), half * 6 - 5, half * 6);
        }
        m = RANGE.matcher(text);
        if (m.matches()) {
            final int start = Integer.parseInt(m.group(2));
            final int length = Integer.parseInt(m.group(4));
            requireRange(text, start, 12, "month");
            if (!"01".equals(m.group(3))) {
                throw invalid(SafeText.quote(text) + " must start on the first day of a month");
            }
            if (length < 1 || start + length - 1 > 12) {
                throw invalid(SafeText.quote(text) + " does not fit within one year");
            }
            return new ReferencePeriod(year(m), start, start + length - 1);
        }
        throw invalid(SafeText.quote(text) + " is not a period (use 2023, 2023-03, 2023-M03, 2023-Q2, 2023-S1 or 2023-01-01/P2M)");
    }

    private static int year(final Matcher m) {
        return Integer.parseInt(m.group(1));
    }

    private static void requireRange(final String text, final int value, final int max, final String what) {
        if (value < 1 || value > max) {
            throw invalid(SafeText.quote(text) + " names " + what + " " + value + ", which does not exist");
        }
    }

    private static InvalidInputException invalid(final String detail) {
        return new InvalidInputException(RejectionReason.INVALID_PERIOD, detail);
    }

    public int months() {
        return lastMonth - firstMonth + 1;
    }

    public boolean isCumulative() {
        return firstMonth == 1;
    }

    /** The first day after the period, before which nobody can have published a figure for it. */
    public LocalDate endExclusive() {
        return LocalDate.of(year, lastMonth, 1).plusMonths(1);
    }

    /** Canonical SDMX-style code: 2023-M03, 2023-Q2, 2023-S1, 2023, or 2023-01-01/P2M. */
    public String code() {
        // Concatenation, not String.format: codes are built for every month of a series at every release.
        if (firstMonth == lastMonth) {
            return year + "-M" + twoDigits(lastMonth);
        }
        if (firstMonth == 1 && lastMonth == 12) {
            return Integer.toString(year);
        }
        if (months() == 3 && lastMonth % 3 == 0) {
            return year + "-Q" + lastMonth / 3;
        }
        if (months() == 6 && lastMonth % 6 == 0) {
            return year + "-S" + lastMonth / 6;
        }
        return year + "-" + twoDigits(firstMonth) + "-01/P" + months() + "M";
    }

    private static String twoDigits(final int month) {
        return month < 10 ? "0" + month : Integer.toString(month);
    }

    /** The wording of Chinese releases: 3月, 1-2月, 1-6月. */
    public String labelZh() {
        return firstMonth == lastMonth ? lastMonth + "月" : firstMonth + "-" + lastMonth + "月";
    }

    public String labelEn() {
        final String months = firstMonth == lastMonth
                ? MONTH_NAMES[lastMonth - 1]
                : MONTH_NAMES[firstMonth - 1] + "–" + MONTH_NAMES[lastMonth - 1];
        return months + " " + year;
    }

    @Override
    public String toString() {
        return code();
    }
}
