package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the year-to-date figure from the latest version of each period. The latest cumulative value
 * is the year-to-date amount; single-period values are added on after it, month by month, and the
 * chain stops at the first month nobody reported: a missing month is reported as missing and the
 * year-to-date figure stays at the last complete month, never counting the gap as zero.
 */
public final class YearToDateCalculator {

    private YearToDateCalculator() {
    }

    public static YearToDate asOf(final List<Release> latestPerSlot, final int asOfMonth) {
        final List<Release> visible = latestPerSlot.stream()
                .filter(r -> r.period().lastMonth() <= asOfMonth)
                .toList();
        final Set<Release> used = new LinkedHashSet<>();

        final Optional<Release> cumulativeAmount = visible.stream()
                .filter(r -> r.basis() == Basis.CUMULATIVE && r.hasValue())
                .max(Comparator.comparingInt(r -> r.period().lastMonth()));
        int through = cumulativeAmount.map(r -> r.period().lastMonth()).orElse(0);
        BigDecimal amount = cumulativeAmount.map(Release::value).orElse(null);
        cumulativeAmount.ifPresent(used::add);

        for (Optional<Release> next = singleStartingAt(visible, through + 1); next.isPresent();
                next = singleStartingAt(visible, through + 1)) {
            final Release single = next.get();
            amount = amount == null ? single.value() : amount.add(single.value());
            through = single.period().lastMonth();
            used.add(single);
        }

        final Optional<Release> cumulativeGrowth = visible.stream()
                .filter(r -> r.basis() == Basis.CUMULATIVE && r.hasGrowth())
                .max(Comparator.comparingInt(r -> r.period().lastMonth()));
        cumulativeGrowth.ifPresent(used::add);

        return new YearToDate(
                through,
                amount,
                cumulativeGrowth.map(r -> r.period().lastMonth()).orElse(0),
                cumulativeGrowth.map(Release::growthPercent).orElse(null),
                missingMonths(visible, through),
                used.stream().sorted(Comparator.comparing((Release r) -> r.period().lastMonth())
                        .thenComparing(Release::basis)).map(Release::version).toList(),
                visible.stream().mapToInt(r -> r.period().lastMonth()).max().orElse(0));
    }

    /** The longest single-period figure with a value that starts at {@code month}. */
    private static Optional<Release> singleStartingAt(final List<Release> releases, final int month) {
        return releases.stream()
                .filter(r -> r.basis() == Basis.SINGLE_PERIOD && r.hasValue() && r.period().firstMonth() == month)
                .max(Comparator.comparingInt(r -> r.period().lastMonth()));
    }

    /** Months after the amount chain stops and up to the latest single-period figure that was reported. */
    private static List<Integer> missingMonths(final List<Release> visible, final int through) {
        final int reportedUpTo = visible.stream()
                .filter(r -> r.basis() == Basis.SINGLE_PERIOD && r.hasValue())
                .mapToInt(r -> r.period().lastMonth())
                .max().orElse(0);
        final TreeSet<Integer> covered = new TreeSet<>();
        visible.stream()
                .filter(r -> r.basis() == Basis.SINGLE_PERIOD && r.hasValue())
                .forEach(r -> {
                    for (int m = r.period().firstMonth(); m <= r.period().lastMonth(); m++) {
                        covered.add(m);
                    }
                });
        final List<Integer> missing = new ArrayList<>();
        for (int m = through + 1; m <= reportedUpTo; m++) {
            if (!covered.contains(m)) {
                missing.add(m);
            }
        }
        return missing;
    }
}
