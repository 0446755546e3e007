package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where a series stands as of a month: the year-to-date amount through {@code amountThroughMonth}
 * (0 when unknown), the bureau's cumulative growth through {@code growthThroughMonth} (0 when none),
 * the months that should have had a figure but did not, the versions that were used, and the last
 * month any release covers (figures may exist that build no year-to-date, e.g. single-month growth).
 */
public record YearToDate(
        int amountThroughMonth,
        BigDecimal amount,
        int growthThroughMonth,
        BigDecimal cumulativeGrowthPercent,
        List<Integer> missingMonths,
        List<ReleaseVersion> versionsUsed,
        int reportedThroughMonth) {

    public YearToDate {
        missingMonths = List.copyOf(missingMonths);
        versionsUsed = List.copyOf(versionsUsed);
    }

    public boolean hasAmount() {
        return amount != null;
    }

    public boolean hasGrowth() {
        return cumulativeGrowthPercent != null;
    }

    public boolean isEmpty() {
        return !hasAmount() && !hasGrowth();
    }

    public int throughMonth() {
        return Math.max(amountThroughMonth, growthThroughMonth);
    }
}
