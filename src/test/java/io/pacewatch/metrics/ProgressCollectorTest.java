package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDateCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.pacewatch.domain.CumulativeCurve;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-series gauges and the indicator info as /metrics serves them: a Micrometer registry scraped as text. */
class ProgressCollectorTest {

    /** 60 亿元 in 1-6月 against 127 亿元: 47.24% done, 2.76 pp behind time progress, at risk. */
    private static final Progress REVENUE = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("60").build());
    /** Retail sales 4.2% against a 5.0% growth target: 0.8 pp behind. */
    private static final Progress RETAIL = assess("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(),
            Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build());

    private final List<Progress> series = new ArrayList<>(List.of(REVENUE, RETAIL));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ProgressCollectorTest() {
        registry.getPrometheusRegistry().register(new ProgressCollector(() -> List.copyOf(series)));
        registry.getPrometheusRegistry().register(new IndicatorInfoCollector(Releases.CATALOGUE));
    }

    @Test
    @DisplayName("an amount target: amounts in yuan, shares and the completion gap as ratios, no growth gauges")
    void amountTarget() {
        final String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "pacewatch_ytd_amount_yuan", "BUDGET_REVENUE")).hasValue(6.0e9);
        assertThat(Scrapes.value(scrape, "pacewatch_target_amount_yuan", "BUDGET_REVENUE")).hasValue(1.27e10);
        assertThat(Scrapes.value(scrape, "pacewatch_expected_at_pace_amount_yuan", "BUDGET_REVENUE")).hasValue(6.35e9);
        assertThat(Scrapes.value(scrape, "pacewatch_completion_ratio", "BUDGET_REVENUE")).hasValue(0.4724);
        assertThat(Scrapes.value(scrape, "pacewatch_time_progress_ratio", "BUDGET_REVENUE")).hasValue(0.5);
        assertThat(Scrapes.value(scrape, "pacewatch_completion_gap_ratio", "BUDGET_REVENUE")).hasValue(-0.0276);
        assertThat(Scrapes.value(scrape, "pacewatch_pace_status", "BUDGET_REVENUE")).hasValue(2.0);
        assertThat(Scrapes.value(scrape, "pacewatch_release_overdue", "BUDGET_REVENUE")).hasValue(0.0);
        assertThat(Scrapes.value(scrape, "pacewatch_growth_gap_ratio", "BUDGET_REVENUE")).isEmpty();
        assertThat(Scrapes.value(scrape, "pacewatch_target_growth_ratio", "BUDGET_REVENUE")).isEmpty();
        assertThat(Scrapes.value(scrape, "pacewatch_prior_year_gap_ratio", "BUDGET_REVENUE"))
                .as("no prior year known for this series").isEmpty();
    }

    @Test
    @DisplayName("a ranked series exports its peer rank and count labelled with its parent; an unranked one exports neither")
    void peerRank() {
        series.set(1, RETAIL.withPeers("shenzhen", new io.pacewatch.domain.PeerRank("shenzhen", 3, 10, true)));

        final String scrape = registry.scrape();

        assertThat(scrape).contains("pacewatch_peer_rank{indicator=\"RETAIL_SALES\",parent=\"shenzhen\",region=\"luohu\",year=\"2023\"} 3.0");
        assertThat(Scrapes.value(scrape, "pacewatch_peer_count", "RETAIL_SALES")).hasValue(10.0);
        assertThat(Scrapes.value(scrape, "pacewatch_peer_rank", "BUDGET_REVENUE")).isEmpty();
        // the other gauges keep the series' own labels only
        assertThat(scrape).contains("pacewatch_cumulative_growth_ratio{indicator=\"RETAIL_SALES\",region=\"luohu\",year=\"2023\"}");
    }

    @Test
    @DisplayName("a growth target: target, growth and gap as ratios, no amount target, no completion gap")
    void growthTarget() {
        final String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "pacewatch_target_growth_ratio", "RETAIL_SALES")).hasValue(0.05);
        assertThat(Scrapes.value(scrape, "pacewatch_cumulative_growth_ratio", "RETAIL_SALES")).hasValue(0.042);
        assertThat(Scrapes.value(scrape, "pacewatch_growth_gap_ratio", "RETAIL_SALES"))
                .hasValueSatisfying(v -> assertThat(v).isCloseTo(-0.008, within(1e-12)));
        assertThat(Scrapes.value(scrape, "pacewatch_ytd_amount_yuan", "RETAIL_SALES")).hasValue(2.0e10);
        assertThat(Scrapes.value(scrape, "pacewatch_target_amount_yuan", "RETAIL_SALES")).isEmpty();
        assertThat(Scrapes.value(scrape, "pacewatch_expected_at_pace_amount_yuan", "RETAIL_SALES")).isEmpty();
        assertThat(Scrapes.value(scrape, "pacewatch_completion_gap_ratio", "RETAIL_SALES")).isEmpty();
    }

    @Test
    @DisplayName("per-series gauges carry region, indicator and year only; pacewatch_indicator_info carries names and unit")
    void namesOnlyOnTheInfoMetric() {
        final String scrape = registry.scrape();

        assertThat(scrape).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\"luohu\",year=\"2023\"} ");
        assertThat(scrape).doesNotContainPattern("pacewatch_(?!indicator_info)[a-z_]+\\{[^}]*(indicator_name|unit)=");
        assertThat(scrape).contains("pacewatch_indicator_info{indicator=\"BUDGET_REVENUE\","
                + "indicator_name=\"Local general public budget revenue\",indicator_name_zh=\"地方一般公共预算收入\","
                + "unit=\"亿元\"} 1");
        assertThat(scrape.lines().filter(l -> l.startsWith("pacewatch_indicator_info{")).count())
                .isEqualTo(Releases.CATALOGUE.all().size());
    }

    @Test
    @DisplayName("while a release is overdue the status stays the last judged one and the overdue gauge is 1")
    void overdue() {
        series.set(0, overdue(REVENUE));

        final String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "pacewatch_pace_status", "BUDGET_REVENUE")).hasValue(2.0);
        assertThat(Scrapes.value(scrape, "pacewatch_release_overdue", "BUDGET_REVENUE")).hasValue(1.0);
        assertThat(Scrapes.value(scrape, "pacewatch_release_overdue", "RETAIL_SALES")).hasValue(0.0);
    }

    @Test
    @DisplayName("last year known: the gap to last year's same-period share is a ratio beside the completion gap")
    void priorYearGap() {
        // given: 163 of 380 亿元 by 1–6月, last year 126 of 300 by then (42%)
        final CumulativeCurve lastYear = new CumulativeCurve(2022, List.of(
                new CumulativeCurve.Point(6, new java.math.BigDecimal("126")),
                new CumulativeCurve.Point(12, new java.math.BigDecimal("300"))), Instant.parse("2023-01-20T01:30:00Z"));
        series.add(PaceAssessor.assess(Releases.indicator("FIXED_ASSET_INVESTMENT"), null,
                Releases.series("FIXED_ASSET_INVESTMENT"), Targets.amount("FIXED_ASSET_INVESTMENT", "380").build(),
                YearToDateCalculator.asOf(List.of(Releases.fixedAssetInvestment().cumulativeThrough(6).value("163").build()), 12),
                lastYear, Instant.parse("2023-07-15T01:30:00Z")));

        // when
        final String scrape = registry.scrape();

        // then
        assertThat(Scrapes.value(scrape, "pacewatch_prior_year_gap_ratio", "FIXED_ASSET_INVESTMENT")).hasValue(0.0089);
        assertThat(Scrapes.value(scrape, "pacewatch_completion_gap_ratio", "FIXED_ASSET_INVESTMENT")).hasValue(-0.0711);
    }

    @Test
    @DisplayName("with no local series (none held, or the stores rebalancing) the gauges have no series, the info stays")
    void noSeries() {
        series.clear();

        final String scrape = registry.scrape();

        assertThat(scrape).doesNotContain("pacewatch_pace_status{");
        assertThat(scrape).contains("pacewatch_indicator_info{indicator=\"GDP\"");
    }

    private static Progress assess(final String indicator, final Target target, final Release... releases) {
        final List<Release> latest = Releases.history(releases).latestPerSlot(Releases.LATER);
        return PaceAssessor.assess(Releases.indicator(indicator), Releases.series(indicator), target,
                YearToDateCalculator.asOf(latest, 12), Instant.parse("2023-07-15T01:30:00Z"));
    }

    /** The same standing marked overdue, as the evaluator marks it when a release is past due. */
    private static Progress overdue(final Progress p) {
        return new Progress(p.region(), p.indicator(), p.indicatorNameZh(), p.indicatorNameEn(), p.year(), p.asOfMonth(),
                p.asOfPeriod(), PaceStatus.OVERDUE, p.judgedStatus(), p.judgedOn(), p.unit(), p.ytdValue(),
                p.cumulativeGrowthPercent(), p.targetKind(), p.targetValue(), p.impliedTargetGrowthPercent(),
                p.expectedAtPace(), p.completionRatio(), p.timeProgress(), p.gapPp(), p.projectedYearEnd(),
                p.remainingToTarget(), p.requiredRestOfYearGrowthPercent(), p.missingMonths(), p.releaseVersions(),
                p.targetPublishedAt(), p.updatedAt(), p.messageZh(), p.messageEn(), p.regionNameZh(), p.regionNameEn(),
                null, null, null, null,
                p.priorYearShare(), p.priorYearGapPp(), p.linearTimeProgress(), p.linearGapPp(), p.priorYearFallback());
    }
}
