package io.pacewatch.domain.brief;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.Vintages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Luohu's 2023 first half, judged by the real evaluator: GDP on pace (Q1 only, quarterly), budget
 * revenue at risk with its 1–5月 figure revised on 5 July (after the May brief's cut-off of 20 June),
 * fixed-asset investment ahead, retail sales on pace, industrial value added (growth only) behind.
 */
public final class BriefFixture {

    public static final IndicatorCatalogue CATALOGUE = Releases.CATALOGUE;
    /** After the June figures (mid-July), before any July figure is due. */
    public static final Instant JULY_18 = Instant.parse("2023-07-18T02:00:00Z");

    private BriefFixture() {
    }

    public static List<IndicatorFigures> firstHalf(final Instant now, final ReleaseCalendar calendar) {
        return firstHalf(now, calendar, Targets.budgetRevenue127().build(), null,
                Targets.amount("FIXED_ASSET_INVESTMENT", "380").build(), null);
    }

    /** 2022 budget revenue, 亿元, 1–2月 to 1–12月: 70 of 120 by 1–6月, a same-period share of 58.3%. */
    public static final String[] REVENUE_2022 = {"26", "36", "48", "58", "70", "77", "84", "93", "103", "110", "120"};

    /**
     * The first half with last year known where it is: budget revenue shows its same-period pace beside
     * the linear one; fixed-asset investment asks for last year's pace, but 2022 stops at 1–11月, so it
     * falls back to linear time progress.
     */
    public static List<IndicatorFigures> firstHalfWithLastYear() {
        return firstHalf(JULY_18, ReleaseCalendar.NONE, Targets.budgetRevenue127().build(),
                lastYear("BUDGET_REVENUE", 12, REVENUE_2022),
                Targets.amount("FIXED_ASSET_INVESTMENT", "380").paceProfile("PRIOR_YEAR").build(),
                lastYear("FIXED_ASSET_INVESTMENT", 11, "30", "52", "75", "100", "126", "150", "175", "205", "235", "262"));
    }

    /** 2022 fixed-asset investment, 亿元, 1–2月 to 1–12月: 174 of 290 by 1–6月, a same-period share of exactly 60%. */
    public static final String[] INVESTMENT_2022 = {"40", "70", "105", "140", "174", "200", "222", "245", "265", "280", "290"};

    /**
     * The first half with every benchmark in one table: fixed-asset investment asks for last year's
     * pace and 2022 is complete, so it is judged on 60% (220 of 380 is 57.89%: −2.11 points, at risk,
     * though +7.89 ahead of linear time progress); budget revenue has a seasonal target (55% by June:
     * −7.76, behind; −2.76 against linear, −11.09 against 2022's 58.3%).
     */
    public static List<IndicatorFigures> firstHalfJudgedOnLastYear() {
        return firstHalf(JULY_18, ReleaseCalendar.NONE, Targets.budgetRevenue127()
                        .seasonal("0.08", "0.18", "0.28", "0.37", "0.46", "0.55", "0.63", "0.71", "0.79", "0.86", "0.93", "1")
                        .build(),
                lastYear("BUDGET_REVENUE", 12, REVENUE_2022),
                Targets.amount("FIXED_ASSET_INVESTMENT", "380").paceProfile("PRIOR_YEAR").build(),
                lastYear("FIXED_ASSET_INVESTMENT", 12, INVESTMENT_2022));
    }

    private static List<IndicatorFigures> firstHalf(final Instant now, final ReleaseCalendar calendar,
                                                    final Target revenueTarget, final CumulativeCurve revenue2022,
                                                    final Target investmentTarget, final CumulativeCurve investment2022) {
        final List<IndicatorFigures> all = new ArrayList<>();
        // Listed out of catalogue order on purpose: the brief orders the rows.
        all.add(figures("INDUSTRIAL_VALUE_ADDED", Targets.growth("INDUSTRIAL_VALUE_ADDED", "3.0").build(), now, calendar,
                Releases.industrialValueAdded().cumulativeThrough(3).growth("2.1").build(),
                Releases.industrialValueAdded().cumulativeThrough(6).growth("1.6").build()));
        all.add(figures("GDP", Targets.growth("GDP", "6.5").build(), now, calendar,
                Releases.gdp().period("2023-Q1", "CUMULATIVE").value("620.5").growth("6.6")
                        .publishedAt(Releases.beijing(4, 20)).build()));
        all.add(figures("BUDGET_REVENUE", revenueTarget, revenue2022, now, calendar,
                Releases.budgetRevenue().cumulativeThrough(3).value("33").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("50").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("49.5").publishedAt(Releases.beijing(7, 5)).revision(1).build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build()));
        all.add(figures("FIXED_ASSET_INVESTMENT", investmentTarget, investment2022, now, calendar,
                Releases.fixedAssetInvestment().cumulativeThrough(3).value("110").build(),
                Releases.fixedAssetInvestment().cumulativeThrough(6).value("220").build()));
        all.add(figures("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(), now, calendar,
                Releases.retailSales().cumulativeThrough(3).value("300").growth("4.1").build(),
                Releases.retailSales().cumulativeThrough(6).value("640").growth("5.2").build()));
        return all;
    }

    public static List<IndicatorFigures> firstHalf() {
        return firstHalf(JULY_18, ReleaseCalendar.NONE);
    }

    public static IndicatorFigures figures(final String indicator, final Target target, final Instant now,
                                           final ReleaseCalendar calendar, final Release... releases) {
        return figures(indicator, target, null, now, calendar, releases);
    }

    /** As above, with last year's curve of the series (null: none), for the same-period pace. */
    public static IndicatorFigures figures(final String indicator, final Target target, final CumulativeCurve priorYear,
                                           final Instant now, final ReleaseCalendar calendar, final Release... releases) {
        final SeriesKey series = Releases.series(indicator);
        final ReleaseHistory history = Releases.history(releases);
        final SeriesEvaluation evaluation = new SeriesEvaluator(CATALOGUE, RegionCatalogue.EMPTY, calendar)
                .evaluate(series, history, target, priorYear, now, 1).orElseThrow();
        return new IndicatorFigures(Releases.indicator(indicator), evaluation.latest(),
                evaluation.history().stream().map(SeriesEvaluation.PeriodProgress::progress).toList(),
                Vintages.of(history, now));
    }

    /**
     * Last year's 1–N月 cumulative releases of a series (1–2月 to 1–12月 by default, or through
     * {@code lastMonth}), as its curve: budget revenue front-loaded, 58.3% of the year by 1–6月.
     */
    public static CumulativeCurve lastYear(final String indicator, final int lastMonth, final String... fromFebruary) {
        final List<Release> releases = new ArrayList<>();
        for (int month = 2; month <= lastMonth; month++) {
            releases.add(Releases.of(indicator).period(String.format("2022-%02d", month), "CUMULATIVE")
                    .value(fromFebruary[month - 2]).publishedAt(String.format("%d-%02d-15T09:30:00+08:00",
                            month == 12 ? 2023 : 2022, month == 12 ? 1 : month + 1)).build());
        }
        return CumulativeCurve.of(2022, Releases.history(releases).latestPerSlot(Releases.LATER));
    }

    public static BriefBuilder builder() {
        return new BriefBuilder(CATALOGUE, BriefSchedule.DEFAULT, RowExtras.NONE);
    }

    /** The June brief with the recorded extras, last year known for revenue and incomplete for investment. */
    public static Brief juneWithLastYear() {
        return new BriefBuilder(CATALOGUE, BriefSchedule.DEFAULT, RowExtras.RECORDED)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, firstHalfWithLastYear());
    }

    /** The June brief of {@link #firstHalfJudgedOnLastYear()}, with the recorded extras. */
    public static Brief juneJudgedOnLastYear() {
        return new BriefBuilder(CATALOGUE, BriefSchedule.DEFAULT, RowExtras.RECORDED)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, firstHalfJudgedOnLastYear());
    }

    public static Brief june() {
        return builder().build("luohu", "罗湖区", "Luohu District", 2023, null, firstHalf());
    }
}
