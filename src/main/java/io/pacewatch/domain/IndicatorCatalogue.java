package io.pacewatch.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The indicators pacewatch knows, by code. Loaded from data, so new indicators need no code. */
public final class IndicatorCatalogue {

    private final Map<String, Indicator> byCode = new LinkedHashMap<>();

    public IndicatorCatalogue(final List<Indicator> indicators) {
        for (final Indicator indicator : indicators) {
            if (byCode.putIfAbsent(indicator.code(), indicator) != null) {
                throw new IllegalArgumentException("indicator " + indicator.code() + " is listed twice");
            }
        }
    }

    public Optional<Indicator> find(final String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The indicator, or the rejection a publisher sees for an unknown code. */
    public Indicator require(final String code) {
        return find(code).orElseThrow(() -> new InvalidInputException(RejectionReason.UNKNOWN_INDICATOR,
                "indicator " + SafeText.quote(code) + " is not in the catalogue (known: " + String.join(", ", byCode.keySet()) + ")"));
    }

    public Collection<Indicator> all() {
        return byCode.values();
    }
}
