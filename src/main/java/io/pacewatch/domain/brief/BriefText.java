package io.pacewatch.domain.brief;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The brief's number and date spellings, shared by every renderer so the table reads the same everywhere. */
public final class BriefText {

    /** What an empty cell shows: a figure not published or not applicable is never 0. */
    public static final String DASH = "—";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BriefText() {
    }

    /** Amounts with two decimals, as 亿元 tables print them: 60.00. */
    public static String amount(final BigDecimal value) {
        return value == null ? DASH : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A rate already in percent, one decimal: 5.2. */
    public static String percent(final BigDecimal percent) {
        return percent == null ? DASH : percent.setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A fraction shown in percent, one decimal: 0.472 → 47.2. */
    public static String ratio(final BigDecimal ratio) {
        return ratio == null ? DASH : percent(ratio.multiply(HUNDRED));
    }

    /** Points with their sign, one decimal: +1.2, -0.9. */
    public static String points(final BigDecimal points) {
        if (points == null) {
            return DASH;
        }
        final BigDecimal shown = points.setScale(1, RoundingMode.HALF_EVEN);
        return (shown.signum() > 0 ? "+" : "") + shown.toPlainString();
    }

    /** 7月15日, in the reader's zone. */
    public static String dayZh(final Instant instant, final ZoneId zone) {
        final ZonedDateTime at = instant.atZone(zone);
        return at.getMonthValue() + "月" + at.getDayOfMonth() + "日";
    }

    /** 2023-07-15, in the reader's zone. */
    public static String dayEn(final Instant instant, final ZoneId zone) {
        return instant.atZone(zone).toLocalDate().toString();
    }
}
