package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Same-period pace (上年同期进度): the expected share at month m is last year's cumulative amount at m
 * over last year's full year, from last year's releases of the same series. Figures are shaped like
 * a district's: budget revenue comes early in the year, fixed-asset investment late.
 */
class PriorYearPaceTest {

    private static final Instant UPDATED_AT = Instant.parse("2023-07-15T01:30:00Z");
    /** 2022 budget revenue, 亿元, front-loaded: 21.7% of the year by 1–2月, 58.3% by 1–6月. */
    private static final String[] REVENUE_2022 = {"26", "36", "48", "58", "70", "77", "84", "93", "103", "110", "120"};
    /** 2022 fixed-asset investment, 亿元, back-loaded: 42% of the year by 1–6月. */
    private static final String[] INVESTMENT_2022 = {"30", "52", "75", "100", "126", "150", "175", "205", "235", "262", "300"};

    /** Last year's 1–N月 cumulative releases of the series (1–2月 to 1–12月), published in the usual rhythm. */
    private static List<Release> lastYear(final String indicator, final String[] cumulativeFromFebruary) {
        final List<Release> releases = new ArrayList<>();
        for (int i = 0; i < cumulativeFromFebruary.length; i++) {
            releases.add(lastYearsRelease(indicator, i + 2, cumulativeFromFebruary[i]).build());
        }
        return releases;
    }

    private static Releases.Builder lastYearsRelease(final String indicator, final int month, final String value) {
        final String published = month == 12 ? "2023-01-20T09:30:00+08:00"
                : String.format("2022-%02d-15T09:30:00+08:00", month + 1);
        return Releases.of(indicator).period(String.format("2022-%02d", month), "CUMULATIVE").value(value)
                .publishedAt(published);
    }

    private static CumulativeCurve curve(final List<Release> releases) {
        return CumulativeCurve.of(2022, Releases.history(releases).latestPerSlot(Releases.LATER));
    }

    private static Progress assess(final String indicator, final Target target, final CumulativeCurve priorYear,
                                   final Release... releases) {
        final List<Release> latest = Releases.history(releases).latestPerSlot(Releases.LATER);
        return PaceAssessor.assess(Releases.indicator(indicator), null, Releases.series(indicator), target,
                YearToDateCalculator.asOf(latest, 12), priorYear, UPDATED_AT);
    }

    private static Release firstHalf(final String indicator, final String value) {
        return Releases.of(indicator).cumulativeThrough(6).value(value).build();
    }

    @Nested
    @DisplayName("Seasonal years judged both ways")
    class BothWays {

        private final CumulativeCurve revenue2022 = curve(lastYear("BUDGET_REVENUE", REVENUE_2022));
        private final CumulativeCurve investment2022 = curve(lastYear("FIXED_ASSET_INVESTMENT", INVESTMENT_2022));

        @Test
        @DisplayName("Back-loaded investment, 163 of 380 亿元 by 1–6月: behind by linear time progress (−7.11 pp), on pace by last year's 42% (+0.89 pp)")
        void investmentOnPaceByLastYearBehindByLinear() {
            // given
            final Target linear = Targets.amount("FIXED_ASSET_INVESTMENT", "380").build();
            final Target priorYear = Targets.amount("FIXED_ASSET_INVESTMENT", "380").paceProfile("PRIOR_YEAR").build();
            final Release janJun = firstHalf("FIXED_ASSET_INVESTMENT", "163");

            // when
            final Progress byLinear = assess("FIXED_ASSET_INVESTMENT", linear, investment2022, janJun);
            final Progress byLastYear = assess("FIXED_ASSET_INVESTMENT", priorYear, investment2022, janJun);

            // then: the status follows the target's profile, and both show both gaps
            assertThat(byLinear.status()).isEqualTo(PaceStatus.BEHIND);
            assertThat(byLinear.timeProgress()).isEqualByComparingTo("0.5");
            assertThat(byLinear.gapPp()).isEqualByComparingTo("-7.11");
            assertThat(byLinear.priorYearShare()).isEqualByComparingTo("0.42");
            assertThat(byLinear.priorYearGapPp()).isEqualByComparingTo("0.89");
            assertThat(byLinear.linearTimeProgress()).isNull();
            assertThat(byLinear.priorYearFallback()).isNull();

            assertThat(byLastYear.status()).isEqualTo(PaceStatus.ON_PACE);
            assertThat(byLastYear.timeProgress()).isEqualByComparingTo("0.42");
            assertThat(byLastYear.gapPp()).isEqualByComparingTo("0.89");
            assertThat(byLastYear.priorYearGapPp()).isEqualByComparingTo("0.89");
            assertThat(byLastYear.linearTimeProgress()).isEqualByComparingTo("0.5");
            assertThat(byLastYear.linearGapPp()).isEqualByComparingTo("-7.11");
            // 380 × 126/300 and 163 × 300/126, each rounded once
            assertThat(byLastYear.expectedAtPace()).isEqualByComparingTo("159.6");
            assertThat(byLastYear.projectedYearEnd()).isEqualByComparingTo("388.0952");
            assertThat(byLastYear.messageZh()).isEqualTo("1-6月累计完成163亿元，完成年度目标380亿元的42.9%，"
                    + "高于上年同期进度0.9个百分点，低于序时进度7.1个百分点");
            assertThat(byLastYear.messageEn()).contains("0.9 pp ahead of last year's same-period pace (42.0%)")
                    .contains("7.1 pp behind time progress");
        }

        @Test
        @DisplayName("Front-loaded revenue, 70 of 127 亿元 by 1–6月: ahead by linear time progress (+5.12 pp), at risk against last year's 58.3% (−3.21 pp)")
        void revenueAheadByLinearAtRiskByLastYear() {
            // given
            final Target linear = Targets.budgetRevenue127().build();
            final Target priorYear = Targets.budgetRevenue127().paceProfile("prior_year").build();
            final Release janJun = firstHalf("BUDGET_REVENUE", "70");

            // when
            final Progress byLinear = assess("BUDGET_REVENUE", linear, revenue2022, janJun);
            final Progress byLastYear = assess("BUDGET_REVENUE", priorYear, revenue2022, janJun);

            // then
            assertThat(byLinear.status()).isEqualTo(PaceStatus.AHEAD);
            assertThat(byLinear.gapPp()).isEqualByComparingTo("5.12");
            assertThat(byLinear.priorYearShare()).isEqualByComparingTo("0.583333");
            assertThat(byLinear.priorYearGapPp()).isEqualByComparingTo("-3.21");
            assertThat(byLinear.messageZh()).isEqualTo("1-6月累计完成70亿元，完成年度目标127亿元的55.1%，"
                    + "高于序时进度5.1个百分点，比上年同期进度慢3.2个百分点");

            assertThat(byLastYear.status()).isEqualTo(PaceStatus.AT_RISK);
            assertThat(byLastYear.gapPp()).isEqualByComparingTo("-3.21");
            assertThat(byLastYear.linearGapPp()).isEqualByComparingTo("5.12");
        }

        @Test
        @DisplayName("Front-loaded revenue early in the year: 1–2月 share 26/120; 27.6 亿元 is on pace by last year though 5.06 pp ahead of time progress")
        void revenueInJanuaryFebruary() {
            // given
            final Target priorYear = Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").build();
            final Release janFeb = Releases.budgetRevenue().cumulativeThrough(2).value("27.6").build();

            // when
            final Progress progress = assess("BUDGET_REVENUE", priorYear, revenue2022, janFeb);

            // then: 27.6/127 = 21.73% against 21.67% last year and 16.67% linear
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.216667");
            assertThat(progress.gapPp()).isEqualByComparingTo("0.06");
            assertThat(progress.status()).isEqualTo(PaceStatus.ON_PACE);
            assertThat(progress.linearGapPp()).isEqualByComparingTo("5.06");
            assertThat(progress.expectedAtPace()).isEqualByComparingTo("27.5167");
        }

        @Test
        @DisplayName("A seasonal profile with last year known shows three benchmarks: its own share, linear time progress and last year's")
        void seasonalProfileShowsBoth() {
            // given
            final Target seasonal = Targets.amount("FIXED_ASSET_INVESTMENT", "380").seasonal(
                    "0.05", "0.1", "0.18", "0.26", "0.34", "0.45", "0.53", "0.61", "0.7", "0.79", "0.88", "1").build();

            // when
            final Progress progress = assess("FIXED_ASSET_INVESTMENT", seasonal, investment2022,
                    firstHalf("FIXED_ASSET_INVESTMENT", "163"));

            // then
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.45");
            assertThat(progress.gapPp()).isEqualByComparingTo("-2.11");
            assertThat(progress.linearTimeProgress()).isEqualByComparingTo("0.5");
            assertThat(progress.linearGapPp()).isEqualByComparingTo("-7.11");
            assertThat(progress.priorYearGapPp()).isEqualByComparingTo("0.89");
            assertThat(progress.messageZh()).contains("低于季节性进度2.1个百分点，低于序时进度7.1个百分点，比上年同期进度快0.9个百分点");
        }
    }

    @Nested
    @DisplayName("Last year incomplete: said so, judged on linear time progress, nothing invented")
    class Incomplete {

        @Test
        @DisplayName("Without last year's December there is no full year to share: PRIOR_YEAR falls back to linear and says so")
        void noDecember() {
            // given
            final List<Release> releases = new ArrayList<>(lastYear("BUDGET_REVENUE", REVENUE_2022));
            releases.removeIf(r -> r.period().lastMonth() == 12);
            final Target priorYear = Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").build();

            // when
            final Progress progress = assess("BUDGET_REVENUE", priorYear, curve(releases), firstHalf("BUDGET_REVENUE", "70"));

            // then
            assertThat(progress.priorYearFallback()).isTrue();
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.5");
            assertThat(progress.gapPp()).isEqualByComparingTo("5.12");
            assertThat(progress.status()).isEqualTo(PaceStatus.AHEAD);
            assertThat(progress.priorYearShare()).isNull();
            assertThat(progress.priorYearGapPp()).isNull();
            assertThat(progress.linearTimeProgress()).isNull();
            assertThat(progress.messageZh()).endsWith("高于序时进度5.1个百分点（上年同期数据不全，缺全年，按序时进度评估）");
            assertThat(progress.messageEn()).endsWith("(last year's figures are incomplete, no full year: judged against time progress)");
        }

        @Test
        @DisplayName("A month last year did not report (no 1–6月, single months not chained) is not interpolated from 1–5 and 1–7")
        void missingMonth() {
            // given
            final List<Release> releases = new ArrayList<>(lastYear("BUDGET_REVENUE", REVENUE_2022));
            releases.removeIf(r -> r.period().lastMonth() == 6);
            final Target priorYear = Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").build();

            // when
            final Progress progress = assess("BUDGET_REVENUE", priorYear, curve(releases), firstHalf("BUDGET_REVENUE", "70"));

            // then
            assertThat(progress.priorYearFallback()).isTrue();
            assertThat(progress.timeProgress()).isEqualByComparingTo("0.5");
            assertThat(progress.messageZh()).contains("缺1-6月");
        }

        @Test
        @DisplayName("With nothing of last year known, a PRIOR_YEAR target is judged on linear time progress and flagged")
        void nothingKnown() {
            // given
            final Target priorYear = Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").build();

            // when
            final Progress progress = assess("BUDGET_REVENUE", priorYear, null, firstHalf("BUDGET_REVENUE", "70"));

            // then
            assertThat(progress.priorYearFallback()).isTrue();
            assertThat(progress.gapPp()).isEqualByComparingTo("5.12");
            assertThat(progress.messageZh()).contains("缺1-6月、全年");
        }

        @Test
        @DisplayName("A linear target without last year writes exactly the fields it wrote before: none of the same-period ones")
        void linearWithoutLastYearUnchanged() throws Exception {
            // when
            final Progress progress = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(), null,
                    firstHalf("BUDGET_REVENUE", "60"));
            final JsonNode json = Json.MAPPER.valueToTree(progress);

            // then
            assertThat(json.has("priorYearShare")).isFalse();
            assertThat(json.has("priorYearGapPp")).isFalse();
            assertThat(json.has("linearTimeProgress")).isFalse();
            assertThat(json.has("linearGapPp")).isFalse();
            assertThat(json.has("priorYearFallback")).isFalse();
            assertThat(progress.messageZh()).isEqualTo("1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点");
        }

        @Test
        @DisplayName("A curve of another year than the one before is not last year's and is ignored")
        void otherYearIgnored() {
            // given
            final CumulativeCurve twoYearsAgo = new CumulativeCurve(2021, curve(lastYear("BUDGET_REVENUE", REVENUE_2022))
                    .points(), Instant.EPOCH);

            // when
            final Progress progress = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(), twoYearsAgo,
                    firstHalf("BUDGET_REVENUE", "70"));

            // then
            assertThat(progress.priorYearShare()).isNull();
        }
    }

    @Nested
    @DisplayName("Last year's curve")
    class Curve {

        @Test
        @DisplayName("The latest version of last year's figures counts: a revised December changes every share")
        void revisionOfLastYear() {
            // given: December 120 revised to 140 (published later)
            final List<Release> releases = new ArrayList<>(lastYear("BUDGET_REVENUE", REVENUE_2022));
            releases.add(lastYearsRelease("BUDGET_REVENUE", 12, "140").publishedAt("2023-03-01T09:30:00+08:00").build());

            // when
            final CumulativeCurve curve = curve(releases);

            // then: 70/140
            assertThat(curve.shareAt(6)).map(Share::rounded).hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("0.5"));
            assertThat(curve.updatedAt()).isEqualTo(Instant.parse("2023-03-01T01:30:00Z"));
        }

        @Test
        @DisplayName("Single months chain into cumulative points; a gap in the chain ends the curve there")
        void singleMonths() {
            // given: 1–2月 20, March 10, May 12 (April missing), and the year 100
            final List<Release> releases = List.of(
                    Releases.budgetRevenue().period("2022-01-01/P2M", "SINGLE_PERIOD").value("20")
                            .publishedAt("2022-03-15T09:30:00+08:00").build(),
                    Releases.budgetRevenue().period("2022-M03", "SINGLE_PERIOD").value("10")
                            .publishedAt("2022-04-15T09:30:00+08:00").build(),
                    Releases.budgetRevenue().period("2022-M05", "SINGLE_PERIOD").value("12")
                            .publishedAt("2022-06-15T09:30:00+08:00").build(),
                    lastYearsRelease("BUDGET_REVENUE", 12, "100").build());

            // when
            final CumulativeCurve curve = curve(releases);

            // then
            assertThat(curve.points()).extracting(CumulativeCurve.Point::month).containsExactly(2, 3, 12);
            assertThat(curve.shareAt(3)).map(Share::rounded).hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("0.3"));
            assertThat(curve.shareAt(5)).isEmpty();
            assertThat(curve.missingFor(5)).containsExactly(5);
        }

        @Test
        @DisplayName("The evaluator gives a series' own curve for next year, and none for an indicator published as growth only")
        void evaluatorCurve() {
            // given
            final SeriesEvaluator evaluator = new SeriesEvaluator(Releases.CATALOGUE);
            final ReleaseHistory revenue = Releases.history(lastYear("BUDGET_REVENUE", REVENUE_2022));
            final ReleaseHistory industry = Releases.history(List.of(Releases.industrialValueAdded()
                    .period("2022-06", "CUMULATIVE").growth("4.1").publishedAt("2022-07-15T09:30:00+08:00").build()));

            // when / then
            assertThat(evaluator.cumulativeCurve(new SeriesKey("luohu", "BUDGET_REVENUE", 2022), revenue, Releases.LATER))
                    .hasValueSatisfying(c -> assertThat(c.at(12)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("120")));
            assertThat(evaluator.cumulativeCurve(new SeriesKey("luohu", "INDUSTRIAL_VALUE_ADDED", 2022), industry,
                    Releases.LATER)).isEmpty();
        }

        @Test
        @DisplayName("Every month of the evaluation shows last year's share at that month, and is stamped with last year's newest figure")
        void evaluationUsesCurveEveryMonth() {
            // given
            final SeriesEvaluator evaluator = new SeriesEvaluator(Releases.CATALOGUE);
            final CumulativeCurve revenue2022 = curve(lastYear("BUDGET_REVENUE", REVENUE_2022));
            final ReleaseHistory thisYear = Releases.history(
                    Releases.budgetRevenue().cumulativeThrough(2).value("27.6").build(), firstHalf("BUDGET_REVENUE", "70"));

            // when
            final SeriesEvaluation evaluation = evaluator.evaluate(Releases.series("BUDGET_REVENUE"), thisYear,
                    Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").build(), revenue2022, Releases.LATER, 1).orElseThrow();

            // then
            assertThat(evaluation.history()).extracting(p -> p.progress().timeProgress().toPlainString())
                    .containsExactly("0.216667", "0.583333");
            assertThat(evaluation.latest().updatedAt()).isEqualTo(Instant.parse("2023-07-15T01:30:00Z"));
            assertThat(evaluation.history().get(0).progress().updatedAt()).isEqualTo(Instant.parse("2023-03-15T01:30:00Z"));
        }
    }

    @Nested
    @DisplayName("Which targets may name PRIOR_YEAR")
    class Validation {

        @Test
        @DisplayName("An amount target of an indicator with levels may, in any case, and keeps no shares of its own")
        void amountTargetMay() {
            // when
            final Target target = Targets.budgetRevenue127().paceProfile(" prior_year ").build();

            // then
            assertThat(target.paceProfile().kind()).isEqualTo(PaceProfile.Kind.PRIOR_YEAR);
            assertThat(target.paceProfile().seasonalShares()).isEmpty();
        }

        @Test
        @DisplayName("A growth target may not: it is judged on growth, which has no shares")
        void growthTargetMayNot() {
            // when
            final InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                    () -> Targets.growth("RETAIL_SALES", "5").paceProfile("PRIOR_YEAR").build());

            // then
            assertThat(refused.reason()).isEqualTo(RejectionReason.INVALID_FIELD);
            assertThat(refused.getMessage()).contains("PRIOR_YEAR paceProfile applies to AMOUNT targets");
        }

        @Test
        @DisplayName("A growth-only indicator may not: last year's shares cannot be known")
        void growthOnlyIndicatorMayNot() {
            // when
            final InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                    () -> Targets.growth("INDUSTRIAL_VALUE_ADDED", "3").paceProfile("PRIOR_YEAR").build());

            // then
            assertThat(refused.getMessage()).contains("growth rates only").contains("PRIOR_YEAR");
        }

        @Test
        @DisplayName("Shares given beside PRIOR_YEAR are refused rather than silently ignored")
        void sharesRefused() {
            // when
            final InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                    () -> Targets.budgetRevenue127().paceProfile("PRIOR_YEAR").seasonalShares(Targets.shares(
                            "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.98", "1")).build());

            // then
            assertThat(refused.getMessage()).contains("seasonalShares are given but paceProfile is PRIOR_YEAR");
        }

        @Test
        @DisplayName("A target stored before PRIOR_YEAR existed (shares only) reads back as LINEAR or SEASONAL")
        void storedBeforeKindsExisted() throws Exception {
            // when
            final PaceProfile linear = Json.MAPPER.readValue("{\"seasonalShares\":[]}", PaceProfile.class);
            final PaceProfile seasonal = Json.MAPPER.readValue(
                    "{\"seasonalShares\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.98,1]}", PaceProfile.class);

            // then
            assertThat(linear.kind()).isEqualTo(PaceProfile.Kind.LINEAR);
            assertThat(seasonal.kind()).isEqualTo(PaceProfile.Kind.SEASONAL);
        }
    }
}
