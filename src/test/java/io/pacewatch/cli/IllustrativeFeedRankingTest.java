package io.pacewatch.cli;

import static io.pacewatch.domain.StatusThresholds.AMOUNT_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.PeerStanding;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's invented sibling districts give every indicator's ranking real peers: the feed, last
 * year's figures and both target files judged by the real evaluator and ranked by the real rules, as
 * the stream does.
 */
class IllustrativeFeedRankingTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final RegionCatalogue REGIONS = CatalogueLoader.bundledRegions();
    private static final List<String> INDICATORS = List.of("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT",
            "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");

    @Test
    void everyIndicatorRanksLuohuAmongFourDistrictsOfShenzhenAtTheYearEnd() throws Exception {
        final Map<SeriesKey, SeriesEvaluation> judged = judgeTheFeed();

        for (final String indicator : INDICATORS) {
            final Map<String, PeerStanding> standings = new LinkedHashMap<>();
            judged.forEach((series, evaluation) -> {
                if (series.indicator().equals(indicator)) {
                    standings.put(series.region(), PeerStanding.of(evaluation.latest()));
                }
            });
            final PeerRanking ranking = PeerRanking.rank(REGIONS, "shenzhen", indicator, 2023, 12, standings);
            assertThat(ranking.ranked()).as(indicator).isEqualTo(4);
            assertThat(ranking.entries()).as(indicator).hasSize(10);
            assertThat(ranking.ranks()).as(indicator).containsKeys("luohu", "futian", "nanshan", "yantian");
            if (indicator.equals("INDUSTRIAL_VALUE_ADDED")) {
                // yantian is level with luohu on industrial growth: the demo shows a tie (并列)
                assertThat(ranking.ranks().get("luohu").tied()).isTrue();
                assertThat(ranking.ranks().get("yantian")).isEqualTo(ranking.ranks().get("luohu"));
            }
        }
    }

    /**
     * futian's invented revenue target names PRIOR_YEAR, so the demo runs same-period pace for real:
     * judged on futian's invented 2022 shares (52.5, 72, 93.5, 110, 130, 146, 164, 186, 205.5, 223 of
     * 250 亿元), which put it on another status than linear time progress in five months. Completion is
     * the 2023 amount over 260, to four places; each gap is completion − share, in points.
     */
    @Test
    void futiansRevenueIsJudgedOnLastYearsSamePeriodShareAndDiffersFromTimeProgress() throws Exception {
        final List<Progress> months = judgeTheFeed().get(new SeriesKey("futian", "BUDGET_REVENUE", 2023)).history()
                .stream().map(SeriesEvaluation.PeriodProgress::progress).toList();

        assertThat(months).extracting(Progress::asOfMonth).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(months).allSatisfy(p -> {
            assertThat(p.priorYearFallback()).isNull();
            // the status is judged on last year's share, which the record carries as its time progress
            assertThat(p.timeProgress()).isEqualByComparingTo(p.priorYearShare());
            assertThat(p.gapPp()).isEqualByComparingTo(p.priorYearGapPp());
            assertThat(p.linearTimeProgress()).isNotNull();
            assertThat(p.messageZh()).contains("上年同期进度").contains("序时进度");
        });
        // 1-2月: 50.4/260 = 19.38% against last year's 52.5/250 = 21.0% → -1.62 (at risk); linear 16.67% → +2.71
        assertThat(months.get(0).priorYearShare()).isEqualByComparingTo("0.21");
        assertThat(months.get(0).gapPp()).isEqualByComparingTo("-1.62");
        assertThat(months.get(0).linearGapPp()).isEqualByComparingTo("2.71");
        // 1-6月: 45.23% against 130/250 = 52.0% → -6.77 (behind); linear 50% → -4.77 (at risk)
        assertThat(months.get(4).gapPp()).isEqualByComparingTo("-6.77");
        assertThat(months.get(4).linearGapPp()).isEqualByComparingTo("-4.77");
        // 1-8月: 61.38% against 164/250 = 65.6% → -4.22 (at risk); linear 66.67% → -5.29 (behind)
        assertThat(months.get(6).gapPp()).isEqualByComparingTo("-4.22");
        assertThat(months.get(6).linearGapPp()).isEqualByComparingTo("-5.29");
        // 1-11月: 89.65% against 223/250 = 89.2% → +0.45 (on pace); linear 91.67% → -2.02 (at risk)
        assertThat(months.get(9).gapPp()).isEqualByComparingTo("0.45");
        assertThat(months.get(9).linearGapPp()).isEqualByComparingTo("-2.02");
        assertThat(months).extracting(Progress::status).containsExactly(PaceStatus.AT_RISK, PaceStatus.AT_RISK,
                PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.BEHIND, PaceStatus.BEHIND, PaceStatus.AT_RISK,
                PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.ON_PACE, PaceStatus.ON_PACE);
        // what time progress would have said: on pace in spring, at risk in June, behind in August, at risk in November
        assertThat(months).extracting(p -> AMOUNT_DEFAULT.classify(p.linearGapPp())).containsExactly(
                PaceStatus.ON_PACE, PaceStatus.ON_PACE, PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.AT_RISK,
                PaceStatus.BEHIND, PaceStatus.BEHIND, PaceStatus.AT_RISK, PaceStatus.AT_RISK, PaceStatus.AT_RISK,
                PaceStatus.ON_PACE);
    }

    @Test
    void theSiblingsAreMarkedInventedAndKeptOutOfTheSeedsTargets() throws Exception {
        final List<String> feed = IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_FEED);
        assertThat(feed.stream().filter(l -> l.startsWith("{") && !l.contains("\"region\": \"luohu\"")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("ILLUSTRATIVE").contains("invented"));
        assertThat(IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_TARGETS)).allSatisfy(line ->
                assertThat(line).contains("\"region\": \"luohu\""));
        assertThat(IllustrativeFeed.bundled(IllustrativeFeed.SIBLING_TARGETS)).hasSize(15).allSatisfy(line ->
                assertThat(line).contains("ILLUSTRATIVE").doesNotContain("\"region\": \"luohu\""));
        assertThat(IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_PRIOR_YEAR).stream()
                .filter(l -> l.startsWith("{") && !l.contains("\"region\": \"luohu\"")))
                .hasSize(11)
                .allSatisfy(line -> assertThat(line).contains("\"region\": \"futian\"").contains("ILLUSTRATIVE")
                        .contains("invented"));
    }

    /** Every series of the feed judged at the end of the year, with last year's curve where the 2022 file has one. */
    private static Map<SeriesKey, SeriesEvaluation> judgeTheFeed() throws Exception {
        final Map<SeriesKey, ReleaseHistory> histories = histories(IllustrativeFeed.BUNDLED_FEED);
        final Map<SeriesKey, ReleaseHistory> lastYear = histories(IllustrativeFeed.BUNDLED_PRIOR_YEAR);
        final Map<SeriesKey, Target> targets = new HashMap<>();
        for (final String resource : List.of(IllustrativeFeed.BUNDLED_TARGETS, IllustrativeFeed.SIBLING_TARGETS)) {
            for (final String line : IllustrativeFeed.bundled(resource)) {
                final Target target = CODEC.target(line.getBytes(StandardCharsets.UTF_8));
                targets.put(target.series(), target);
            }
        }
        final SeriesEvaluator evaluator = new SeriesEvaluator(CatalogueLoader.bundled(), REGIONS, CalendarLoader.bundled());
        final Instant later = Instant.parse("2030-01-01T00:00:00Z");
        final Map<SeriesKey, SeriesEvaluation> judged = new HashMap<>();
        histories.forEach((series, history) -> {
            final SeriesKey previous = new SeriesKey(series.region(), series.indicator(), series.year() - 1);
            final CumulativeCurve priorYear = evaluator.cumulativeCurve(previous, lastYear.get(previous), later)
                    .orElse(null);
            judged.put(series, evaluator.evaluate(series, history, targets.get(series), priorYear, later, 1)
                    .orElseThrow());
        });
        return judged;
    }

    private static Map<SeriesKey, ReleaseHistory> histories(final String resource) throws Exception {
        final Map<SeriesKey, ReleaseHistory> histories = new HashMap<>();
        for (final String line : IllustrativeFeed.bundled(resource)) {
            if (line.startsWith("{")) {
                final Release release = CODEC.release(line.getBytes(StandardCharsets.UTF_8));
                histories.merge(release.series(), ReleaseHistory.EMPTY.with(release), (a, b) -> a.with(release));
            }
        }
        return histories;
    }
}
