package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Units of money that releases and targets state; SDMX's UNIT_MULT is the power of ten. */
public enum AmountUnit {
    YUAN("元", "yuan", 0),
    WAN_YUAN("万元", "10k yuan", 4),
    YI_YUAN("亿元", "100m yuan", 8);

    private final String symbol;
    private final String english;
    private final int powerOfTen;

    AmountUnit(final String symbol, final String english, final int powerOfTen) {
        this.symbol = symbol;
        this.english = english;
        this.powerOfTen = powerOfTen;
    }

    public String symbol() {
        return symbol;
    }

    public String english() {
        return english;
    }

    public int powerOfTen() {
        return powerOfTen;
    }

    /** Converts an amount stated in this unit into {@code target}; exact, since both are powers of ten. */
    public BigDecimal convert(final BigDecimal amount, final AmountUnit target) {
        return amount.movePointRight(powerOfTen - target.powerOfTen).stripTrailingZeros();
    }

    /** Accepts the Chinese symbol (亿元) or the code (YI_YUAN), as bureaus write either. */
    public static AmountUnit parse(final String text) {
        final String trimmed = text.trim();
        return Arrays.stream(values())
                .filter(u -> u.symbol.equals(trimmed) || u.name().equals(trimmed.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(RejectionReason.UNKNOWN_UNIT,
                        "unit " + SafeText.quote(text) + " is not one of 元, 万元, 亿元 (YUAN, WAN_YUAN, YI_YUAN)"));
    }

    public static Optional<AmountUnit> ofPowerOfTen(final int powerOfTen) {
        return Arrays.stream(values()).filter(u -> u.powerOfTen == powerOfTen).findFirst();
    }
}
