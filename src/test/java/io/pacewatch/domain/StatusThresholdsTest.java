package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StatusThresholdsTest {

    @ParameterizedTest(name = "a completion gap of {0} pp is {1}")
    @CsvSource({
        "12.00,  AHEAD",
        "5.00,   AHEAD",
        "4.99,   ON_PACE",
        "0.00,   ON_PACE",
        "-0.01,  AT_RISK",
        "-2.76,  AT_RISK",
        "-5.00,  AT_RISK",
        "-5.01,  BEHIND",
        "-40.00, BEHIND",
    })
    @DisplayName("Default amount thresholds: ahead from +5 pp, on pace from 0, at risk down to −5, behind below")
    void amountDefaults(final BigDecimal gap, final PaceStatus expected) {
        // when / then
        assertThat(StatusThresholds.AMOUNT_DEFAULT.classify(gap)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "a growth gap of {0} pp is {1}")
    @CsvSource({
        "3.00,   AHEAD",
        "1.00,   AHEAD",
        "0.99,   ON_PACE",
        "0.00,   ON_PACE",
        "-0.01,  AT_RISK",
        "-1.00,  AT_RISK",
        "-1.01,  BEHIND",
    })
    @DisplayName("Default growth thresholds: ahead from +1 pp, on pace from 0, at risk down to −1, behind below")
    void growthDefaults(final BigDecimal gap, final PaceStatus expected) {
        // when / then
        assertThat(StatusThresholds.GROWTH_DEFAULT.classify(gap)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "with thresholds 2/-3/-8 a gap of {0} pp is {1}")
    @CsvSource({
        "2,     AHEAD",
        "1.99,  ON_PACE",
        "-3,    ON_PACE",
        "-3.01, AT_RISK",
        "-8,    AT_RISK",
        "-8.01, BEHIND",
    })
    @DisplayName("Configured thresholds replace the defaults, with the same at-or-above boundaries")
    void configuredThresholds(final BigDecimal gap, final PaceStatus expected) {
        // given
        final StatusThresholds thresholds = Targets.thresholds("2", "-3", "-8");

        // when / then
        assertThat(thresholds.classify(gap)).isEqualTo(expected);
    }

    @Test
    @DisplayName("Equal thresholds are allowed and leave no room for the statuses between them")
    void equalThresholdsAreAllowed() {
        // given
        final StatusThresholds thresholds = Targets.thresholds("0", "0", "0");

        // when / then
        assertThat(thresholds.classify(BigDecimal.ZERO)).isEqualTo(PaceStatus.AHEAD);
        assertThat(thresholds.classify(new BigDecimal("-0.01"))).isEqualTo(PaceStatus.BEHIND);
    }

    @ParameterizedTest(name = "ahead {0}, at risk below {1}, behind below {2} is refused")
    @CsvSource({
        "0,  1,  -1",
        "5,  -5, 0",
        "-5, 0,  5",
    })
    @DisplayName("Thresholds out of order (ahead ≥ at risk ≥ behind) are INVALID_FIELD")
    void rejectsThresholdsOutOfOrder(final String ahead, final String atRisk, final String behind) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> Targets.thresholds(ahead, atRisk, behind));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_FIELD);
        assertThat(rejection.getMessage()).contains("aheadFromPp >= atRiskBelowPp >= behindBelowPp");
    }

    @Test
    @DisplayName("A threshold left out is MISSING_FIELD")
    void rejectsMissingThreshold() {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> new StatusThresholds(BigDecimal.ONE, null, BigDecimal.ZERO));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MISSING_FIELD);
        assertThat(rejection.getMessage()).contains("atRiskBelowPp");
    }

    @ParameterizedTest(name = "a target without thresholds judged on {0} uses the default")
    @EnumSource(value = Judgement.class, names = {"AMOUNT_COMPLETION", "GROWTH", "IMPLIED_GROWTH"})
    @DisplayName("Without stated thresholds, completion gaps use the amount default and growth gaps the growth default")
    void targetFallsBackToDefaultByJudgement(final Judgement judgement) {
        // given
        final Target target = Targets.budgetRevenue127().build();

        // when
        final StatusThresholds used = target.thresholdsFor(judgement);

        // then
        assertThat(used).isEqualTo(judgement == Judgement.AMOUNT_COMPLETION
                ? StatusThresholds.AMOUNT_DEFAULT : StatusThresholds.GROWTH_DEFAULT);
    }

    @Test
    @DisplayName("Thresholds stated on a target are the ones used")
    void targetUsesStatedThresholds() {
        // given
        final StatusThresholds stated = Targets.thresholds("3", "-2", "-4");
        final Target target = Targets.budgetRevenue127().thresholds(stated).build();

        // when / then
        assertThat(target.thresholdsFor(Judgement.AMOUNT_COMPLETION)).isEqualTo(stated);
    }
}
