package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountUnitTest {

    @ParameterizedTest(name = "{0} {1} = {2} {3}")
    @CsvSource({
        "600000,     WAN_YUAN, 60,          YI_YUAN",
        "6000000000, YUAN,     60,          YI_YUAN",
        "60,         YI_YUAN,  600000,      WAN_YUAN",
        "1.27,       YI_YUAN,  127000000,   YUAN",
        "12345,      WAN_YUAN, 1.2345,      YI_YUAN",
        "60,         YI_YUAN,  60,          YI_YUAN",
    })
    @DisplayName("Converting between 元, 万元 and 亿元 moves the decimal point by powers of ten, exactly")
    void convertsExactly(final BigDecimal amount, final AmountUnit from, final BigDecimal expected, final AmountUnit to) {
        // when
        final BigDecimal converted = from.convert(amount, to);

        // then
        assertThat(converted).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({
        "元,        YUAN",
        "万元,      WAN_YUAN",
        "亿元,      YI_YUAN",
        "YI_YUAN,   YI_YUAN",
        "yi_yuan,   YI_YUAN",
        "' 万元 ',  WAN_YUAN",
    })
    @DisplayName("A unit may be given by its Chinese symbol or its code")
    void parsesSymbolsAndCodes(final String text, final AmountUnit expected) {
        // when / then
        assertThat(AmountUnit.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is not a unit")
    @ValueSource(strings = {"千元", "USD", "亿", "", "100m yuan"})
    @DisplayName("Any other unit is UNKNOWN_UNIT and the message repeats what was given")
    void rejectsUnknownUnits(final String text) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> AmountUnit.parse(text));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.UNKNOWN_UNIT);
        assertThat(rejection.getMessage()).contains("'" + text + "'").contains("亿元");
    }

    @ParameterizedTest(name = "UNIT_MULT {0} is {1}")
    @CsvSource({"0, YUAN", "4, WAN_YUAN", "8, YI_YUAN"})
    @DisplayName("SDMX's UNIT_MULT power of ten names the unit")
    void findsUnitByPowerOfTen(final int power, final AmountUnit expected) {
        // when / then
        assertThat(AmountUnit.ofPowerOfTen(power)).contains(expected);
        assertThat(AmountUnit.ofPowerOfTen(6)).isEmpty();
    }
}
