package io.pacewatch.domain;

import java.math.BigDecimal;

/**
 * One spelling per number: 60, never 6E+1 or 60.00. Figures are compared and fingerprinted after a
 * trip through JSON, which writes plain decimals, so every record holds them in the form JSON gives back.
 */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal canonical(final BigDecimal value) {
        if (value == null) {
            return null;
        }
        final BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
