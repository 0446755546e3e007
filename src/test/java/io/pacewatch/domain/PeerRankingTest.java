package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerRankingTest {

    private static final RegionCatalogue CITY = new RegionCatalogue(List.of(
            new Region("city", "某市", "A City", RegionLevel.CITY, null),
            new Region("a", "甲区", "A District", RegionLevel.DISTRICT, "city"),
            new Region("b", "乙区", "B District", RegionLevel.DISTRICT, "city"),
            new Region("c", "丙区", "C District", RegionLevel.DISTRICT, "city"),
            new Region("d", "丁区", "D District", RegionLevel.DISTRICT, "city"),
            new Region("other", "外市", "Other City", RegionLevel.CITY, null),
            new Region("x", "戊区", "X District", RegionLevel.DISTRICT, "other")));

    @Test
    void growthTargetsRankByCumulativeGrowthHighestFirst() {
        final PeerRanking ranking = rank(growth("a", "5.1"), growth("b", "7.3"), growth("c", "-0.4"), growth("d", "6.0"));

        assertThat(ranking.basis()).isEqualTo(RankBasis.CUMULATIVE_GROWTH);
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::region).containsExactly("b", "d", "a", "c");
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::rank).containsExactly(1, 2, 3, 4);
        assertThat(ranking.ranked()).isEqualTo(4);
        assertThat(ranking.entries().get(0).value()).isEqualByComparingTo("7.3");
        assertThat(ranking.entries().get(0).regionNameZh()).isEqualTo("乙区");
        assertThat(ranking.period()).isEqualTo("2023-Q1");
    }

    @Test
    void amountTargetsRankByThePaceGapNotByGrowth() {
        // b grows fastest but is furthest behind its amount target's time progress
        final PeerRanking ranking = rank(amount("a", "9.0", "1.5"), amount("b", "12.0", "-3.2"), amount("c", "2.0", "0.4"));

        assertThat(ranking.basis()).isEqualTo(RankBasis.PACE_GAP);
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::region).containsExactly("a", "c", "b", "d");
        assertThat(ranking.entries().get(2).value()).isEqualByComparingTo("-3.2");
    }

    @Test
    void oneAmountTargetInTheGroupRanksEveryoneByThePaceGap() {
        final PeerRanking ranking = rank(growth("a", "6.2"), amount("b", "1.0", "0.5"));

        assertThat(ranking.basis()).isEqualTo(RankBasis.PACE_GAP);
        // a grows faster, but b is further ahead of its pace: a's growth target has a gap too (6.2 − 6 = 0.2)
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::region).startsWith("b", "a");
    }

    @Test
    void equalFiguresShareARankAndTheNextRankSkips() {
        final PeerRanking ranking = rank(growth("a", "6.0"), growth("b", "6.50"), growth("c", "6.5"), growth("d", "4.0"));

        assertThat(ranking.entries()).extracting(PeerRanking.Entry::rank).containsExactly(1, 1, 3, 4);
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::tied).containsExactly(true, true, false, false);
        assertThat(ranking.ranks().get("c")).isEqualTo(new PeerRank("city", 1, 4, true));
        assertThat(ranking.ranks().get("c").labelZh()).isEqualTo("并列第1/4");
        assertThat(ranking.ranks().get("a").labelZh()).isEqualTo("第3/4");
        assertThat(ranking.ranks().get("a").labelEn()).isEqualTo("3 of 4");
    }

    @Test
    void regionsWithoutTheFigureAreListedLastAndNotRanked() {
        // c has a standing but no growth published; d has nothing at all this month
        final PeerRanking ranking = rank(growth("a", "3.0"), growth("c", null), growth("b", "4.0"));

        assertThat(ranking.entries()).extracting(PeerRanking.Entry::region).containsExactly("b", "a", "c", "d");
        assertThat(ranking.entries()).extracting(PeerRanking.Entry::rank).containsExactly(1, 2, null, null);
        assertThat(ranking.ranked()).isEqualTo(2);
        assertThat(ranking.entries().get(3).status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(ranking.ranks()).containsOnlyKeys("a", "b");
    }

    @Test
    void worstFirstReversesTheRankedRegionsAndKeepsTheUnrankedLast() {
        final PeerRanking ranking = rank(growth("a", "3.0"), growth("b", "4.0"), growth("c", "1.0"));

        assertThat(ranking.inOrder(PeerRanking.Order.WORST_FIRST)).extracting(PeerRanking.Entry::region)
                .containsExactly("c", "a", "b", "d");
        assertThat(ranking.inOrder(PeerRanking.Order.BEST_FIRST)).extracting(PeerRanking.Entry::region)
                .containsExactly("b", "a", "c", "d");
    }

    @Test
    void aRegionTheCatalogueNoLongerPutsUnderTheParentDropsOut() {
        final Map<String, PeerStanding> standings = standings(growth("a", "3.0"), growth("x", "9.0"));

        final PeerRanking ranking = PeerRanking.rank(CITY, "city", "gdp", 2023, 3, standings);

        assertThat(ranking.entries()).extracting(PeerRanking.Entry::region).containsExactly("a", "b", "c", "d");
        assertThat(ranking.ranked()).isEqualTo(1);
    }

    private static PeerRanking rank(final PeerStanding... standings) {
        return PeerRanking.rank(CITY, "city", "gdp", 2023, 3, standings(standings));
    }

    private static Map<String, PeerStanding> standings(final PeerStanding... standings) {
        final Map<String, PeerStanding> byRegion = new LinkedHashMap<>();
        for (final PeerStanding s : standings) {
            byRegion.put(s.region(), s);
        }
        return byRegion;
    }

    private static PeerStanding growth(final String region, final String growth) {
        return new PeerStanding(region, TargetKind.GROWTH, growth == null ? null : new BigDecimal(growth),
                growth == null ? null : new BigDecimal(growth).subtract(new BigDecimal("6")), PaceStatus.ON_PACE);
    }

    private static PeerStanding amount(final String region, final String growth, final String gap) {
        return new PeerStanding(region, TargetKind.AMOUNT, new BigDecimal(growth), new BigDecimal(gap), PaceStatus.AT_RISK);
    }
}
