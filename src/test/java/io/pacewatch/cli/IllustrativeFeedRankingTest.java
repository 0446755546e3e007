package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.PeerStanding;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
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
 * The demo's invented sibling districts give every indicator's ranking real peers: the feed and both
 * target files judged by the real evaluator and ranked by the real rules, as the stream does.
 */
class IllustrativeFeedRankingTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final RegionCatalogue REGIONS = CatalogueLoader.bundledRegions();
    private static final List<String> INDICATORS = List.of("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT",
            "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");

    @Test
    void everyIndicatorRanksLuohuAmongFourDistrictsOfShenzhenAtTheYearEnd() throws Exception {
        final Map<SeriesKey, Progress> latest = judgeTheFeed();

        for (final String indicator : INDICATORS) {
            final Map<String, PeerStanding> standings = new LinkedHashMap<>();
            latest.forEach((series, progress) -> {
                if (series.indicator().equals(indicator)) {
                    standings.put(series.region(), PeerStanding.of(progress));
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
    }

    private static Map<SeriesKey, Progress> judgeTheFeed() throws Exception {
        final Map<SeriesKey, ReleaseHistory> histories = new HashMap<>();
        for (final String line : IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_FEED)) {
            if (line.startsWith("{")) {
                final Release release = CODEC.release(line.getBytes(StandardCharsets.UTF_8));
                histories.merge(release.series(), ReleaseHistory.EMPTY.with(release), (a, b) -> a.with(release));
            }
        }
        final Map<SeriesKey, Target> targets = new HashMap<>();
        for (final String resource : List.of(IllustrativeFeed.BUNDLED_TARGETS, IllustrativeFeed.SIBLING_TARGETS)) {
            for (final String line : IllustrativeFeed.bundled(resource)) {
                final Target target = CODEC.target(line.getBytes(StandardCharsets.UTF_8));
                targets.put(target.series(), target);
            }
        }
        final SeriesEvaluator evaluator = new SeriesEvaluator(CatalogueLoader.bundled(), REGIONS, CalendarLoader.bundled());
        final Instant later = Instant.parse("2030-01-01T00:00:00Z");
        final Map<SeriesKey, Progress> latest = new HashMap<>();
        histories.forEach((series, history) -> latest.put(series,
                evaluator.evaluate(series, history, targets.get(series), later).orElseThrow().latest()));
        return latest;
    }
}
