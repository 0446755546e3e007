package io.pacewatch.domain;

import io.pacewatch.domain.Vintages.PeriodVintages;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the figures of one series moved after their first estimate, in the form a dashboard can
 * show per series: how many reference periods were published more than once, and for the one revised
 * last, the move from its first estimate to its latest version. Only versions visible at the given
 * instant count, so a correction under embargo does not show early.
 */
public record RevisionSummary(int revisedPeriods, Optional<PeriodVintages> latestRevised) {

    /** Like completion ratios: 0.0245 is a 2.45% move. */
    private static final int RATIO_SCALE = 4;

    /** The figure whose newest version came last; on the same instant, the later period. */
    private static final Comparator<PeriodVintages> REVISED_LAST =
            Comparator.comparing((PeriodVintages p) -> p.latest().publishedAt())
                    .thenComparingInt(p -> p.latest().revision())
                    .thenComparingInt(PeriodVintages::lastMonth)
                    .thenComparingInt(PeriodVintages::firstMonth)
                    .thenComparing(PeriodVintages::basis);

    public RevisionSummary {
        Objects.requireNonNull(latestRevised, "latestRevised");
    }

    public static RevisionSummary of(final ReleaseHistory history, final Instant visibleAt) {
        final List<PeriodVintages> revised = Vintages.of(history, visibleAt).stream()
                .filter(p -> p.versions().size() > 1)
                .toList();
        return new RevisionSummary(revised.size(), revised.stream().max(REVISED_LAST));
    }

    /**
     * The amount's move relative to its first estimate (against its size, so a rise is positive even
     * for a negative figure); empty where there is no amount, or the first estimate was zero.
     */
    public Optional<BigDecimal> latestValueChangeRatio() {
        return latestRevised
                .filter(p -> p.valueChange() != null && p.first().value().signum() != 0)
                .map(p -> Decimals.canonical(p.valueChange()
                        .divide(p.first().value().abs(), MathContext.DECIMAL64)
                        .setScale(RATIO_SCALE, RoundingMode.HALF_EVEN)));
    }
}
