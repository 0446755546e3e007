package io.pacewatch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact share of an annual amount, kept as a fraction (2/12, not 0.166667) so that what is derived
 * from it is rounded once, at the end: an amount of 60,000 for 1–2月 projects a year of 360,000, not
 * the 359,999.28 that dividing by the rounded 0.166667 gives. Only {@link #rounded()} is for the wire.
 */
public record Share(BigDecimal numerator, BigDecimal denominator) {

    /** Shares on the wire: six places (0.166667). */
    public static final int SCALE = 6;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Share {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("a share needs a positive whole, not " + denominator.toPlainString());
        }
    }

    /** Time progress proper (序时进度): months elapsed / 12. */
    public static Share linear(final int month) {
        return new Share(BigDecimal.valueOf(month), TWELVE);
    }

    /** A share stated as a decimal fraction (a seasonal profile's), exact as stated. */
    public static Share of(final BigDecimal fraction) {
        return new Share(fraction, BigDecimal.ONE);
    }

    /** {@code part} of {@code whole}, e.g. last year's cumulative amount at a month of its full year. */
    public static Share of(final BigDecimal part, final BigDecimal whole) {
        return new Share(part, whole);
    }

    /** For the wire and for display: six places, half-even. */
    public BigDecimal rounded() {
        return numerator.divide(denominator, SCALE, RoundingMode.HALF_EVEN);
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** This share of {@code whole}, rounded once to {@code scale} places. */
    public BigDecimal of(final BigDecimal whole, final int scale) {
        return whole.multiply(numerator).divide(denominator, scale, RoundingMode.HALF_EVEN);
    }

    /** The whole of which {@code part} is this share, rounded once; undefined for a zero share. */
    public BigDecimal wholeOf(final BigDecimal part, final int scale) {
        return part.multiply(denominator).divide(numerator, scale, RoundingMode.HALF_EVEN);
    }

    /** {@code ratio} minus this share, in percentage points, rounded once to {@code scale} places. */
    public BigDecimal pointsFrom(final BigDecimal ratio, final int scale) {
        return ratio.multiply(denominator).subtract(numerator).multiply(HUNDRED)
                .divide(denominator, scale, RoundingMode.HALF_EVEN);
    }
}
