package io.pacewatch.domain;

import java.util.List;
import java.util.Objects;

/**
 * An indicator as the catalogue describes it. {@code levelsPublished} is false where bureaus publish
 * growth rates only (industrial value added, in real terms); such an indicator can carry a growth
 * target but never an amount target. {@code aliases} are the other names clerks write for it (社零,
 * 固投); they are matched by {@link IndicatorCatalogue#findByName} at the publishing edge only, the
 * stream itself reads codes.
 */
public record Indicator(
        String code,
        String nameZh,
        String nameEn,
        AmountUnit unit,
        Frequency frequency,
        boolean levelsPublished,
        boolean negativeAllowed,
        List<String> aliases) {

    public Indicator {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(frequency, "frequency");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** An indicator known by its code and two names only. */
    public Indicator(final String code, final String nameZh, final String nameEn, final AmountUnit unit,
                     final Frequency frequency, final boolean levelsPublished, final boolean negativeAllowed) {
        this(code, nameZh, nameEn, unit, frequency, levelsPublished, negativeAllowed, List.of());
    }
}
