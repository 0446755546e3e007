package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YearToDateCalculatorTest {

    @Test
    @DisplayName("With cumulative releases the latest period's cumulative value is the year-to-date amount, not a sum")
    void latestCumulativeIsYearToDate() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().cumulativeThrough(2).value("20").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("31").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.amount()).isEqualByComparingTo("60");
        assertThat(ytd.amountThroughMonth()).isEqualTo(6);
        assertThat(ytd.missingMonths()).isEmpty();
    }

    @ParameterizedTest(name = "as of month {0} the year-to-date amount is {1} through month {2}")
    @CsvSource({
        "1,  ,   0",
        "2,  20, 2",
        "5,  31, 3",
        "6,  60, 6",
    })
    @DisplayName("Only figures whose period has ended by the as-of month count")
    void ignoresPeriodsAfterTheAsOfMonth(final int asOf, final String expected, final int through) {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().cumulativeThrough(2).value("20").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("31").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, asOf);

        // then
        assertThat(ytd.amountThroughMonth()).isEqualTo(through);
        if (expected == null) {
            assertThat(ytd.amount()).isNull();
            assertThat(ytd.isEmpty()).isTrue();
        } else {
            assertThat(ytd.amount()).isEqualByComparingTo(expected);
        }
    }

    @Test
    @DisplayName("With single-period releases the year-to-date amount is their sum, Jan–Feb counting as one period")
    void singlePeriodsAreSummed() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().januaryFebruarySingle().value("20").build(),
                Releases.budgetRevenue().singleMonth(3).value("11.5").build(),
                Releases.budgetRevenue().singleMonth(4).value("9.25").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.amount()).isEqualByComparingTo("40.75");
        assertThat(ytd.amountThroughMonth()).isEqualTo(4);
        assertThat(ytd.missingMonths()).isEmpty();
    }

    @Test
    @DisplayName("Single quarters add up: GDP Q1 and Q2 on their own give the first half")
    void singleQuartersAreSummed() {
        // given
        final List<Release> releases = List.of(
                Releases.gdp().period("2023-Q1", "SINGLE_PERIOD").value("400").build(),
                Releases.gdp().period("2023-Q2", "SINGLE_PERIOD").value("450.5").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.amount()).isEqualByComparingTo("850.5");
        assertThat(ytd.amountThroughMonth()).isEqualTo(6);
    }

    @Test
    @DisplayName("A missing single month is reported and the year-to-date stays at the last complete month")
    void missingMonthStopsTheChain() {
        // given: March never arrived
        final List<Release> releases = List.of(
                Releases.budgetRevenue().januaryFebruarySingle().value("20").build(),
                Releases.budgetRevenue().singleMonth(4).value("9").build(),
                Releases.budgetRevenue().singleMonth(5).value("10").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then: April and May are not added onto a zero March
        assertThat(ytd.missingMonths()).containsExactly(3);
        assertThat(ytd.amountThroughMonth()).isEqualTo(2);
        assertThat(ytd.amount()).isEqualByComparingTo("20");
    }

    @Test
    @DisplayName("Several missing months are all reported, in order")
    void severalMissingMonths() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().januaryFebruarySingle().value("20").build(),
                Releases.budgetRevenue().singleMonth(5).value("10").build(),
                Releases.budgetRevenue().singleMonth(7).value("10").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.missingMonths()).containsExactly(3, 4, 6);
        assertThat(ytd.amountThroughMonth()).isEqualTo(2);
    }

    @Test
    @DisplayName("A missing month that later arrives closes the gap")
    void lateMonthClosesTheGap() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().januaryFebruarySingle().value("20").build(),
                Releases.budgetRevenue().singleMonth(4).value("9").build(),
                Releases.budgetRevenue().singleMonth(3).value("11").publishedAt(Releases.beijing(6, 1)).build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.missingMonths()).isEmpty();
        assertThat(ytd.amountThroughMonth()).isEqualTo(4);
        assertThat(ytd.amount()).isEqualByComparingTo("40");
    }

    @Test
    @DisplayName("Mixed bases: cumulative 1–3 then single-period April gives the year-to-date through April")
    void cumulativeThenSingle() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().cumulativeThrough(3).value("31").build(),
                Releases.budgetRevenue().singleMonth(4).value("9.5").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.amount()).isEqualByComparingTo("40.5");
        assertThat(ytd.amountThroughMonth()).isEqualTo(4);
        assertThat(ytd.missingMonths()).isEmpty();
    }

    @Test
    @DisplayName("Single months already covered by a later cumulative figure are not added again")
    void cumulativeCoversEarlierSingles() {
        // given
        final List<Release> releases = List.of(
                Releases.budgetRevenue().januaryFebruarySingle().value("20").build(),
                Releases.budgetRevenue().singleMonth(3).value("11").build(),
                Releases.budgetRevenue().cumulativeThrough(4).value("42").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.amount()).isEqualByComparingTo("42");
        assertThat(ytd.amountThroughMonth()).isEqualTo(4);
    }

    @Test
    @DisplayName("Cumulative growth is the bureau's latest cumulative rate, even where the amount goes further")
    void growthIsTheLatestCumulativeRate() {
        // given
        final List<Release> releases = List.of(
                Releases.retailSales().cumulativeThrough(2).value("50").growth("3.1").build(),
                Releases.retailSales().cumulativeThrough(3).value("75").growth("4.2").build(),
                Releases.retailSales().singleMonth(4).value("26").growth("9.9").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then: April's single-month rate is not a cumulative rate
        assertThat(ytd.cumulativeGrowthPercent()).isEqualByComparingTo("4.2");
        assertThat(ytd.growthThroughMonth()).isEqualTo(3);
        assertThat(ytd.amountThroughMonth()).isEqualTo(4);
        assertThat(ytd.throughMonth()).isEqualTo(4);
    }

    @Test
    @DisplayName("A growth-only release gives growth and no amount")
    void growthOnlyHasNoAmount() {
        // given
        final List<Release> releases = List.of(
                Releases.fixedAssetInvestment().cumulativeThrough(6).growth("6.0").build());

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(releases, 12);

        // then
        assertThat(ytd.hasAmount()).isFalse();
        assertThat(ytd.amountThroughMonth()).isZero();
        assertThat(ytd.cumulativeGrowthPercent()).isEqualByComparingTo("6");
        assertThat(ytd.growthThroughMonth()).isEqualTo(6);
        assertThat(ytd.isEmpty()).isFalse();
    }

    @Test
    @DisplayName("The versions used are listed by period, so every number can be traced")
    void listsVersionsUsed() {
        // given
        final Release cumulative = Releases.budgetRevenue().cumulativeThrough(3).value("31").build();
        final Release april = Releases.budgetRevenue().singleMonth(4).value("9.5").revision(1).build();
        final Release unused = Releases.budgetRevenue().cumulativeThrough(2).value("20").build();

        // when
        final YearToDate ytd = YearToDateCalculator.asOf(List.of(april, unused, cumulative), 12);

        // then
        assertThat(ytd.versionsUsed()).containsExactly(cumulative.version(), april.version());
        assertThat(ytd.versionsUsed().get(1).revision()).isEqualTo(1);
        assertThat(ytd.versionsUsed().get(0).period()).isEqualTo("2023-Q1");
    }

    @Test
    @DisplayName("No figures at all give an empty year-to-date")
    void nothingIsEmpty() {
        // when
        final YearToDate ytd = YearToDateCalculator.asOf(List.of(), 12);

        // then
        assertThat(ytd.isEmpty()).isTrue();
        assertThat(ytd.throughMonth()).isZero();
        assertThat(ytd.missingMonths()).isEmpty();
        assertThat(ytd.versionsUsed()).isEmpty();
    }
}
