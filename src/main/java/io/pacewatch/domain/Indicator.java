package io.pacewatch.domain;

import java.util.Objects;

/**
 * An indicator as the catalogue describes it. {@code levelsPublished} is false where bureaus publish
 * growth rates only (industrial value added, in real terms); such an indicator can carry a growth
 * target but never an amount target.
 */
public record Indicator(
        String code,
        String nameZh,
        String nameEn,
        AmountUnit unit,
        Frequency frequency,
        boolean levelsPublished,
        boolean negativeAllowed) {

    public Indicator {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(frequency, "frequency");
    }
}
