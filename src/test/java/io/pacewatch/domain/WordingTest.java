package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordingTest {

    @ParameterizedTest(name = "{0} {1} reads ''{2}''")
    @CsvSource({
        "60,      YI_YUAN,  6 billion yuan",
        "127,     YI_YUAN,  12.7 billion yuan",
        "70.5,    YI_YUAN,  7.05 billion yuan",
        "380,     YI_YUAN,  38 billion yuan",
        "0.5,     YI_YUAN,  50 million yuan",
        "123.456, WAN_YUAN, 1.23 million yuan",
        "50,      WAN_YUAN, 500000 yuan",
        "0,       YI_YUAN,  0 yuan",
    })
    @DisplayName("English amounts are counted in billions and millions of yuan, not in 亿 and 万")
    void englishAmounts(final BigDecimal value, final AmountUnit unit, final String expected) {
        // when / then
        assertThat(Wording.amountEn(value, unit)).isEqualTo(expected);
    }

    @Test
    @DisplayName("An amount that rounds up to a billion is written in billions")
    void roundingUpToABillion() {
        // when / then
        assertThat(Wording.amountEn(new BigDecimal("9.99999"), AmountUnit.YI_YUAN)).isEqualTo("1 billion yuan");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "60.00,    60",
        "6E+1,     60",
        "1.2E+2,   120",
        "63.456,   63.46",
        "109.0909, 109.09",
    })
    @DisplayName("Amounts in messages are plain decimals with at most two places, never exponent notation")
    void plainAmounts(final String value, final String expected) {
        // when / then
        assertThat(Wording.amount(new BigDecimal(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ratio {0} is {1}%")
    @CsvSource({
        "0.4724,   47.2",
        "0.166667, 16.7",
        "1,        100.0",
        "0.5,      50.0",
    })
    @DisplayName("Ratios are shown as percentages with one decimal")
    void percentages(final String ratio, final String expected) {
        // when / then
        assertThat(Wording.percent(new BigDecimal(ratio))).isEqualTo(expected);
    }
}
