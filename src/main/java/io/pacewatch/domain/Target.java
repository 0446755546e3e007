package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated annual target. {@code value} is an amount in the indicator's {@code unit} or a growth
 * rate in percent, by {@code kind}; {@code priorYearAmount} (in {@code unit}) lets a growth figure be judged against
 * an amount target, and tells what growth the rest of the year needs.
 */
public record Target(
        String region,
        int year,
        String indicator,
        TargetKind kind,
        BigDecimal value,
        AmountUnit unit,
        PaceProfile paceProfile,
        StatusThresholds thresholds,
        BigDecimal priorYearAmount,
        Instant publishedAt,
        String source) {

    public Target {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(publishedAt, "publishedAt");
        paceProfile = paceProfile == null ? PaceProfile.LINEAR : paceProfile;
        value = Decimals.canonical(value);
        priorYearAmount = Decimals.canonical(priorYearAmount);
    }

    public SeriesKey series() {
        return new SeriesKey(region, indicator, year);
    }

    /** Stated thresholds, else the default for what the gap measures (completion or growth points). */
    public StatusThresholds thresholdsFor(final Judgement judgement) {
        if (thresholds != null) {
            return thresholds;
        }
        return judgement == Judgement.AMOUNT_COMPLETION ? StatusThresholds.AMOUNT_DEFAULT : StatusThresholds.GROWTH_DEFAULT;
    }
}
