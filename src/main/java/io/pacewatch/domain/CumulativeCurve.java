package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A series' year-to-date amount at each month it is known for, from the latest version of each
 * figure: next year's same-period benchmark (上年同期进度). A month is on the curve only when the
 * year-to-date amount reaches exactly that month (a cumulative figure for it, or single months
 * chained up to it); nothing is interpolated, so a month the bureau did not cover is simply absent.
 *
 * @param updatedAt the newest publication behind the points: the time of the input when it is
 *                  used for next year's progress
 */
public record CumulativeCurve(int year, List<Point> points, Instant updatedAt) {

    /** The year-to-date amount through {@code month}, in the indicator's unit. */
    public record Point(int month, BigDecimal cumulative) {
        public Point {
            Objects.requireNonNull(cumulative, "cumulative");
            cumulative = Decimals.canonical(cumulative);
        }
    }

    public CumulativeCurve {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /** The curve of one year from the latest version of each of its figures (visible ones only). */
    public static CumulativeCurve of(final int year, final List<Release> latestPerSlot) {
        final List<Point> points = new ArrayList<>();
        final int last = latestPerSlot.stream().mapToInt(r -> r.period().lastMonth()).max().orElse(0);
        for (int month = 1; month <= last; month++) {
            final YearToDate ytd = YearToDateCalculator.asOf(latestPerSlot, month);
            if (ytd.hasAmount() && ytd.amountThroughMonth() == month) {
                points.add(new Point(month, ytd.amount()));
            }
        }
        final Instant updatedAt = latestPerSlot.stream().filter(Release::hasValue).map(Release::effectiveAt)
                .max(Instant::compareTo).orElse(null);
        return new CumulativeCurve(year, points, updatedAt);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    public Optional<BigDecimal> at(final int month) {
        return points.stream().filter(p -> p.month() == month).map(Point::cumulative).findFirst();
    }

    /**
     * This year's share of its full-year amount at {@code month}: known only when both the month and
     * December are on the curve, the year's total is positive and the share lies in 0..1. Never estimated.
     */
    public Optional<Share> shareAt(final int month) {
        final Optional<BigDecimal> full = at(12).filter(total -> total.signum() > 0);
        // A share outside 0..1 (a month above the year, after refunds) is no benchmark: not used.
        return full.flatMap(total -> at(month)
                .filter(part -> part.signum() >= 0 && part.compareTo(total) <= 0)
                .map(part -> Share.of(part, total)));
    }

    /** What is missing for {@link #shareAt}: the month itself and/or December (12), in that order. */
    public List<Integer> missingFor(final int month) {
        final List<Integer> missing = new ArrayList<>();
        if (at(month).isEmpty()) {
            missing.add(month);
        }
        if (month != 12 && at(12).isEmpty()) {
            missing.add(12);
        }
        return missing;
    }
}
