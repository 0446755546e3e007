package io.pacewatch.domain.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.Frequency;
import io.pacewatch.domain.PaceProfile;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.Targets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BriefBuilderTest {

    private static BriefRow row(final Brief brief, final String indicator) {
        return brief.rows().stream().filter(r -> r.indicator().equals(indicator)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("Rows follow the catalogue (GDP first) and the month defaults to the latest with data")
    void rowsInCatalogueOrder() {
        final Brief brief = BriefFixture.june();

        assertThat(brief.month()).isEqualTo(6);
        assertThat(brief.periodLabelZh()).isEqualTo("1-6月");
        assertThat(brief.titleZh()).isEqualTo("罗湖区2023年1-6月主要经济指标完成情况");
        assertThat(brief.rows()).extracting(BriefRow::indicator).containsExactly("GDP", "BUDGET_REVENUE",
                "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
        assertThat(row(brief, "BUDGET_REVENUE").completionRatio()).isEqualByComparingTo("0.4724");
        assertThat(row(brief, "BUDGET_REVENUE").gapPp()).isEqualByComparingTo("-2.76");
    }

    @Test
    @DisplayName("The headline counts ahead, on pace and behind, and names the weakest: behind before at risk")
    void headlineCountsAndWeakest() {
        final Headline headline = BriefFixture.june().headline();

        assertThat(headline.total()).isEqualTo(5);
        assertThat(headline.ahead()).isEqualTo(1);
        assertThat(headline.onPace()).isEqualTo(2);
        assertThat(headline.behind()).isEqualTo(2);
        // budget revenue's −2.8 points is a larger number, but it is at risk; industry is behind
        assertThat(headline.weakest()).isEqualTo("INDUSTRIAL_VALUE_ADDED");
        assertThat(headline.zh()).isEqualTo("罗湖区1-6月：5项主要指标中，1项快于序时进度，2项符合序时进度，2项滞后于序时进度；"
                + "规模以上工业增加值增速低于目标1.4个百分点，差距最大。");
        assertThat(headline.en()).isEqualTo("Luohu District, Jan–Jun 2023: of 5 main indicators, 1 ahead of pace, 2 on pace,"
                + " 2 behind; weakest: Industrial value added above designated size, growth 1.4 pp below target.");
    }

    @Test
    @DisplayName("With nothing behind the headline says so and names no weakest indicator")
    void headlineWithNothingBehind() {
        final Brief brief = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null, List.of(
                BriefFixture.figures("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(), BriefFixture.JULY_18,
                        ReleaseCalendar.NONE, Releases.retailSales().cumulativeThrough(6).growth("5.2").build())));

        assertThat(brief.headline().weakest()).isNull();
        assertThat(brief.headline().zh()).isEqualTo("罗湖区1-6月：1项主要指标中，1项符合序时进度，无指标滞后于序时进度。");
    }

    @Test
    @DisplayName("A growth-only indicator's row has no value (a renderer shows a dash), never 0")
    void growthOnlyRowHasNoValue() {
        final BriefRow industry = row(BriefFixture.june(), "INDUSTRIAL_VALUE_ADDED");

        assertThat(industry.ytdValue()).isNull();
        assertThat(industry.growthPercent()).isEqualByComparingTo("1.6");
        assertThat(industry.completionRatio()).isNull();
        assertThat(industry.gapIsGrowth()).isTrue();
    }

    @Test
    @DisplayName("Quarterly GDP shows its latest quarter in a June-or-May brief, counts as in, and is footnoted")
    void quarterlyFootnote() {
        final Brief june = BriefFixture.june();
        final Brief may = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 5, BriefFixture.firstHalf());

        final BriefRow gdp = row(may, "GDP");
        assertThat(gdp.quarterly()).isTrue();
        assertThat(gdp.month()).isEqualTo(3);
        assertThat(gdp.periodLabelZh()).isEqualTo("1-3月");
        assertThat(gdp.inForMonth()).isTrue();
        assertThat(may.footnotesZh()).contains("地区生产总值为季度数据，1-3月数据。");
        assertThat(june.footnotesEn()).contains("Gross domestic product is quarterly: figures for Jan–Mar 2023.");
        // Q2 was due for June and has not come: GDP is the row that keeps June's brief incomplete
        assertThat(row(june, "GDP").inForMonth()).isFalse();
        assertThat(june.complete()).isFalse();
        assertThat(Releases.indicator("GDP").frequency()).isEqualTo(Frequency.QUARTERLY);
    }

    @Test
    @DisplayName("A revision published after the previous brief's cut-off is listed as revised since the last brief")
    void revisedSinceLastBrief() {
        final Brief june = BriefFixture.june();

        final BriefRow revenue = row(june, "BUDGET_REVENUE");
        assertThat(revenue.revised()).singleElement().satisfies(r -> {
            assertThat(r.labelZh()).isEqualTo("1-5月");
            assertThat(r.publishedAt()).isEqualTo(Instant.parse("2023-07-05T01:30:00Z"));
            assertThat(r.versions()).isEqualTo(2);
        });
        assertThat(june.revisedRows()).extracting(BriefRow::indicator).containsExactly("BUDGET_REVENUE");
        assertThat(june.footnotesZh()).contains("地方一般公共预算收入1-5月数据已修订（7月5日发布第2版）。");
        assertThat(june.previousCutoff()).isEqualTo(Instant.parse("2023-06-20T01:00:00Z"));
        assertThat(row(june, "FIXED_ASSET_INVESTMENT").revised()).isEmpty();
    }

    @Test
    @DisplayName("An earlier month's brief takes each series' standing at that month and marks figures revised after its cut-off")
    void earlierMonth() {
        final Brief may = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 5, BriefFixture.firstHalf());

        assertThat(may.month()).isEqualTo(5);
        assertThat(may.cutoff()).isEqualTo(Instant.parse("2023-06-20T01:00:00Z"));
        final BriefRow revenue = row(may, "BUDGET_REVENUE");
        assertThat(revenue.month()).isEqualTo(5);
        assertThat(revenue.ytdValue()).isEqualByComparingTo("49.5");
        // the 5 July revision came after the May brief went out: not "revised since the last brief" there,
        // but the row says its figure is the later version
        assertThat(revenue.revised()).isEmpty();
        assertThat(revenue.laterThanCutoff()).isTrue();
        assertThat(row(may, "FIXED_ASSET_INVESTMENT").month()).isEqualTo(3);
        assertThat(row(may, "FIXED_ASSET_INVESTMENT").inForMonth()).isFalse();
        assertThat(may.footnotesZh()).contains("固定资产投资1-5月数据尚未发布，表中为1-3月数据。");
    }

    @Test
    @DisplayName("An earlier month is read as of its cut-off (Jan counts as Jan–Feb); the latest month, live")
    void asOfTheCutoff() {
        final BriefBuilder builder = BriefFixture.builder();

        assertThat(builder.asOf(2023, 5, 6)).hasValue(Instant.parse("2023-06-20T01:00:00Z"));
        assertThat(builder.asOf(2023, 1, 6)).hasValue(Instant.parse("2023-03-20T01:00:00Z"));
        assertThat(builder.asOf(2023, 6, 6)).isEmpty();
        assertThat(builder.asOf(2023, null, 6)).isEmpty();
        assertThat(builder.asOf(2023, 2, 2)).isEmpty();
    }

    @Test
    @DisplayName("Rows judged as of the cut-off show the figure then in force, unflagged; the revision shows in the next brief")
    void earlierMonthAsOfTheCutoff() {
        final Release first = Releases.budgetRevenue().cumulativeThrough(5).value("50").build();
        final Release revised = Releases.budgetRevenue().cumulativeThrough(5).value("49.5")
                .publishedAt(Releases.beijing(7, 5)).revision(1).build();
        final Release june = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();
        final IndicatorFigures live = BriefFixture.figures("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
                BriefFixture.JULY_18, ReleaseCalendar.NONE, first, revised, june);
        final Instant cutoff = BriefFixture.builder().asOf(2023, 5, 6).orElseThrow();
        final SeriesEvaluation asOf = new SeriesEvaluator(BriefFixture.CATALOGUE).evaluate(Releases.series("BUDGET_REVENUE"),
                Releases.history(first, revised, june).publishedBy(cutoff), Targets.budgetRevenue127().build(), cutoff)
                .orElseThrow();
        final IndicatorFigures thenInForce = new IndicatorFigures(live.indicator(), live.latest(),
                asOf.history().stream().map(SeriesEvaluation.PeriodProgress::progress).toList(), live.vintages());

        final BriefRow may = row(BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 5,
                List.of(thenInForce)), "BUDGET_REVENUE");
        assertThat(may.ytdValue()).isEqualByComparingTo("50");
        assertThat(may.laterThanCutoff()).isFalse();
        assertThat(may.revised()).isEmpty();
        assertThat(may.versions()).singleElement().satisfies(v -> assertThat(v.revision()).isZero());

        final Brief latest = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null, List.of(live));
        assertThat(row(latest, "BUDGET_REVENUE").revised()).singleElement()
                .satisfies(r -> assertThat(r.labelZh()).isEqualTo("1-5月"));
    }

    @Test
    @DisplayName("A growth-only month of an indicator judged on amounts is in: the brief takes that month's record")
    void growthOnlyMonthOfAnAmountIndicator() {
        final IndicatorFigures investment = BriefFixture.figures("FIXED_ASSET_INVESTMENT",
                Targets.amount("FIXED_ASSET_INVESTMENT", "380").build(), BriefFixture.JULY_18, ReleaseCalendar.NONE,
                Releases.fixedAssetInvestment().cumulativeThrough(3).value("82").growth("10.5").build(),
                Releases.fixedAssetInvestment().cumulativeThrough(4).growth("9.8").build(),
                Releases.fixedAssetInvestment().cumulativeThrough(5).growth("9.1").build());

        final Brief april = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 4, List.of(investment));
        final Brief latest = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null, List.of(investment));

        assertThat(investment.latest().asOfMonth()).isEqualTo(3);
        assertThat(latest.month()).isEqualTo(5);
        final BriefRow row = april.rows().get(0);
        assertThat(row.inForMonth()).isTrue();
        assertThat(row.month()).isEqualTo(3);
        assertThat(row.versions()).extracting(v -> v.period()).contains("2023-01-01/P4M").doesNotContain("2023-01-01/P5M");
        assertThat(april.complete()).isTrue();
    }

    @Test
    @DisplayName("An earlier month's brief leaves out a month whose figures first came after its cut-off")
    void figuresFirstPublishedAfterTheCutoff() {
        final IndicatorFigures retail = BriefFixture.figures("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(),
                Instant.parse("2023-09-01T00:00:00Z"), ReleaseCalendar.NONE,
                Releases.retailSales().cumulativeThrough(3).growth("4.1").build(),
                // 1-6月 came on 25 July, after the June brief's cut-off of 20 July
                Releases.retailSales().cumulativeThrough(6).growth("5.2").publishedAt(Releases.beijing(7, 25)).build(),
                Releases.retailSales().cumulativeThrough(7).growth("5.3").build());

        final Brief june = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 6, List.of(retail));

        final BriefRow row = june.rows().get(0);
        assertThat(row.month()).isEqualTo(3);
        assertThat(row.inForMonth()).isFalse();
        assertThat(row.laterThanCutoff()).isFalse();
        assertThat(june.footnotesZh()).contains("社会消费品零售总额1-6月数据尚未发布，表中为1-3月数据。");
    }

    @Test
    @DisplayName("An overdue release is marked, counted by its last figures' verdict and named in the headline")
    void overdue() {
        final ReleaseCalendar calendar = new ReleaseCalendar(ZoneId.of("Asia/Shanghai"), List.of(
                new ReleaseCalendar.Rule(null, "RETAIL_SALES", null, 20, true)));
        final Instant august25 = Instant.parse("2023-08-25T02:00:00Z");
        final Brief brief = BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null,
                BriefFixture.firstHalf(august25, calendar));

        final BriefRow retail = row(brief, "RETAIL_SALES");
        assertThat(retail.overdue()).isTrue();
        assertThat(retail.status()).isEqualTo(PaceStatus.OVERDUE);
        assertThat(brief.overdueRows()).extracting(BriefRow::indicator).containsExactly("RETAIL_SALES");
        assertThat(brief.headline().onPace()).isEqualTo(2);
        assertThat(brief.headline().overdue()).isEqualTo(1);
        assertThat(brief.headline().zh()).contains("1项数据逾期未发布");
        assertThat(brief.footnotesZh()).anySatisfy(f -> assertThat(f).startsWith("社会消费品零售总额逾期未发布：1-7月数据逾期未发布"));
    }

    @Test
    @DisplayName("The rank and the prior-year gap are shown where the records carry them")
    void extrasWhenPresent() {
        final RowExtras extras = new RowExtras() {
            @Override
            public Optional<PeerRank> peer(final Progress progress) {
                return progress.indicator().equals("GDP") ? Optional.of(new PeerRank("shenzhen", 3, 7, true)) : Optional.empty();
            }

            @Override
            public Optional<BigDecimal> priorYearGapPp(final Progress progress) {
                return progress.indicator().equals("BUDGET_REVENUE") ? Optional.of(new BigDecimal("1.2")) : Optional.empty();
            }
        };
        final Brief brief = new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, extras)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, BriefFixture.firstHalf());

        assertThat(row(brief, "GDP").peer().labelZh()).isEqualTo("并列第3/7");
        assertThat(row(brief, "RETAIL_SALES").peer()).isNull();
        assertThat(row(brief, "BUDGET_REVENUE").priorYearGapPp()).isEqualByComparingTo("1.2");
    }

    @Test
    @DisplayName("An earlier month's ranks are footnoted as today's ranking of that month; the latest month's are not")
    void earlierMonthRankFootnote() {
        final RowExtras ranked = new RowExtras() {
            @Override
            public Optional<PeerRank> peer(final Progress progress) {
                return Optional.of(new PeerRank("shenzhen", 2, 4, false));
            }
        };
        final BriefBuilder builder = new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, ranked);

        final Brief may = builder.build("luohu", "罗湖区", "Luohu District", 2023, 5, BriefFixture.firstHalf());
        final Brief june = builder.build("luohu", "罗湖区", "Luohu District", 2023, 6, BriefFixture.firstHalf());

        assertThat(row(may, "BUDGET_REVENUE").peer().labelZh()).isEqualTo("第2/4");
        assertThat(may.footnotesZh()).contains("排名为各指标该月份的现行排名（按各地区最新数据），而非本期简报截止时的排名。");
        assertThat(june.footnotesZh()).noneSatisfy(f -> assertThat(f).contains("现行排名"));
        assertThat(BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 5, BriefFixture.firstHalf())
                .footnotesZh()).noneSatisfy(f -> assertThat(f).contains("现行排名"));
    }

    @Test
    @DisplayName("The recorded extras read the peer rank the ranking wrote on the record, and nothing where it wrote none")
    void recordedPeerRank() {
        final List<IndicatorFigures> figures = BriefFixture.firstHalf().stream().map(f -> f.indicator().code().equals("GDP")
                ? new IndicatorFigures(f.indicator(), f.latest().withPeers("shenzhen", new PeerRank("shenzhen", 2, 4, false)),
                        f.history(), f.vintages())
                : f).toList();

        final Brief brief = new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, RowExtras.RECORDED)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, figures);

        assertThat(row(brief, "GDP").peer().labelZh()).isEqualTo("第2/4");
        assertThat(row(brief, "RETAIL_SALES").peer()).isNull();
    }

    @Test
    @DisplayName("The recorded same-period pace: last year's share and the gap to it where last year is known, a footnote where the target's PRIOR_YEAR pace fell back")
    void recordedSamePeriod() {
        final Brief brief = BriefFixture.juneWithLastYear();

        final BriefRow revenue = row(brief, "BUDGET_REVENUE");
        // 70 of 2022's 120 亿元 by 1–6月; 60 of 127 this year is 47.24%
        assertThat(revenue.priorYearShare()).isCloseTo(new BigDecimal("0.583333"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(revenue.priorYearGapPp()).isCloseTo(new BigDecimal("-11.09"), org.assertj.core.data.Offset.offset(new BigDecimal("0.01")));
        assertThat(revenue.timeProgress()).isEqualByComparingTo("0.5");
        assertThat(revenue.priorYearFallback()).isFalse();
        final BriefRow investment = row(brief, "FIXED_ASSET_INVESTMENT");
        assertThat(investment.priorYearFallback()).isTrue();
        assertThat(investment.priorYearShare()).isNull();
        assertThat(investment.priorYearGapPp()).isNull();
        assertThat(row(brief, "GDP").priorYearShare()).isNull();
        assertThat(brief.footnotesZh()).contains("固定资产投资按上年同期进度评估，但上年同期数据不全，本期按序时进度评估。");
        assertThat(brief.footnotesEn()).anySatisfy(f -> assertThat(f).contains("last year's figures are incomplete"));
        assertThat(BriefFixture.june().footnotesZh()).noneSatisfy(f -> assertThat(f).contains("上年同期"));
    }

    @Test
    @DisplayName("A PRIOR_YEAR target judged on last year's curve: 序时进度 and its gap are linear, last year's share and gap in the same-period columns, the status on those, marked and footnoted")
    void judgedOnLastYear() {
        final Brief brief = BriefFixture.juneJudgedOnLastYear();

        final BriefRow investment = row(brief, "FIXED_ASSET_INVESTMENT");
        assertThat(investment.completionRatio()).isEqualByComparingTo("0.5789");
        assertThat(investment.timeProgress()).isEqualByComparingTo("0.5");
        assertThat(investment.gapPp()).isEqualByComparingTo("7.89");
        assertThat(investment.priorYearShare()).isEqualByComparingTo("0.6");
        assertThat(investment.priorYearGapPp()).isEqualByComparingTo("-2.11");
        // +7.89 against linear time progress would be ahead: the status is last year's verdict
        assertThat(investment.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(investment.judgedAgainst()).isEqualTo(PaceProfile.Kind.PRIOR_YEAR);
        assertThat(investment.statusGapPp()).isEqualByComparingTo("-2.11");
        assertThat(investment.statusLabelZh()).isEqualTo("预警（同期）");
        assertThat(investment.statusLabelEn()).isEqualTo("at risk (vs last year)");
        assertThat(investment.priorYearFallback()).isFalse();
        assertThat(brief.footnotesZh()).contains("固定资产投资状态按上年同期进度评估，序时进度%、差距列为按月序时进度。");
        assertThat(brief.footnotesEn()).contains("Fixed-asset investment: status judged against last year's same-period pace;"
                + " time progress and gap are linear.");
    }

    @Test
    @DisplayName("A seasonal target keeps its share in 序时进度, marked and footnoted, with last year's share beside it; the headline names the benchmark")
    void judgedOnTheSeasonalShare() {
        final Brief brief = BriefFixture.juneJudgedOnLastYear();

        final BriefRow revenue = row(brief, "BUDGET_REVENUE");
        assertThat(revenue.timeProgress()).isEqualByComparingTo("0.55");
        assertThat(revenue.gapPp()).isEqualByComparingTo("-7.76");
        assertThat(revenue.priorYearShare()).isEqualByComparingTo("0.583333");
        assertThat(revenue.priorYearGapPp()).isEqualByComparingTo("-11.09");
        assertThat(revenue.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(revenue.judgedAgainst()).isEqualTo(PaceProfile.Kind.SEASONAL);
        assertThat(revenue.statusLabelZh()).isEqualTo("滞后（季节）");
        assertThat(brief.footnotesZh()).contains("地方一般公共预算收入状态按季节性进度评估，序时进度%列为目标的季节性进度。");
        assertThat(brief.headline().weakest()).isEqualTo("BUDGET_REVENUE");
        assertThat(brief.headline().zh()).endsWith("地方一般公共预算收入完成进度低于季节性进度7.8个百分点，差距最大。");
        // growth rows are judged on their growth: no benchmark, no mark
        assertThat(row(brief, "RETAIL_SALES").judgedAgainst()).isNull();
        assertThat(row(brief, "RETAIL_SALES").statusLabelZh()).isEqualTo("正常");
    }

    @Test
    @DisplayName("Linear targets, and a PRIOR_YEAR target that fell back, are judged on 序时进度: unmarked, no benchmark footnote")
    void judgedOnTimeProgress() {
        final Brief brief = BriefFixture.juneWithLastYear();

        assertThat(row(brief, "BUDGET_REVENUE").judgedAgainst()).isEqualTo(PaceProfile.Kind.LINEAR);
        assertThat(row(brief, "FIXED_ASSET_INVESTMENT").judgedAgainst()).isEqualTo(PaceProfile.Kind.LINEAR);
        assertThat(row(brief, "FIXED_ASSET_INVESTMENT").statusLabelZh()).isEqualTo(row(brief, "FIXED_ASSET_INVESTMENT").status().labelZh());
        assertThat(brief.footnotesZh()).noneSatisfy(f -> assertThat(f).contains("状态按"));
    }

    @Test
    @DisplayName("Last year's share a status was judged on is shown even where the extras carry no same-period figures")
    void judgedOnLastYearWithoutExtras() {
        final BriefRow investment = row(BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null,
                BriefFixture.firstHalfJudgedOnLastYear()), "FIXED_ASSET_INVESTMENT");

        assertThat(investment.priorYearShare()).isEqualByComparingTo("0.6");
        assertThat(investment.priorYearGapPp()).isEqualByComparingTo("-2.11");
        assertThat(investment.timeProgress()).isEqualByComparingTo("0.5");
    }

    @Test
    @DisplayName("In December every benchmark is the whole year: a seasonal row with last year known reads as time progress, unmarked")
    void decemberReadsAsTimeProgress() {
        final IndicatorFigures revenue = BriefFixture.figures("BUDGET_REVENUE", Targets.budgetRevenue127()
                        .seasonal("0.08", "0.18", "0.28", "0.37", "0.46", "0.55", "0.63", "0.71", "0.79", "0.86", "0.93", "1")
                        .build(), BriefFixture.lastYear("BUDGET_REVENUE", 12, BriefFixture.REVENUE_2022),
                Instant.parse("2024-01-20T00:00:00Z"), ReleaseCalendar.NONE,
                Releases.budgetRevenue().cumulativeThrough(12).value("120").build());
        final BriefRow row = row(new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, RowExtras.RECORDED)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, List.of(revenue)), "BUDGET_REVENUE");

        assertThat(row.timeProgress()).isEqualByComparingTo("1");
        assertThat(row.priorYearShare()).isEqualByComparingTo("1");
        assertThat(row.judgedAgainst()).isEqualTo(PaceProfile.Kind.LINEAR);
    }

    @Test
    @DisplayName("No figures at all is refused rather than an empty brief")
    void noFigures() {
        assertThatThrownBy(() -> BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no figures");
    }

    @Test
    @DisplayName("The cut-off is the 20th of the following month at 09:00 Beijing time; December's falls in January")
    void cutoff() {
        assertThat(BriefSchedule.DEFAULT.cutoff(2023, 6)).isEqualTo(Instant.parse("2023-07-20T01:00:00Z"));
        assertThat(BriefSchedule.DEFAULT.cutoff(2023, 12)).isEqualTo(Instant.parse("2024-01-20T01:00:00Z"));
        assertThat(BriefSchedule.DEFAULT.previousCutoff(2023, 2)).isEqualTo(Instant.MIN);
    }
}
