package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PaceProfileTest {

    private static final List<BigDecimal> REVENUE_SHARES = Targets.shares(
            "0.10", "0.18", "0.27", "0.35", "0.43", "0.55", "0.62", "0.69", "0.76", "0.84", "0.92", "1");

    @ParameterizedTest(name = "after month {0} time progress is {1}")
    @CsvSource({
        "1,  0.083333",
        "2,  0.166667",
        "3,  0.250000",
        "6,  0.500000",
        "9,  0.750000",
        "12, 1.000000",
    })
    @DisplayName("Linear time progress (序时进度) is months elapsed / 12, to six places")
    void linearShareIsMonthsOverTwelve(final int month, final BigDecimal expected) {
        // when
        final BigDecimal share = PaceProfile.LINEAR.expectedShare(month);

        // then
        assertThat(share).isEqualByComparingTo(expected);
        assertThat(PaceProfile.linearShare(month)).isEqualByComparingTo(expected);
    }

    @Test
    @DisplayName("A seasonal profile expects its own cumulative share at each month")
    void seasonalShareIsTheGivenShare() {
        // given
        final PaceProfile profile = PaceProfile.seasonal(REVENUE_SHARES);

        // when / then
        assertThat(profile.isLinear()).isFalse();
        assertThat(profile.expectedShare(2)).isEqualByComparingTo("0.18");
        assertThat(profile.expectedShare(6)).isEqualByComparingTo("0.55");
        assertThat(profile.expectedShare(12)).isEqualByComparingTo("1");
    }

    static Stream<Arguments> badSeasonalShares() {
        return Stream.of(
                Arguments.of("eleven shares", Targets.shares(
                        "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "1"), "not 11"),
                Arguments.of("a share that falls", Targets.shares(
                        "0.1", "0.2", "0.3", "0.25", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.98", "1"), "never decrease"),
                Arguments.of("a negative share", Targets.shares(
                        "-0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.98", "1"), "never decrease"),
                Arguments.of("a share above one", Targets.shares(
                        "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "1.2", "1.2"), "never decrease"),
                Arguments.of("December short of one", Targets.shares(
                        "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.97", "0.99"), "must be 1"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badSeasonalShares")
    @DisplayName("Seasonal shares must be twelve non-decreasing fractions ending at 1")
    void rejectsBadSeasonalShares(final String description, final List<BigDecimal> shares, final String fragment) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> PaceProfile.seasonal(shares));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_FIELD);
        assertThat(rejection.getMessage()).contains(fragment);
    }
}
