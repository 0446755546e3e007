package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.ReferencePeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChinesePeriodsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "2023年1-6月|2023-01-01/P6M",
        "2023年1—6月|2023-01-01/P6M",
        "2023年1～6月|2023-01-01/P6M",
        "2023年1至6月份|2023-01-01/P6M",
        "2023 年 1-6 月|2023-01-01/P6M",
        "２０２３年１－６月|2023-01-01/P6M",
        "2023年1-2月|2023-01-01/P2M",
        "2023年一至二月|2023-01-01/P2M",
        "2023年6月|2023-M06",
        "2023年十二月|2023-M12",
        "2023年一季度|2023-Q1",
        "2023年第二季度|2023-Q2",
        "2023年3季度|2023-Q3",
        "2023年上半年|2023-S1",
        "2023年下半年|2023-S2",
        "2023年前三季度|2023-01-01/P9M",
        "2023年1-12月|2023-01-01/P12M",
        "2023年|2023",
        "2023年全年|2023",
        "2023-Q2|2023-Q2",
        "2023-01-01/P2M|2023-01-01/P2M"})
    void chineseFormsAreTheCanonicalCodes(final String written, final String code) {
        assertThat(ChinesePeriods.canonical(written, null)).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} in 2024 is {1}")
    @CsvSource(delimiter = '|', value = {"1-6月|2024-01-01/P6M", "6月|2024-M06", "一季度|2024-Q1", "上半年|2024-S1",
        "前三季度|2024-01-01/P9M", "全年|2024", "2023年1-6月|2023-01-01/P6M"})
    void aPeriodWithoutYearTakesTheYearGivenOnceAndOneWithAYearKeepsIt(final String written, final String code) {
        assertThat(ChinesePeriods.canonical(written, 2024)).isEqualTo(code);
    }

    @Test
    void januaryToFebruaryStaysMonthsOneToTwoUnderEitherBasis() {
        final String code = ChinesePeriods.canonical("2023年1-2月", null);

        assertThat(ReferencePeriod.parse(code, Basis.CUMULATIVE)).isEqualTo(new ReferencePeriod(2023, 1, 2));
        assertThat(ReferencePeriod.parse(code, Basis.SINGLE_PERIOD)).isEqualTo(new ReferencePeriod(2023, 1, 2));
        assertThat(ReferencePeriod.parse(ChinesePeriods.canonical("2023年前三季度", null), Basis.SINGLE_PERIOD))
                .isEqualTo(new ReferencePeriod(2023, 1, 9));
    }

    @Test
    void aPeriodWithoutYearAndNoYearGivenIsRefusedSayingHowToGiveIt() {
        assertThatThrownBy(() -> ChinesePeriods.canonical("1-6月", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("period '1-6月' does not say which year")
                .hasMessageContaining("--year");
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {"2023年13月", "2023年7-6月", "2023年五季度", "2023年6月底", "23年6月", "六月份吧"})
    void whatIsNoPeriodIsRefusedWithTheForms(final String written) {
        assertThatThrownBy(() -> ChinesePeriods.canonical(written, 2023))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(written);
    }
}
