package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetValidatorTest {

    private static final String[] SHARES = {
        "0.10", "0.18", "0.27", "0.35", "0.43", "0.55", "0.62", "0.69", "0.76", "0.84", "0.92", "1"};

    private final TargetValidator validator = new TargetValidator(Releases.CATALOGUE);

    private InvalidInputException rejection(final Targets.Builder builder) {
        return catchThrowableOfType(InvalidInputException.class, () -> validator.validate(builder.draft()));
    }

    @Test
    @DisplayName("An amount target is read with its unit, a linear pace and no stated thresholds")
    void acceptsAmountTarget() {
        // when
        final Target target = validator.validate(Targets.budgetRevenue127().draft());

        // then
        assertThat(target.region()).isEqualTo("luohu");
        assertThat(target.year()).isEqualTo(2023);
        assertThat(target.indicator()).isEqualTo("BUDGET_REVENUE");
        assertThat(target.kind()).isEqualTo(TargetKind.AMOUNT);
        assertThat(target.value()).isEqualByComparingTo("127");
        assertThat(target.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(target.paceProfile()).isEqualTo(PaceProfile.LINEAR);
        assertThat(target.thresholds()).isNull();
        assertThat(target.priorYearAmount()).isNull();
        assertThat(target.publishedAt()).isEqualTo(Instant.parse("2023-01-10T01:00:00Z"));
        assertThat(target.source()).isEqualTo("罗湖区2023年政府工作报告");
        assertThat(target.series()).isEqualTo(Releases.series("BUDGET_REVENUE"));
    }

    @Test
    @DisplayName("An amount target and last year's amount are converted into the indicator's unit")
    void convertsAmounts() {
        // when
        final Target target = validator.validate(Targets.amount("FIXED_ASSET_INVESTMENT", "3800000").unit("万元")
                .priorYearAmount("3500000").draft());

        // then
        assertThat(target.value()).isEqualByComparingTo("380");
        assertThat(target.priorYearAmount()).isEqualByComparingTo("350");
        assertThat(target.unit()).isEqualTo(AmountUnit.YI_YUAN);
    }

    @Test
    @DisplayName("A growth target carries no unit unless last year's amount is given")
    void growthTargetUnit() {
        // when
        final Target plain = validator.validate(Targets.growth("GDP", "6.5").draft());
        final Target withPrior = validator.validate(Targets.growth("RETAIL_SALES", "5.0").priorYearAmount("400").draft());

        // then
        assertThat(plain.kind()).isEqualTo(TargetKind.GROWTH);
        assertThat(plain.value()).isEqualByComparingTo("6.5");
        assertThat(plain.unit()).isNull();
        assertThat(withPrior.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(withPrior.priorYearAmount()).isEqualByComparingTo("400");
    }

    @Test
    @DisplayName("A seasonal profile and stated thresholds are kept; kind and profile may be written in lower case")
    void seasonalAndThresholds() {
        // given
        final StatusThresholds thresholds = Targets.thresholds("3", "-1", "-4");

        // when
        final Target target = validator.validate(Targets.budgetRevenue127().kind("amount").seasonal(SHARES)
                .paceProfile(" seasonal ").thresholds(thresholds).draft());

        // then
        assertThat(target.paceProfile().isLinear()).isFalse();
        assertThat(target.paceProfile().seasonalShares()).hasSize(12);
        assertThat(target.paceProfile().expectedShare(6)).isEqualByComparingTo("0.55");
        assertThat(target.thresholds()).isEqualTo(thresholds);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("unknown indicator", edit(b -> Targets.amount("HAPPINESS", "1")),
                        RejectionReason.UNKNOWN_INDICATOR, "'HAPPINESS'"),
                Arguments.of("no region", edit(b -> b.region(null)), RejectionReason.MISSING_FIELD, "region"),
                Arguments.of("HTML in region", edit(b -> b.region("<b>luohu</b>")), RejectionReason.INVALID_TEXT, "<b>luohu</b>"),
                Arguments.of("no year", edit(b -> b.year(null)), RejectionReason.MISSING_FIELD, "year"),
                Arguments.of("year 1899", edit(b -> b.year(1899)), RejectionReason.INVALID_PERIOD, "1899"),
                Arguments.of("year 3000", edit(b -> b.year(3000)), RejectionReason.INVALID_PERIOD, "3000"),
                Arguments.of("no kind", edit(b -> b.kind(null)), RejectionReason.MISSING_FIELD, "kind"),
                Arguments.of("unknown kind", edit(b -> b.kind("SHARE")), RejectionReason.INVALID_FIELD, "kind 'SHARE'"),
                Arguments.of("no value", edit(b -> b.value(null)), RejectionReason.MISSING_FIELD, "value"),
                Arguments.of("amount target for growth-only industrial value added",
                        edit(b -> Targets.amount("INDUSTRIAL_VALUE_ADDED", "100")),
                        RejectionReason.INVALID_FIELD, "INDUSTRIAL_VALUE_ADDED"),
                Arguments.of("zero amount", edit(b -> b.value("0")), RejectionReason.INVALID_FIELD, "positive"),
                Arguments.of("negative amount", edit(b -> b.value("-127")), RejectionReason.NEGATIVE_AMOUNT, "-127"),
                Arguments.of("amount without unit", edit(b -> b.unit(null)), RejectionReason.MISSING_FIELD, "unit"),
                Arguments.of("unknown unit", edit(b -> b.unit("千元")), RejectionReason.UNKNOWN_UNIT, "'千元'"),
                Arguments.of("more than 10^15 yuan", edit(b -> b.value("20000000")), RejectionReason.IMPLAUSIBLE_VALUE, "20000000"),
                Arguments.of("growth of −100%", edit(b -> Targets.growth("GDP", "-100")),
                        RejectionReason.IMPLAUSIBLE_VALUE, "growthPercent -100"),
                Arguments.of("growth above 1000%", edit(b -> Targets.growth("GDP", "1200")),
                        RejectionReason.IMPLAUSIBLE_VALUE, "1200"),
                Arguments.of("zero prior-year amount", edit(b -> b.priorYearAmount("0")),
                        RejectionReason.INVALID_FIELD, "priorYearAmount"),
                Arguments.of("negative prior-year amount", edit(b -> b.priorYearAmount("-1")),
                        RejectionReason.NEGATIVE_AMOUNT, "-1"),
                Arguments.of("seasonal without shares", edit(b -> b.paceProfile("SEASONAL")),
                        RejectionReason.MISSING_FIELD, "seasonalShares"),
                Arguments.of("shares with a linear profile", edit(b -> b.seasonalShares(Targets.shares(SHARES))),
                        RejectionReason.INVALID_FIELD, "LINEAR"),
                Arguments.of("eleven seasonal shares", edit(b -> b.paceProfile("SEASONAL")
                        .seasonalShares(Targets.shares(SHARES).subList(1, 12))), RejectionReason.INVALID_FIELD, "not 11"),
                Arguments.of("December share not 1", edit(b -> b.paceProfile("SEASONAL")
                        .seasonalShares(replaceLast(Targets.shares(SHARES), "0.99"))), RejectionReason.INVALID_FIELD, "0.99"),
                Arguments.of("unknown pace profile", edit(b -> b.paceProfile("QUADRATIC")),
                        RejectionReason.INVALID_FIELD, "paceProfile 'QUADRATIC'"),
                Arguments.of("no publication time", edit(b -> b.publishedAt(null)), RejectionReason.MISSING_FIELD, "publishedAt"),
                Arguments.of("publication time without offset", edit(b -> b.publishedAt("2023-01-10 09:00")),
                        RejectionReason.INVALID_FIELD, "publishedAt '2023-01-10 09:00'"),
                Arguments.of("no source", edit(b -> b.source(null)), RejectionReason.MISSING_FIELD, "source"),
                Arguments.of("right-to-left override in source", edit(b -> b.source("工作报告\u202E")),
                        RejectionReason.INVALID_TEXT, "\\u202E"));
    }

    private static UnaryOperator<Targets.Builder> edit(final UnaryOperator<Targets.Builder> edit) {
        return edit;
    }

    private static List<BigDecimal> replaceLast(final List<BigDecimal> shares, final String last) {
        final List<BigDecimal> copy = new ArrayList<>(shares);
        copy.set(11, new BigDecimal(last));
        return copy;
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("rejected")
    @DisplayName("Every broken target rule is refused with its reason and a message that names the field or the value")
    void rejects(final String description, final UnaryOperator<Targets.Builder> edit, final RejectionReason reason,
                 final String named) {
        // when
        final InvalidInputException rejection = rejection(edit.apply(Targets.budgetRevenue127()));

        // then
        assertThat(rejection).as(description).isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).contains(named);
    }
}
