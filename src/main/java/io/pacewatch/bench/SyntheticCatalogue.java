package io.pacewatch.bench;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Frequency;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's indicators, built in memory: {@code SYN01}, {@code SYN02}, ... all monthly, cycling
 * through five kinds that mirror how the bundled indicators are published and judged, so every path
 * of the pace rules carries load (cumulative and single-period amounts, linear and seasonal profiles,
 * growth targets with and without levels, an amount target judged on implied growth).
 */
final class SyntheticCatalogue {

    /** How an indicator is published and what its target is. */
    enum Kind {
        /** Like budget revenue: cumulative amount and growth; amount target, linear time progress. */
        AMOUNT_CUMULATIVE(true, "amount target, cumulative releases"),
        /** Single-month amounts summed to year-to-date; amount target with a seasonal profile. */
        AMOUNT_SEASONAL_SINGLE(true, "amount target, seasonal, single-period releases"),
        /** Like retail sales: cumulative amount and growth; growth target with last year's amount. */
        GROWTH_WITH_LEVELS(true, "growth target, cumulative releases"),
        /** Like industrial value added: growth rates only; growth target. */
        GROWTH_ONLY(false, "growth target, growth-only releases"),
        /** Like fixed-asset investment in districts: growth only against an amount target (implied growth). */
        AMOUNT_GROWTH_RELEASES(true, "amount target, growth-only releases");

        final boolean levelsPublished;
        final String description;

        Kind(final boolean levelsPublished, final String description) {
            this.levelsPublished = levelsPublished;
            this.description = description;
        }
    }

    /** Revenue-like: more of the year's amount comes in early. Cumulative shares, December = 1. */
    static final List<BigDecimal> SEASONAL_SHARES = List.of(
            new BigDecimal("0.1"), new BigDecimal("0.18"), new BigDecimal("0.27"), new BigDecimal("0.36"),
            new BigDecimal("0.44"), new BigDecimal("0.53"), new BigDecimal("0.61"), new BigDecimal("0.69"),
            new BigDecimal("0.77"), new BigDecimal("0.85"), new BigDecimal("0.93"), BigDecimal.ONE);

    static final int MAX_INDICATORS = 99;

    private SyntheticCatalogue() {
    }

    static String code(final int index) {
        return String.format("SYN%02d", index + 1);
    }

    static Kind kindOf(final int index) {
        return Kind.values()[index % Kind.values().length];
    }

    static IndicatorCatalogue build(final int indicators) {
        if (indicators < 1 || indicators > MAX_INDICATORS) {
            throw new IllegalArgumentException("indicators must be 1.." + MAX_INDICATORS + ": " + indicators);
        }
        final List<Indicator> list = new ArrayList<>();
        for (int i = 0; i < indicators; i++) {
            final Kind kind = kindOf(i);
            list.add(new Indicator(code(i), "合成指标" + String.format("%02d", i + 1),
                    "Synthetic indicator " + (i + 1) + " (" + kind.description + ")",
                    AmountUnit.YI_YUAN, Frequency.MONTHLY, kind.levelsPublished, false));
        }
        return new IndicatorCatalogue(list);
    }
}
