package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferencePeriodTest {

    @ParameterizedTest(name = "{0} on a {1} basis covers months {3}..{4} of {2}")
    @CsvSource({
        "2023,            CUMULATIVE,    2023, 1, 12",
        "2023,            SINGLE_PERIOD, 2023, 1, 12",
        "2023-03,         CUMULATIVE,    2023, 1, 3",
        "2023-03,         SINGLE_PERIOD, 2023, 3, 3",
        "2023-M03,        SINGLE_PERIOD, 2023, 3, 3",
        "2023-M12,        CUMULATIVE,    2023, 1, 12",
        "2023-Q1,         CUMULATIVE,    2023, 1, 3",
        "2023-Q2,         CUMULATIVE,    2023, 1, 6",
        "2023-Q2,         SINGLE_PERIOD, 2023, 4, 6",
        "2023-Q3,         CUMULATIVE,    2023, 1, 9",
        "2023-Q4,         SINGLE_PERIOD, 2023, 10, 12",
        "2023-S1,         CUMULATIVE,    2023, 1, 6",
        "2023-S2,         SINGLE_PERIOD, 2023, 7, 12",
        "2023-01-01/P2M,  SINGLE_PERIOD, 2023, 1, 2",
        "2023-01-01/P2M,  CUMULATIVE,    2023, 1, 2",
        "2023-04-01/P3M,  SINGLE_PERIOD, 2023, 4, 6",
        "' 2023-05 ',     SINGLE_PERIOD, 2023, 5, 5",
    })
    @DisplayName("SDMX period codes read as the months they cover; a cumulative figure runs from January")
    void parsesPeriodCodes(final String text, final Basis basis, final int year, final int first, final int last) {
        // when
        final ReferencePeriod period = ReferencePeriod.parse(text, basis);

        // then
        assertThat(period).isEqualTo(new ReferencePeriod(year, first, last));
    }

    @Test
    @DisplayName("The January–February range and a cumulative February are both months 1–2")
    void januaryFebruaryIsMonthsOneToTwo() {
        // given
        final ReferencePeriod expected = new ReferencePeriod(2023, 1, 2);

        // when
        final ReferencePeriod range = ReferencePeriod.parse("2023-01-01/P2M", Basis.SINGLE_PERIOD);
        final ReferencePeriod cumulativeFebruary = ReferencePeriod.parse("2023-02", Basis.CUMULATIVE);

        // then
        assertThat(range).isEqualTo(expected);
        assertThat(cumulativeFebruary).isEqualTo(expected);
        assertThat(range.months()).isEqualTo(2);
        assertThat(range.labelZh()).isEqualTo("1-2月");
    }

    @ParameterizedTest(name = "{0} ({1}) is refused, naming {2}")
    @CsvSource({
        "2023-13,         SINGLE_PERIOD, '2023-13' names month 13",
        "2023-00,         SINGLE_PERIOD, '2023-00' names month 0",
        "2023-M13,        CUMULATIVE,    '2023-M13' names month 13",
        "2023-Q5,         CUMULATIVE,    '2023-Q5' names quarter 5",
        "2023-Q0,         SINGLE_PERIOD, '2023-Q0' names quarter 0",
        "2023-S3,         CUMULATIVE,    '2023-S3' names half-year 3",
        "2023-02-15/P2M,  SINGLE_PERIOD, '2023-02-15/P2M' must start on the first day",
        "2023-11-01/P3M,  SINGLE_PERIOD, '2023-11-01/P3M' does not fit within one year",
        "2023-01-01/P0M,  SINGLE_PERIOD, '2023-01-01/P0M' does not fit",
        "2023-13-01/P1M,  SINGLE_PERIOD, '2023-13-01/P1M' names month 13",
        "2023-03-01/P2M,  CUMULATIVE,    '2023-03-01/P2M' starts in month 3",
        "1899,            CUMULATIVE,    year 1899",
        "3000-01,         SINGLE_PERIOD, year 3000",
        "March 2023,      SINGLE_PERIOD, 'March 2023' is not a period",
        "2023-W10,        SINGLE_PERIOD, '2023-W10' is not a period",
        "'',              SINGLE_PERIOD, '' is not a period",
    })
    @DisplayName("Periods that do not exist or do not fit in one year are INVALID_PERIOD, and the message says which")
    void rejectsImpossiblePeriods(final String text, final Basis basis, final String named) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> ReferencePeriod.parse(text, basis));

        // then
        assertThat(rejection).as("rejection of '%s'", text).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_PERIOD);
        assertThat(rejection.getMessage()).contains(named);
    }

    @ParameterizedTest(name = "months {0}..{1} are written {2}")
    @CsvSource({
        "1, 1,  2023-M01",
        "3, 3,  2023-M03",
        "1, 2,  2023-01-01/P2M",
        "1, 3,  2023-Q1",
        "4, 6,  2023-Q2",
        "1, 6,  2023-S1",
        "7, 12, 2023-S2",
        "1, 9,  2023-01-01/P9M",
        "1, 12, 2023",
        "5, 7,  2023-05-01/P3M",
    })
    @DisplayName("The canonical code of a span reads back as the same span")
    void canonicalCodeRoundTrips(final int first, final int last, final String code) {
        // given
        final ReferencePeriod period = new ReferencePeriod(2023, first, last);

        // when
        final String written = period.code();

        // then
        assertThat(written).isEqualTo(code);
        assertThat(ReferencePeriod.parse(written, Basis.SINGLE_PERIOD)).isEqualTo(period);
    }

    @ParameterizedTest(name = "months {0}..{1} are labelled {2} / {3}")
    @CsvSource({
        "3, 3, 3月,    Mar 2023",
        "1, 2, 1-2月,  Jan–Feb 2023",
        "1, 6, 1-6月,  Jan–Jun 2023",
        "1, 12, 1-12月, Jan–Dec 2023",
    })
    @DisplayName("Labels use the wording of Chinese releases and plain English month names")
    void labels(final int first, final int last, final String zh, final String en) {
        // given
        final ReferencePeriod period = new ReferencePeriod(2023, first, last);

        // when / then
        assertThat(period.labelZh()).isEqualTo(zh);
        assertThat(period.labelEn()).isEqualTo(en);
    }

    @ParameterizedTest(name = "months 1..{0} end before {1}")
    @CsvSource({
        "2,  2023-03-01",
        "6,  2023-07-01",
        "12, 2024-01-01",
    })
    @DisplayName("A period ends on the first day of the following month")
    void endExclusive(final int lastMonth, final LocalDate end) {
        // when / then
        assertThat(ReferencePeriod.cumulativeThrough(2023, lastMonth).endExclusive()).isEqualTo(end);
    }

    @ParameterizedTest(name = "({0}, {1}, {2}) is not a span")
    @CsvSource({
        "2023, 0, 3",
        "2023, 1, 13",
        "2023, 5, 4",
        "1899, 1, 1",
        "3000, 1, 1",
    })
    @DisplayName("A span must lie within one year between 1900 and 2999")
    void constructorRejectsImpossibleSpans(final int year, final int first, final int last) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> new ReferencePeriod(year, first, last));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_PERIOD);
    }
}
