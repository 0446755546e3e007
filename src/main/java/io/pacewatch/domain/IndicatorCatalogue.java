package io.pacewatch.domain;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The indicators pacewatch knows, by code. Loaded from data, so new indicators need no code. */
public final class IndicatorCatalogue {

    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private final Map<String, Indicator> byCode = new LinkedHashMap<>();
    private final Map<String, Indicator> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException if a code is listed twice or a name or alias names two indicators */
    public IndicatorCatalogue(final List<Indicator> indicators) {
        for (final Indicator indicator : indicators) {
            if (byCode.putIfAbsent(indicator.code(), indicator) != null) {
                throw new IllegalArgumentException("indicator " + indicator.code() + " is listed twice");
            }
        }
        for (final Indicator indicator : indicators) {
            Stream.concat(Stream.of(indicator.code(), indicator.nameZh(), indicator.nameEn()), indicator.aliases().stream())
                    .forEach(name -> {
                        final Indicator other = byName.putIfAbsent(matchingForm(name), indicator);
                        if (other != null && other != indicator) {
                            throw new IllegalArgumentException("the name " + SafeText.quote(name) + " of "
                                    + indicator.code() + " also names " + other.code());
                        }
                    });
        }
    }

    public Optional<Indicator> find(final String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The indicator a clerk named by its code, its Chinese or English name or an alias. Matching is
     * exact on {@link #matchingForm}, never fuzzy: a near miss is an unknown indicator, not a guess.
     */
    public Optional<Indicator> findByName(final String written) {
        return Optional.ofNullable(byName.get(matchingForm(written)));
    }

    /**
     * The form names are compared in: full-width letters, digits and brackets folded to their
     * ordinary forms (Unicode NFKC), every space removed, letters in lower case. {@code ＧＤＰ},
     * {@code gdp} and {@code 社 零} thus match {@code GDP} and {@code 社零}.
     */
    public static String matchingForm(final String name) {
        return SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll("").toLowerCase(Locale.ROOT);
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
