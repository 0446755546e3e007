package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Turns a {@link ReleaseDraft} into a {@link Release}, or says precisely why it cannot. */
public final class ReleaseValidator {

    /** No economy states more than 10^15 yuan (China's GDP is about 1.3·10^14); larger is a typo. */
    static final BigDecimal MAX_AMOUNT_YUAN = new BigDecimal("1e15");
    /** Growth cannot fall below -100%; above +1000% is a unit or decimal-point mistake. */
    static final BigDecimal MIN_GROWTH = new BigDecimal("-100");
    static final BigDecimal MAX_GROWTH = new BigDecimal("1000");
    /** Far finer than any bureau publishes (amounts to 0.0001 yuan, growth to 0.0001 point). */
    static final int MAX_YUAN_DECIMALS = 4;
    static final int MAX_GROWTH_DECIMALS = 4;

    private final IndicatorCatalogue catalogue;

    public ReleaseValidator(final IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Release validate(final ReleaseDraft draft) {
        final String region = TextRules.requireCode("region", draft.region());
        final Indicator indicator = catalogue.require(TextRules.requirePresent("indicator", draft.indicator()));
        final Basis basis = parseBasis(draft.basis());
        final ReferencePeriod period = ReferencePeriod.parse(TextRules.requirePresent("period", draft.period()), basis);
        if (!indicator.frequency().allowsPeriodEndingIn(period.lastMonth())) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD, indicator.code() + " is released quarterly, but '"
                    + draft.period() + "' does not end with a quarter");
        }
        final OffsetDateTime published = parseDateTime("publishedAt", TextRules.requirePresent("publishedAt", draft.publishedAt()));
        // Judged on the publisher's own calendar: a June figure cannot appear before July 1st where it is published.
        if (published.toLocalDate().isBefore(period.endExclusive())) {
            throw new InvalidInputException(RejectionReason.INVALID_PERIOD, "published on " + published.toLocalDate()
                    + ", before its period " + period.code() + " ended");
        }
        final Instant publishedAt = published.toInstant();
        if (draft.value() == null && draft.unit() != null) {
            AmountUnit.parse(draft.unit());
        }
        final BigDecimal value = draft.value() == null ? null : amount(indicator, draft.value(), draft.unit());
        final BigDecimal growth = draft.growthPercent() == null ? null : growth(draft.growthPercent());
        if (value == null && growth == null) {
            throw new InvalidInputException(RejectionReason.MISSING_FIELD, "a release states a value, a growthPercent or both");
        }
        if (!indicator.levelsPublished() && value != null) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, indicator.code()
                    + " is published as growth rates only; a value cannot be judged");
        }
        final int revision = draft.revision() == null ? 0 : draft.revision();
        if (revision < 0) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, "revision must not be negative");
        }
        final String source = TextRules.requireText("source", draft.source());
        final Instant embargoUntil = draft.embargoUntil() == null ? null : parseInstant("embargoUntil", draft.embargoUntil());
        return new Release(region, indicator.code(), period, basis, value, value == null ? null : indicator.unit(), growth, publishedAt, revision, source, embargoUntil);
    }

    private static Basis parseBasis(final String text) {
        if (text == null) {
            return Basis.CUMULATIVE;
        }
        try {
            return Basis.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "basis " + SafeText.quote(text) + " is not CUMULATIVE or SINGLE_PERIOD", e);
        }
    }

    static Instant parseInstant(final String field, final String text) {
        return parseDateTime(field, text).toInstant();
    }

    static OffsetDateTime parseDateTime(final String field, final String text) {
        final OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text.trim());
        } catch (final DateTimeParseException e) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, field + " " + SafeText.quote(text)
                    + " is not an ISO-8601 date-time with offset, e.g. 2023-07-15T09:30:00+08:00", e);
        }
        if (parsed.getYear() < ReferencePeriod.MIN_YEAR || parsed.getYear() > ReferencePeriod.MAX_YEAR) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, field + " " + SafeText.quote(text)
                    + " is outside the years " + ReferencePeriod.MIN_YEAR + "-" + ReferencePeriod.MAX_YEAR);
        }
        return parsed;
    }

    static BigDecimal amount(final Indicator indicator, final BigDecimal stated, final String unitText) {
        final AmountUnit unit = AmountUnit.parse(TextRules.requirePresent("unit", unitText));
        if (stated.signum() < 0 && !indicator.negativeAllowed()) {
            throw new InvalidInputException(RejectionReason.NEGATIVE_AMOUNT,
                    indicator.code() + " cannot be negative, but the value is " + stated.toEngineeringString());
        }
        requireDecimals("value", stated, MAX_YUAN_DECIMALS + unit.powerOfTen());
        if (stated.abs().compareTo(MAX_AMOUNT_YUAN.movePointLeft(unit.powerOfTen())) > 0) {
            throw new InvalidInputException(RejectionReason.IMPLAUSIBLE_VALUE,
                    "value " + stated.toEngineeringString() + " " + unit.symbol() + " exceeds 10^15 yuan");
        }
        return unit.convert(stated, indicator.unit());
    }

    private static void requireDecimals(final String field, final BigDecimal value, final int max) {
        if (value.stripTrailingZeros().scale() > max) {
            throw new InvalidInputException(RejectionReason.IMPLAUSIBLE_VALUE,
                    field + " has more than " + max + " decimal places");
        }
    }

    static BigDecimal growth(final BigDecimal percent) {
        requireDecimals("growthPercent", percent, MAX_GROWTH_DECIMALS);
        if (percent.compareTo(MIN_GROWTH) <= 0 || percent.compareTo(MAX_GROWTH) > 0) {
            throw new InvalidInputException(RejectionReason.IMPLAUSIBLE_VALUE,
                    "growthPercent " + percent.toEngineeringString() + " is outside (-100, 1000]");
        }
        return percent.stripTrailingZeros();
    }
}
