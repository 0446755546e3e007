package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * How much of an annual amount should be in by the end of each month. Linear is the official time
 * progress (序时进度): months elapsed / 12. A seasonal profile gives the twelve cumulative shares, for
 * indicators that come in unevenly (revenue early in the year, investment late). A prior-year profile
 * (上年同期进度) takes the shares from last year's releases of the same series, which only the
 * assessment has ({@link CumulativeCurve}); where last year is incomplete it falls back to linear.
 */
public record PaceProfile(List<BigDecimal> seasonalShares, Kind kind) {

    /** How the expected share is found. */
    public enum Kind {
        LINEAR,
        SEASONAL,
        PRIOR_YEAR
    }

    public static final PaceProfile LINEAR = new PaceProfile(List.of(), Kind.LINEAR);
    public static final PaceProfile PRIOR_YEAR = new PaceProfile(List.of(), Kind.PRIOR_YEAR);

    public PaceProfile {
        seasonalShares = seasonalShares == null ? List.of() : List.copyOf(seasonalShares);
        if (kind == null) {
            // targets stored before PRIOR_YEAR existed said only their shares
            kind = seasonalShares.isEmpty() ? Kind.LINEAR : Kind.SEASONAL;
        }
    }

    public static PaceProfile seasonal(final List<BigDecimal> cumulativeShares) {
        if (cumulativeShares.size() != 12) {
            throw invalid("a seasonal profile has 12 cumulative shares, not " + cumulativeShares.size());
        }
        BigDecimal previous = BigDecimal.ZERO;
        for (final BigDecimal share : cumulativeShares) {
            if (share == null || share.compareTo(previous) < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw invalid("seasonal shares must be fractions that never decrease, got " + cumulativeShares);
            }
            previous = share;
        }
        if (previous.compareTo(BigDecimal.ONE) != 0) {
            throw invalid("the December share of a seasonal profile must be 1, not " + previous.toEngineeringString());
        }
        return new PaceProfile(cumulativeShares, Kind.SEASONAL);
    }

    public boolean isLinear() {
        return kind == Kind.LINEAR;
    }

    /** The share of the annual amount expected by the end of {@code month}, as shown: six places. */
    public BigDecimal expectedShare(final int month) {
        return exactShare(month).rounded();
    }

    /**
     * The same share exactly, for what is computed from it (expected amount, projection, gap). A
     * prior-year profile without last year's curve is linear here; {@link PaceAssessor} gives it the curve.
     */
    public Share exactShare(final int month) {
        return kind == Kind.SEASONAL ? Share.of(seasonalShares.get(month - 1)) : Share.linear(month);
    }

    /** Time progress proper, as shown: months elapsed / 12, whatever the profile. */
    public static BigDecimal linearShare(final int month) {
        return Share.linear(month).rounded();
    }

    private static InvalidInputException invalid(final String detail) {
        return new InvalidInputException(RejectionReason.INVALID_FIELD, detail);
    }
}
