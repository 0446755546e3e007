package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseValidatorTest {

    private final ReleaseValidator validator = new ReleaseValidator(Releases.CATALOGUE);

    private static Releases.Builder june() {
        return Releases.budgetRevenue().cumulativeThrough(6).value("60");
    }

    private InvalidInputException rejection(final Releases.Builder builder) {
        return catchThrowableOfType(InvalidInputException.class, () -> validator.validate(builder.draft()));
    }

    @Test
    @DisplayName("A complete release becomes a Release with every field read")
    void acceptsCompleteRelease() {
        // given
        final ReleaseDraft draft = june().growth("5.20").revision(2).embargoUntil("2023-07-16T00:00:00Z").draft();

        // when
        final Release release = validator.validate(draft);

        // then
        assertThat(release.region()).isEqualTo("luohu");
        assertThat(release.indicator()).isEqualTo("BUDGET_REVENUE");
        assertThat(release.period()).isEqualTo(new ReferencePeriod(2023, 1, 6));
        assertThat(release.basis()).isEqualTo(Basis.CUMULATIVE);
        assertThat(release.value()).isEqualByComparingTo("60");
        assertThat(release.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(release.growthPercent()).isEqualByComparingTo("5.2");
        assertThat(release.publishedAt()).isEqualTo(Instant.parse("2023-07-15T01:30:00Z"));
        assertThat(release.revision()).isEqualTo(2);
        assertThat(release.source()).isEqualTo("罗湖区统计局");
        assertThat(release.embargoUntil()).isEqualTo(Instant.parse("2023-07-16T00:00:00Z"));
        assertThat(release.series()).isEqualTo(Releases.series("BUDGET_REVENUE"));
    }

    @ParameterizedTest(name = "{0} {1} is stored as {2} 亿元")
    @CsvSource({
        "60,         亿元,     60",
        "600000,     万元,     60",
        "6000000000, 元,       60",
        "600000,     WAN_YUAN, 60",
        "127.5,      YI_YUAN,  127.5",
    })
    @DisplayName("A value is stored in the indicator's unit, whatever unit it was stated in")
    void convertsToIndicatorUnit(final String value, final String unit, final String stored) {
        // when
        final Release release = validator.validate(june().value(value, unit).draft());

        // then
        assertThat(release.value()).isEqualByComparingTo(stored);
        assertThat(release.unit()).isEqualTo(AmountUnit.YI_YUAN);
    }

    @Test
    @DisplayName("A growth-only release needs no unit and carries none")
    void growthOnlyRelease() {
        // when
        final Release release = validator.validate(Releases.fixedAssetInvestment().cumulativeThrough(6)
                .growth("6.0").unit(null).draft());

        // then
        assertThat(release.hasValue()).isFalse();
        assertThat(release.unit()).isNull();
        assertThat(release.growthPercent()).isEqualByComparingTo("6");
    }

    @Test
    @DisplayName("Without a stated basis a release is cumulative, and the basis may be written in lower case")
    void basisDefaultsAndIgnoresCase() {
        // when
        final Release unstated = validator.validate(june().period("2023-06", null).draft());
        final Release lowerCase = validator.validate(june().period("2023-M06", "single_period").draft());

        // then
        assertThat(unstated.basis()).isEqualTo(Basis.CUMULATIVE);
        assertThat(unstated.period()).isEqualTo(new ReferencePeriod(2023, 1, 6));
        assertThat(lowerCase.basis()).isEqualTo(Basis.SINGLE_PERIOD);
        assertThat(lowerCase.period()).isEqualTo(new ReferencePeriod(2023, 6, 6));
    }

    @ParameterizedTest(name = "GDP for {0} is accepted as months 1..{1}")
    @CsvSource({"2023-Q1, 3", "2023-S1, 6", "2023-Q2, 6", "2023-Q3, 9", "2023, 12", "2023-09, 9"})
    @DisplayName("Quarterly GDP accepts periods that end with a quarter")
    void gdpQuarterEnds(final String period, final int lastMonth) {
        // when
        final Release release = validator.validate(Releases.gdp().period(period, "CUMULATIVE").growth("6.1").draft());

        // then
        assertThat(release.period()).isEqualTo(ReferencePeriod.cumulativeThrough(2023, lastMonth));
    }

    @ParameterizedTest(name = "accepted at the edge: {0}")
    @MethodSource("edgesThatAreAccepted")
    @DisplayName("Values right at the limits are accepted")
    void acceptsEdges(final String description, final UnaryOperator<Releases.Builder> edit) {
        // when
        final Release release = validator.validate(edit.apply(june()).draft());

        // then
        assertThat(release).isNotNull();
    }

    static Stream<Arguments> edgesThatAreAccepted() {
        return Stream.of(
                Arguments.of("growth −99.9%", (UnaryOperator<Releases.Builder>) b -> b.growth("-99.9")),
                Arguments.of("growth +1000%", (UnaryOperator<Releases.Builder>) b -> b.growth("1000")),
                Arguments.of("10^7 亿元 = 10^15 yuan", (UnaryOperator<Releases.Builder>) b -> b.value("10000000")),
                Arguments.of("a zero amount", (UnaryOperator<Releases.Builder>) b -> b.value("0")),
                Arguments.of("a 200-character source", (UnaryOperator<Releases.Builder>) b -> b.source("统".repeat(200))),
                Arguments.of("a 64-character region", (UnaryOperator<Releases.Builder>) b -> b.region("r".repeat(64))),
                Arguments.of("region with letters, digits, '_', '-', '.'",
                        (UnaryOperator<Releases.Builder>) b -> b.region("深圳.luohu_district-2")),
                Arguments.of("published at the first Beijing midnight after June",
                        (UnaryOperator<Releases.Builder>) b -> b.publishedAt("2023-07-01T00:00:00+08:00")),
                Arguments.of("embargo before publication", (UnaryOperator<Releases.Builder>) b -> b.embargoUntil("2023-07-01T00:00:00Z")));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("unknown indicator", edit(b -> Releases.of("HAPPINESS").cumulativeThrough(6).value("60")),
                        RejectionReason.UNKNOWN_INDICATOR, "'HAPPINESS'"),
                Arguments.of("no indicator", edit(b -> Releases.of(null).cumulativeThrough(6).value("60")),
                        RejectionReason.MISSING_FIELD, "indicator"),
                Arguments.of("no region", edit(b -> b.region(null)), RejectionReason.MISSING_FIELD, "region"),
                Arguments.of("HTML in region", edit(b -> b.region("<script>luohu</script>")),
                        RejectionReason.INVALID_TEXT, "region '<script>luohu</script>'"),
                Arguments.of("space in region", edit(b -> b.region("luo hu")), RejectionReason.INVALID_TEXT, "region"),
                Arguments.of("separator in region", edit(b -> b.region("luohu|GDP")), RejectionReason.INVALID_TEXT, "region"),
                Arguments.of("65-character region", edit(b -> b.region("r".repeat(65))), RejectionReason.INVALID_TEXT, "region"),
                Arguments.of("no period", edit(b -> b.period(null, "CUMULATIVE")), RejectionReason.MISSING_FIELD, "period"),
                Arguments.of("month 13", edit(b -> b.period("2023-13", "CUMULATIVE")), RejectionReason.INVALID_PERIOD, "2023-13"),
                Arguments.of("quarter 5", edit(b -> b.period("2023-Q5", "CUMULATIVE")), RejectionReason.INVALID_PERIOD, "2023-Q5"),
                Arguments.of("half-year 3", edit(b -> b.period("2023-S3", "CUMULATIVE")), RejectionReason.INVALID_PERIOD, "2023-S3"),
                Arguments.of("range from the 15th", edit(b -> b.period("2023-02-15/P2M", "SINGLE_PERIOD")),
                        RejectionReason.INVALID_PERIOD, "2023-02-15/P2M"),
                Arguments.of("range past December", edit(b -> b.period("2023-11-01/P3M", "SINGLE_PERIOD")),
                        RejectionReason.INVALID_PERIOD, "2023-11-01/P3M"),
                Arguments.of("cumulative from March", edit(b -> b.period("2023-03-01/P2M", "CUMULATIVE")),
                        RejectionReason.INVALID_PERIOD, "2023-03-01/P2M"),
                Arguments.of("GDP for May", edit(b -> Releases.gdp().period("2023-M05", "CUMULATIVE").growth("6")),
                        RejectionReason.INVALID_PERIOD, "2023-M05"),
                Arguments.of("GDP for January–February", edit(b -> Releases.gdp().period("2023-01-01/P2M", "SINGLE_PERIOD").growth("6")),
                        RejectionReason.INVALID_PERIOD, "quarterly"),
                Arguments.of("published before the period ended",
                        edit(b -> b.publishedAt("2023-06-20T09:00:00+08:00")), RejectionReason.INVALID_PERIOD, "2023-S1"),
                Arguments.of("no publication time", edit(b -> b.publishedAt(null)), RejectionReason.MISSING_FIELD, "publishedAt"),
                Arguments.of("publication date without time", edit(b -> b.publishedAt("2023-07-15")),
                        RejectionReason.INVALID_FIELD, "publishedAt '2023-07-15'"),
                Arguments.of("publication time without offset", edit(b -> b.publishedAt("2023-07-15T09:30:00")),
                        RejectionReason.INVALID_FIELD, "publishedAt"),
                Arguments.of("embargo that is not a time", edit(b -> b.embargoUntil("soon")),
                        RejectionReason.INVALID_FIELD, "embargoUntil 'soon'"),
                Arguments.of("negative amount", edit(b -> b.value("-5")), RejectionReason.NEGATIVE_AMOUNT, "-5"),
                Arguments.of("unknown unit", edit(b -> b.unit("千元")), RejectionReason.UNKNOWN_UNIT, "'千元'"),
                Arguments.of("value without unit", edit(b -> b.unit(null)), RejectionReason.MISSING_FIELD, "unit"),
                Arguments.of("more than 10^15 yuan", edit(b -> b.value("10000001")), RejectionReason.IMPLAUSIBLE_VALUE, "10000001"),
                Arguments.of("10^16 yuan stated in 元", edit(b -> b.value("1E16", "元")), RejectionReason.IMPLAUSIBLE_VALUE, "元"),
                Arguments.of("an absurd exponent", edit(b -> b.value("1E+300")), RejectionReason.IMPLAUSIBLE_VALUE, "1E+300"),
                Arguments.of("growth of −100%", edit(b -> b.growth("-100")), RejectionReason.IMPLAUSIBLE_VALUE, "growthPercent -100"),
                Arguments.of("growth below −100%", edit(b -> b.growth("-150")), RejectionReason.IMPLAUSIBLE_VALUE, "growthPercent -150"),
                Arguments.of("growth above 1000%", edit(b -> b.growth("1000.1")), RejectionReason.IMPLAUSIBLE_VALUE, "1000.1"),
                Arguments.of("neither value nor growth", edit(b -> b.value(null)), RejectionReason.MISSING_FIELD, "value"),
                Arguments.of("a value for growth-only industrial value added",
                        edit(b -> Releases.industrialValueAdded().cumulativeThrough(6).value("60").growth("4")),
                        RejectionReason.INVALID_FIELD, "INDUSTRIAL_VALUE_ADDED"),
                Arguments.of("negative revision", edit(b -> b.revision(-1)), RejectionReason.INVALID_FIELD, "revision"),
                Arguments.of("unknown basis", edit(b -> b.period("2023-06", "MONTHLY")), RejectionReason.INVALID_FIELD, "basis 'MONTHLY'"),
                Arguments.of("no source", edit(b -> b.source(null)), RejectionReason.MISSING_FIELD, "source"),
                Arguments.of("blank source", edit(b -> b.source("   ")), RejectionReason.INVALID_TEXT, "source"),
                Arguments.of("201-character source", edit(b -> b.source("统".repeat(201))), RejectionReason.INVALID_TEXT, "source"),
                Arguments.of("control character in source", edit(b -> b.source("罗湖\u0007统计局")),
                        RejectionReason.INVALID_TEXT, "\\u0007"),
                Arguments.of("right-to-left override in source", edit(b -> b.source("罗湖\u202E局计统")),
                        RejectionReason.INVALID_TEXT, "\\u202E"),
                Arguments.of("zero-width space in source", edit(b -> b.source("罗湖\u200B统计局")),
                        RejectionReason.INVALID_TEXT, "\\u200B"),
                Arguments.of("newline in source", edit(b -> b.source("罗湖\n统计局")), RejectionReason.INVALID_TEXT, "\\u000A"));
    }

    private static UnaryOperator<Releases.Builder> edit(final UnaryOperator<Releases.Builder> edit) {
        return edit;
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("rejected")
    @DisplayName("Every broken rule is refused with its reason and a message that names the field or the value")
    void rejects(final String description, final UnaryOperator<Releases.Builder> edit, final RejectionReason reason,
                 final String named) {
        // when
        final InvalidInputException rejection = rejection(edit.apply(june()));

        // then
        assertThat(rejection).as(description).isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).contains(named);
        assertThat(rejection.describe()).startsWith(reason.code() + ": ");
    }

    @Test
    @DisplayName("A rejection of an unknown indicator lists the indicators that are known")
    void unknownIndicatorListsKnownOnes() {
        // when
        final InvalidInputException rejection = rejection(Releases.of("GPD").cumulativeThrough(6).value("60"));

        // then
        assertThat(rejection.getMessage()).contains("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES",
                "INDUSTRIAL_VALUE_ADDED");
    }

    @Test
    @DisplayName("A rejected value is echoed safely: hidden characters escaped, long text cut")
    void echoesRejectedTextSafely() {
        // when
        final InvalidInputException rejection = rejection(june().region("\u202E" + "x".repeat(100)));

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_TEXT);
        assertThat(rejection.getMessage()).contains("\\u202E").contains("…").doesNotContain("\u202E")
                .doesNotContain("x".repeat(80));
    }

    @Test
    @DisplayName("A release published on the last day of its period, before the period ended, is refused")
    void rejectsPublicationOnTheLastDayOfThePeriod() {
        // given: 30 June 10:00 Beijing time, fourteen hours before June ends there (and it has not ended anywhere)
        final Releases.Builder early = june().publishedAt("2023-06-30T10:00:00+08:00");

        // when
        final InvalidInputException rejection = rejection(early);

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_PERIOD);
    }

    @Test
    @DisplayName("A value with an absurd number of decimal places is implausible, not a figure")
    void rejectsAbsurdPrecision() {
        // given: 10^-10000 亿元 cannot be written back as plain JSON and makes every sum enormous
        final Releases.Builder absurd = Releases.budgetRevenue().singleMonth(3).value("1E-10000");

        // when
        final InvalidInputException rejection = rejection(absurd);

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.IMPLAUSIBLE_VALUE);
    }

    @Test
    @DisplayName("A growth rate with an absurd number of decimal places is implausible, not a figure")
    void rejectsAbsurdGrowthPrecision() {
        // given
        final Releases.Builder absurd = june().value(null).growth("1E-10000");

        // when
        final InvalidInputException rejection = rejection(absurd);

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.IMPLAUSIBLE_VALUE);
    }

    @Test
    @DisplayName("Trailing zeros do not make a different figure")
    void stripsTrailingZeros() {
        // when
        final Release a = validator.validate(june().value("60.00").growth("5.10").draft());
        final Release b = validator.validate(june().value("60").growth("5.1").draft());

        // then
        assertThat(a).isEqualTo(b);
        assertThat(a.growthPercent()).isEqualTo(new BigDecimal("5.1"));
    }
}
