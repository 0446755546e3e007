package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** Turns a {@link TargetDraft} into a {@link Target}, or says precisely why it cannot. */
public final class TargetValidator {

    private final IndicatorCatalogue catalogue;

    public TargetValidator(final IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Target validate(final TargetDraft draft) {
        final String region = TextRules.requireCode("region", draft.region());
        final Indicator indicator = catalogue.require(TextRules.requirePresent("indicator", draft.indicator()));
        if (draft.year() == null) {
            throw new InvalidInputException(RejectionReason.MISSING_FIELD, "year is required");
        }
        if (draft.year() < ReferencePeriod.MIN_YEAR || draft.year() > ReferencePeriod.MAX_YEAR) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD, "year " + draft.year() + " is out of range");
        }
        final TargetKind kind = parseKind(TextRules.requirePresent("kind", draft.kind()));
        final BigDecimal stated = draft.value();
        if (stated == null) {
            throw new InvalidInputException(RejectionReason.MISSING_FIELD, "value is required");
        }
        final BigDecimal value;
        if (kind == TargetKind.AMOUNT) {
            if (!indicator.levelsPublished()) {
                throw new InvalidInputException(RejectionReason.INVALID_FIELD, indicator.code()
                        + " is published as growth rates only; it can only have a GROWTH target");
            }
            value = ReleaseValidator.amount(indicator, stated, draft.unit());
            if (value.signum() <= 0) {
                throw new InvalidInputException(RejectionReason.INVALID_FIELD, "an amount target must be positive");
            }
        } else {
            value = ReleaseValidator.growth(stated);
        }
        if (draft.unit() != null) {
            AmountUnit.parse(draft.unit());
        }
        final BigDecimal prior = draft.priorYearAmount() == null ? null
                : ReleaseValidator.amount(indicator, draft.priorYearAmount(), draft.unit());
        if (prior != null && prior.signum() <= 0) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, "priorYearAmount must be positive");
        }
        final Instant publishedAt = ReleaseValidator.parseInstant("publishedAt",
                TextRules.requirePresent("publishedAt", draft.publishedAt()));
        final boolean hasAmounts = kind == TargetKind.AMOUNT || prior != null;
        return new Target(region, draft.year(), indicator.code(), kind, value, hasAmounts ? indicator.unit() : null,
                profile(draft, indicator, kind), draft.thresholds(),
                prior, publishedAt, TextRules.requireText("source", draft.source()));
    }

    private static TargetKind parseKind(final String text) {
        try {
            return TargetKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "kind " + SafeText.quote(text) + " is not AMOUNT or GROWTH", e);
        }
    }

    private static PaceProfile profile(final TargetDraft draft, final Indicator indicator, final TargetKind kind) {
        final String name = draft.paceProfile() == null ? "LINEAR" : draft.paceProfile().trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "LINEAR" -> {
                if (draft.seasonalShares() != null && !draft.seasonalShares().isEmpty()) {
                    throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                            "seasonalShares are given but paceProfile is LINEAR");
                }
                yield PaceProfile.LINEAR;
            }
            case "SEASONAL" -> {
                if (draft.seasonalShares() == null) {
                    throw new InvalidInputException(RejectionReason.MISSING_FIELD,
                            "a SEASONAL paceProfile needs seasonalShares");
                }
                yield PaceProfile.seasonal(draft.seasonalShares());
            }
            case "PRIOR_YEAR" -> {
                if (draft.seasonalShares() != null && !draft.seasonalShares().isEmpty()) {
                    throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                            "seasonalShares are given but paceProfile is PRIOR_YEAR, which takes last year's shares");
                }
                // Shares are of amounts: growth-only indicators and growth targets have none.
                if (!indicator.levelsPublished()) {
                    throw new InvalidInputException(RejectionReason.INVALID_FIELD, indicator.code()
                            + " is published as growth rates only: last year's shares cannot be known, so a"
                            + " PRIOR_YEAR paceProfile cannot apply");
                }
                if (kind != TargetKind.AMOUNT) {
                    throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                            "a PRIOR_YEAR paceProfile applies to AMOUNT targets; a GROWTH target is judged on growth");
                }
                yield PaceProfile.PRIOR_YEAR;
            }
            default -> throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "paceProfile " + SafeText.quote(draft.paceProfile()) + " is not LINEAR, SEASONAL or PRIOR_YEAR");
        };
    }
}
