package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaceAssessorTest {

    private static final Instant UPDATED_AT = Instant.parse("2023-07-15T01:30:00Z");
    private static final String[] REVENUE_SHARES = {
        "0.10", "0.18", "0.27", "0.35", "0.43", "0.55", "0.62", "0.69", "0.76", "0.84", "0.92", "1"};

    /** Judges the latest figures of the given versions against the target, as the evaluator does. */
    private static Progress assess(final String indicator, final Target target, final Release... releases) {
        final List<Release> latest = Releases.history(releases).latestPerSlot(Releases.LATER);
        return PaceAssessor.assess(Releases.indicator(indicator), Releases.series(indicator), target,
                YearToDateCalculator.asOf(latest, 12), UPDATED_AT);
    }

    private static Progress budgetRevenue(final Target target, final Release... releases) {
        return assess("BUDGET_REVENUE", target, releases);
    }

    @Nested
    @DisplayName("Amount targets")
    class AmountTargets {

        private final Release firstHalf = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();

        @Test
        @DisplayName("Worked example: 60 亿元 in 1–6 against 127 亿元 is 47.24% done, 2.76 pp behind time progress, at risk")
        void workedExample() {
            // given
            final Target target = Targets.budgetRevenue127().build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then
            assertThat(progress.judgedOn()).isEqualTo(Judgement.AMOUNT_COMPLETION);
            assertThat(progress.completionRatio()).isEqualByComparingTo("0.4724");
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.5");
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.76");
            assertThat(progress.status()).isEqualTo(PaceStatus.AT_RISK);
            assertThat(progress.asOfMonth()).isEqualTo(6);
            assertThat(progress.asOfPeriod()).isEqualTo("2023-S1");
            assertThat(progress.ytdValue()).isEqualByComparingTo("60");
            assertThat(progress.unit()).isEqualTo("亿元");
        }

        @Test
        @DisplayName("Worked example wording: 完成年度目标127亿元的47.2%，低于序时进度2.8个百分点")
        void workedExampleWording() {
            // given
            final Target target = Targets.budgetRevenue127().build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then
            assertThat(progress.messageZh())
                    .isEqualTo("1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点");
            assertThat(progress.messageEn())
                    .contains("Jan–Jun 2023")
                    .contains("6 billion yuan")
                    .contains("47.2% of the annual target of 12.7 billion yuan")
                    .contains("2.8 pp behind time progress (50.0%)");
        }

        @Test
        @DisplayName("Amounts stated in 万元 are judged like the same amount in 亿元 (600000 万元 = 60 亿元)")
        void unitConversion() {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release inWan = Releases.budgetRevenue().cumulativeThrough(6).value("600000", "万元").build();

            // when
            final Progress progress = budgetRevenue(target, inWan);

            // then
            assertThat(progress.ytdValue()).isEqualByComparingTo("60");
            assertThat(progress.completionRatio()).isEqualByComparingTo("0.4724");
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.76");
        }

        @Test
        @DisplayName("A target stated in 万元 is judged like the same target in 亿元")
        void targetUnitConversion() {
            // given
            final Target target = Targets.budgetRevenue127().value("1270000").unit("万元").build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then
            assertThat(progress.targetValue()).isEqualByComparingTo("127");
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.76");
        }

        @Test
        @DisplayName("Expected amount at pace, projected year-end and the remainder to target are in the indicator's unit")
        void projectionAndRemainder() {
            // given
            final Target target = Targets.budgetRevenue127().build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("63.5");
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("120");
            assertThat(progress.remainingToTarget()).isEqualByComparingTo("67");
            assertThat(progress.targetKind()).isEqualTo(TargetKind.AMOUNT);
            assertThat(progress.targetValue()).isEqualByComparingTo("127");
            assertThat(progress.impliedTargetGrowthPercent()).isNull();
        }

        @Test
        @DisplayName("A target already exceeded leaves nothing remaining, never a negative remainder")
        void remainderIsNeverNegative() {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release beyond = Releases.budgetRevenue().cumulativeThrough(10).value("130").build();

            // when
            final Progress progress = budgetRevenue(target, beyond);

            // then
            assertThat(progress.remainingToTarget()).isEqualByComparingTo("0");
            assertThat(progress.completionRatio()).isEqualByComparingTo("1.0236");
            assertThat(progress.status()).isEqualTo(PaceStatus.AHEAD);
            assertThat(progress.messageZh()).contains("高于序时进度");
        }

        @Test
        @DisplayName("A seasonal profile replaces time progress by last year's share and says 季节性进度")
        void seasonalProfile() {
            // given
            final Target target = Targets.budgetRevenue127().seasonal(REVENUE_SHARES).build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then: 0.4724 − 0.55 = −7.76 pp
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.55");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("69.85");
            assertThat(progress.gapPp()).isEqualByComparingTo("-7.76");
            assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("109.0909");
            assertThat(progress.messageZh()).contains("低于季节性进度7.8个百分点").doesNotContain("序时进度");
            assertThat(progress.messageEn()).contains("behind seasonal pace (55.0%)");
        }

        @Test
        @DisplayName("Completion exactly at time progress is on pace and worded 与序时进度持平")
        void levelWithTimeProgress() {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release onPace = Releases.budgetRevenue().cumulativeThrough(6).value("63.5").build();

            // when
            final Progress progress = budgetRevenue(target, onPace);

            // then
            assertThat(progress.gapPp()).isEqualByComparingTo("0");
            assertThat(progress.status()).isEqualTo(PaceStatus.ON_PACE);
            assertThat(progress.messageZh()).endsWith("与序时进度持平");
        }

        @ParameterizedTest(name = "{0} 亿元 of 100 by June is a gap of {1} pp: {2}")
        @CsvSource({
            "55,    5.00,  AHEAD",
            "54.99, 4.99,  ON_PACE",
            "50,    0.00,  ON_PACE",
            "49.99, -0.01, AT_RISK",
            "45,    -5.00, AT_RISK",
            "44.99, -5.01, BEHIND",
        })
        @DisplayName("A gap exactly at a default threshold takes the better status")
        void boundariesOfTheDefaults(final String ytd, final BigDecimal gap, final PaceStatus status) {
            // given
            final Target target = Targets.budgetRevenue127().value("100").build();
            final Release release = Releases.budgetRevenue().cumulativeThrough(6).value(ytd).build();

            // when
            final Progress progress = budgetRevenue(target, release);

            // then
            assertThat(progress.gapPp()).isEqualByComparingTo(gap);
            assertThat(progress.status()).isEqualTo(status);
        }

        @Test
        @DisplayName("Thresholds stated on the target decide the status instead of the defaults")
        void targetThresholds() {
            // given: −2.76 pp is at risk by default, on pace when at risk starts below −3
            final Target target = Targets.budgetRevenue127().thresholds(Targets.thresholds("0", "-3", "-6")).build();

            // when
            final Progress progress = budgetRevenue(target, firstHalf);

            // then
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.76");
            assertThat(progress.status()).isEqualTo(PaceStatus.ON_PACE);
        }

        @Test
        @DisplayName("Missing single months are named in the message, and the judgement is as of the last complete month")
        void missingMonthsInTheMessage() {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release janFeb = Releases.budgetRevenue().januaryFebruarySingle().value("22").build();
            final Release april = Releases.budgetRevenue().singleMonth(4).value("10").build();

            // when
            final Progress progress = budgetRevenue(target, janFeb, april);

            // then
            assertThat(progress.asOfMonth()).isEqualTo(2);
            assertThat(progress.ytdValue()).isEqualByComparingTo("22");
            assertThat(progress.missingMonths()).containsExactly(3);
            assertThat(progress.messageZh()).startsWith("1-2月累计完成22亿元").endsWith("（缺3月数据）");
            assertThat(progress.messageEn()).endsWith("(missing month 3)");
        }

        @Test
        @DisplayName("Fixed-asset investment with an amount published is judged on completion, even with last year's amount known")
        void amountKnownIsJudgedOnCompletion() {
            // given
            final Target target = Targets.amount("FIXED_ASSET_INVESTMENT", "380").priorYearAmount("350").build();
            final Release release = Releases.fixedAssetInvestment().cumulativeThrough(6).value("171").growth("6.0").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", target, release);

            // then: 171 / 380 = 0.45 → −5 pp
            assertThat(progress.judgedOn()).isEqualTo(Judgement.AMOUNT_COMPLETION);
            assertThat(progress.completionRatio()).isEqualByComparingTo("0.45");
            assertThat(progress.gapPp()).isEqualByComparingTo("-5");
            assertThat(progress.cumulativeGrowthPercent()).isEqualByComparingTo("6");
        }
    }

    @Nested
    @DisplayName("Exact arithmetic (issue #14): derived figures come from exact shares, rounded once")
    class ExactArithmetic {

        @Test
        @DisplayName("1–2月: 60,000 against 360,000 projects exactly 360,000 and expects exactly 60,000 (not 359,999.28 / 60,000.12)")
        void januaryFebruaryAtLargeAmounts() {
            // given: 2/12 is 0.1666…, shown as 0.166667
            final Target target = Targets.budgetRevenue127().value("360000").build();
            final Release janFeb = Releases.budgetRevenue().cumulativeThrough(2).value("60000").build();

            // when
            final Progress progress = budgetRevenue(target, janFeb);

            // then
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("360000");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("60000");
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.166667");
            assertThat(progress.gapPp()).isEqualByComparingTo("0");
            assertThat(progress.status()).isEqualTo(PaceStatus.ON_PACE);
        }

        @Test
        @DisplayName("1–7月: 7/12 of 1,234,567.89 is expected (720,164.6025), and 700,000 projects 1,200,000")
        void sevenTwelfthsAtLargeAmounts() {
            // given: 7/12 is shown as 0.583333; through the rounded share the projection was 1,200,000.6857
            final Target target = Targets.budgetRevenue127().value("1234567.89").build();
            final Release janJul = Releases.budgetRevenue().cumulativeThrough(7).value("700000").build();

            // when
            final Progress progress = budgetRevenue(target, janJul);

            // then
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.583333");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("720164.6025");
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("1200000");
        }

        @Test
        @DisplayName("Q1–3 (1–9月): 9/12 is exact, so 2,700,000 projects exactly 3,600,000 and 3,600,000 expects 2,700,000")
        void firstThreeQuartersAtLargeAmounts() {
            // given
            final Target target = Targets.budgetRevenue127().value("3600000").build();
            final Release q1to3 = Releases.budgetRevenue().period("2023-01-01/P9M", "CUMULATIVE").value("2700000").build();

            // when
            final Progress progress = budgetRevenue(target, q1to3);

            // then
            assertThat(progress.asOfMonth()).isEqualTo(9);
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.75");
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("3600000");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("2700000");
            assertThat(progress.gapPp()).isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("A seasonal share finer than six places is used exactly: 0.33333333 of 1,000,000 expects 333,333.33")
        void seasonalProfileAtLargeAmounts() {
            // given: shown as 0.333333, which would expect 333,333 and project 1,000,000.99
            final Target target = Targets.budgetRevenue127().value("1000000").seasonal(
                    "0.1", "0.2", "0.33333333", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.98", "1").build();
            final Release q1 = Releases.budgetRevenue().cumulativeThrough(3).value("333333.33").build();

            // when
            final Progress progress = budgetRevenue(target, q1);

            // then
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.333333");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("333333.33");
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("1000000");
        }

        @Test
        @DisplayName("The gap is completion as shown minus the exact share: 18.90% − 16.67% (2/12) = +2.23 pp, as a reader would subtract")
        void gapIsTheDifferenceOfWhatIsShown() {
            // given: 24 / 127 = 0.188976…, shown as 0.1890
            final Target target = Targets.budgetRevenue127().build();
            final Release janFeb = Releases.budgetRevenue().cumulativeThrough(2).value("24").build();

            // when
            final Progress progress = budgetRevenue(target, janFeb);

            // then
            assertThat(progress.completionRatio()).isEqualByComparingTo("0.1890");
            assertThat(progress.gapPp()).isEqualByComparingTo("2.23");
        }
    }

    @Nested
    @DisplayName("Time progress")
    class TimeProgress {

        @ParameterizedTest(name = "{0} ({1}) is judged as of month {2}, time progress {3}")
        @CsvSource({
            "2023-01-01/P2M, SINGLE_PERIOD, 2, 0.166667, 2023-01-01/P2M",
            "2023-02,        CUMULATIVE,    2, 0.166667, 2023-01-01/P2M",
            "2023-01-01/P2M, CUMULATIVE,    2, 0.166667, 2023-01-01/P2M",
            "2023-03,        CUMULATIVE,    3, 0.250000, 2023-Q1",
            "2023-Q2,        CUMULATIVE,    6, 0.500000, 2023-S1",
            "2023-09,        CUMULATIVE,    9, 0.750000, 2023-01-01/P9M",
            "2023,           CUMULATIVE,   12, 1.000000, 2023",
        })
        @DisplayName("Time progress is months elapsed / 12; the January–February release counts as months 1–2")
        void timeProgressOfAmountTargets(final String period, final String basis, final int month,
                                         final BigDecimal expected, final String asOfPeriod) {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release release = Releases.budgetRevenue().period(period, basis).value("20").build();

            // when
            final Progress progress = budgetRevenue(target, release);

            // then
            assertThat(progress.asOfMonth()).isEqualTo(month);
            assertThat(progress.timeProgress()).isEqualByComparingTo(expected);
            assertThat(progress.asOfPeriod()).isEqualTo(asOfPeriod);
        }

        @ParameterizedTest(name = "GDP for {0} is judged as of month {1}, time progress {2}")
        @CsvSource({
            "2023-Q1, 3,  0.25",
            "2023-S1, 6,  0.5",
            "2023-Q2, 6,  0.5",
            "2023-Q3, 9,  0.75",
            "2023-Q4, 12, 1",
            "2023,    12, 1",
        })
        @DisplayName("Quarterly GDP, cumulative: Q1, H1, Q1–3 and the year are 3/12, 6/12, 9/12 and 12/12")
        void gdpQuarters(final String period, final int month, final BigDecimal expected) {
            // given
            final Target target = Targets.growth("GDP", "6.5").build();
            final Release release = Releases.gdp().period(period, "CUMULATIVE").value("800").growth("6.1").build();

            // when
            final Progress progress = assess("GDP", target, release);

            // then
            assertThat(progress.asOfMonth()).isEqualTo(month);
            assertThat(progress.timeProgress()).isEqualByComparingTo(expected);
            assertThat(progress.judgedOn()).isEqualTo(Judgement.GROWTH);
        }
    }

    @Nested
    @DisplayName("Growth targets")
    class GrowthTargets {

        @Test
        @DisplayName("The gap is published cumulative growth minus target growth, in points")
        void growthGap() {
            // given
            final Target target = Targets.growth("RETAIL_SALES", "5.0").build();
            final Release release = Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, release);

            // then
            assertThat(progress.judgedOn()).isEqualTo(Judgement.GROWTH);
            assertThat(progress.cumulativeGrowthPercent()).isEqualByComparingTo("4.2");
            assertThat(progress.gapPp()).isEqualByComparingTo("-0.80");
            assertThat(progress.status()).isEqualTo(PaceStatus.AT_RISK);
            assertThat(progress.completionRatio()).isNull();
            assertThat(progress.remainingToTarget()).isNull();
            assertThat(progress.messageZh()).isEqualTo("1-6月累计增长4.2%，低于目标0.8个百分点");
            assertThat(progress.messageEn()).isEqualTo("Jan–Jun 2023: cumulative growth 4.2%, 0.8 pp below the 5.0% target");
        }

        @ParameterizedTest(name = "a 1–6 value of {0} 亿元 against last year's 400 亿元")
        @ValueSource(strings = {"100", "200", "300", "420"})
        @DisplayName("Growth is taken as published, never recomputed from levels")
        void growthIsTakenAsPublished(final String value) {
            // given: no level arithmetic on these values gives 4.2%
            final Target target = Targets.growth("RETAIL_SALES", "5.0").priorYearAmount("400").build();
            final Release release = Releases.retailSales().cumulativeThrough(6).value(value).growth("4.2").build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, release);

            // then
            assertThat(progress.cumulativeGrowthPercent()).isEqualByComparingTo("4.2");
            assertThat(progress.gapPp()).isEqualByComparingTo("-0.80");
            assertThat(progress.status()).isEqualTo(PaceStatus.AT_RISK);
        }

        @Test
        @DisplayName("A revision that changes only the level leaves the growth judgement unchanged")
        void levelRevisionDoesNotMoveGrowth() {
            // given
            final Target target = Targets.growth("RETAIL_SALES", "5.0").build();
            final Release first = Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build();
            final Release revised = Releases.retailSales().cumulativeThrough(6).value("260").growth("4.2")
                    .publishedAt(Releases.beijing(8, 1)).revision(1).build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, first, revised);

            // then
            assertThat(progress.ytdValue()).isEqualByComparingTo("260");
            assertThat(progress.gapPp()).isEqualByComparingTo("-0.80");
        }

        @Test
        @DisplayName("The growth the rest of the year needs is derived from the published growth, not last year's levels")
        void requiredRestOfYearGrowth() {
            // given: last year's 1–6 = 200 / 1.042; the rest of last year = 400 − that; needed = 400 × 1.05 − 200
            final Target target = Targets.growth("RETAIL_SALES", "5.0").priorYearAmount("400").build();
            final Release release = Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, release);

            // then
            assertThat(progress.requiredRestOfYearGrowthPercent()).isEqualByComparingTo("5.74");
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("416.8");
        }

        @Test
        @DisplayName("Negative growth is worded 累计下降")
        void negativeGrowthWording() {
            // given
            final Target target = Targets.growth("GDP", "6.5").build();
            final Release release = Releases.gdp().period("2023-Q1", "CUMULATIVE").growth("-1.5").build();

            // when
            final Progress progress = assess("GDP", target, release);

            // then
            assertThat(progress.gapPp()).isEqualByComparingTo("-8.00");
            assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
            assertThat(progress.messageZh()).isEqualTo("1-3月累计下降1.5%，低于目标8.0个百分点");
            assertThat(progress.messageEn()).contains("cumulative growth -1.5%");
        }

        @Test
        @DisplayName("Growth above target is ahead and worded 高于目标")
        void growthAboveTarget() {
            // given
            final Target target = Targets.growth("INDUSTRIAL_VALUE_ADDED", "3.0").build();
            final Release release = Releases.industrialValueAdded().cumulativeThrough(5).growth("4.0").build();

            // when
            final Progress progress = assess("INDUSTRIAL_VALUE_ADDED", target, release);

            // then
            assertThat(progress.gapPp()).isEqualByComparingTo("1.00");
            assertThat(progress.status()).isEqualTo(PaceStatus.AHEAD);
            assertThat(progress.messageZh()).isEqualTo("1-5月累计增长4.0%，高于目标1.0个百分点");
        }

        @Test
        @DisplayName("A growth target with only levels published cannot be judged, and says so without inventing growth")
        void growthTargetWithoutGrowth() {
            // given
            final Target target = Targets.growth("RETAIL_SALES", "5.0").priorYearAmount("400").build();
            final Release release = Releases.retailSales().cumulativeThrough(6).value("210").build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, release);

            // then
            assertThat(progress.status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
            assertThat(progress.judgedOn()).isEqualTo(Judgement.NONE);
            assertThat(progress.cumulativeGrowthPercent()).isNull();
            assertThat(progress.gapPp()).isNull();
            assertThat(progress.ytdValue()).isEqualByComparingTo("210");
            assertThat(progress.messageZh()).startsWith("1-6月累计完成210亿元；").contains("未公布累计增速");
        }
    }

    @Nested
    @DisplayName("Amount targets with growth-only releases")
    class GrowthOnlyReleases {

        private final Release growthOnly = Releases.fixedAssetInvestment().cumulativeThrough(6).growth("6.0").build();

        @Test
        @DisplayName("With last year's amount known, the growth is judged against the growth the target implies")
        void impliedGrowth() {
            // given: 380 / 350 − 1 = 8.57%
            final Target target = Targets.amount("FIXED_ASSET_INVESTMENT", "380").priorYearAmount("350").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", target, growthOnly);

            // then
            assertThat(progress.judgedOn()).isEqualTo(Judgement.IMPLIED_GROWTH);
            assertThat(progress.impliedTargetGrowthPercent()).isEqualByComparingTo("8.57");
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.57");
            assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
            assertThat(progress.cumulativeGrowthPercent()).isEqualByComparingTo("6");
            assertThat(progress.ytdValue()).isNull();
            assertThat(progress.completionRatio()).isNull();
            assertThat(progress.remainingToTarget()).isNull();
            assertThat(progress.projectedYearEnd()).isEqualByComparingTo("371");
        }

        @Test
        @DisplayName("The implied-growth judgement is worded with the target and the growth it implies")
        void impliedGrowthWording() {
            // given
            final Target target = Targets.amount("FIXED_ASSET_INVESTMENT", "380").priorYearAmount("350").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", target, growthOnly);

            // then
            assertThat(progress.messageZh()).isEqualTo("1-6月累计增长6.0%，年度目标380亿元隐含增长8.6%，低于目标增速2.6个百分点");
            assertThat(progress.messageEn()).contains("38 billion yuan target implies");
        }

        @Test
        @DisplayName("Without last year's amount the target cannot be judged: growth shown, completion null, nothing invented")
        void notAssessableWithoutPriorYear() {
            // given
            final Target target = Targets.amount("FIXED_ASSET_INVESTMENT", "380").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", target, growthOnly);

            // then
            assertThat(progress.status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
            assertThat(progress.judgedOn()).isEqualTo(Judgement.NONE);
            assertThat(progress.cumulativeGrowthPercent()).isEqualByComparingTo("6");
            assertThat(progress.completionRatio()).isNull();
            assertThat(progress.gapPp()).isNull();
            assertThat(progress.impliedTargetGrowthPercent()).isNull();
            assertThat(progress.ytdValue()).isNull();
            assertThat(progress.projectedYearEnd()).isNull();
            assertThat(progress.expectedAtPace()).isNull();
            assertThat(progress.asOfMonth()).isEqualTo(6);
            assertThat(progress.messageZh()).isEqualTo("1-6月累计增长6.0%；仅公布增速且缺少上年基数，无法按金额目标评估");
        }

        @Test
        @DisplayName("An older amount is not used when a newer growth figure can be judged against last year's amount")
        void newerGrowthWinsOverOlderAmount() {
            // given
            final Target target = Targets.amount("FIXED_ASSET_INVESTMENT", "380").priorYearAmount("350").build();
            final Release march = Releases.fixedAssetInvestment().cumulativeThrough(3).value("80").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", target, march, growthOnly);

            // then
            assertThat(progress.judgedOn()).isEqualTo(Judgement.IMPLIED_GROWTH);
            assertThat(progress.asOfMonth()).isEqualTo(6);
        }
    }

    @Nested
    @DisplayName("Statuses that judge nothing")
    class Unjudged {

        @Test
        @DisplayName("A target with no figures yet is NO_DATA, not on track")
        void targetOnlyIsNoData() {
            // given
            final Target target = Targets.budgetRevenue127().build();

            // when
            final Progress progress = budgetRevenue(target);

            // then
            assertThat(progress.status()).isEqualTo(PaceStatus.NO_DATA);
            assertThat(progress.judgedOn()).isEqualTo(Judgement.NONE);
            assertThat(progress.asOfMonth()).isZero();
            assertThat(progress.asOfPeriod()).isNull();
            assertThat(progress.gapPp()).isNull();
            assertThat(progress.timeProgress()).isNull();
            assertThat(progress.targetValue()).isEqualByComparingTo("127");
            assertThat(progress.messageZh()).isEqualTo("2023年暂无数据");
        }

        @Test
        @DisplayName("A single-month growth rate is a figure: a growth target without cumulative growth is not assessable, not 'no data'")
        void singleMonthGrowthIsNotNoData() {
            // given
            final Target target = Targets.growth("RETAIL_SALES", "5.0").build();
            final Release march = Releases.retailSales().singleMonth(3).growth("4.0").unit(null).build();

            // when
            final Progress progress = assess("RETAIL_SALES", target, march);

            // then
            assertThat(progress.status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
            assertThat(progress.messageZh()).doesNotContain("暂无数据");
        }

        @Test
        @DisplayName("Figures without a target are NOT_ASSESSABLE, and the figures are still shown")
        void noTargetIsNotAssessable() {
            // given
            final Release release = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();

            // when
            final Progress progress = budgetRevenue(null, release);

            // then
            assertThat(progress.status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
            assertThat(progress.judgedOn()).isEqualTo(Judgement.NONE);
            assertThat(progress.ytdValue()).isEqualByComparingTo("60");
            assertThat(progress.completionRatio()).isNull();
            assertThat(progress.gapPp()).isNull();
            assertThat(progress.targetKind()).isNull();
            assertThat(progress.targetPublishedAt()).isNull();
            assertThat(progress.messageZh()).isEqualTo("1-6月累计完成60亿元；尚未设定2023年目标");
        }

        @Test
        @DisplayName("The assessment carries the series, the versions used and the given update time")
        void carriesProvenance() {
            // given
            final Target target = Targets.budgetRevenue127().build();
            final Release release = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();

            // when
            final Progress progress = budgetRevenue(target, release);

            // then
            assertThat(progress.series()).isEqualTo(Releases.series("BUDGET_REVENUE"));
            assertThat(progress.indicatorNameZh()).isEqualTo("地方一般公共预算收入");
            assertThat(progress.releaseVersions()).containsExactly(release.version());
            assertThat(progress.targetPublishedAt()).isEqualTo(Instant.parse("2023-01-10T01:00:00Z"));
            assertThat(progress.updatedAt()).isEqualTo(UPDATED_AT);
        }
    }
}
