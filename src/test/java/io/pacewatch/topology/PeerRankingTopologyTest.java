package io.pacewatch.topology;

import io.pacewatch.wire.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.RegionLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Three districts of one city ranked in the stream, their ranks back on their progress records. */
class PeerRankingTopologyTest {

    private static final String IVA = "INDUSTRIAL_VALUE_ADDED";
    private static final String GROUP = "city|" + IVA + "|2023";
    private static final String Q1 = "2023-Q1";
    private static final String APRIL = "2023-01-01/P4M";

    private static final Region CITY = new Region("city", "某市", "A City", RegionLevel.CITY, null);
    private static final Region OTHER = new Region("other", "外市", "Other City", RegionLevel.CITY, null);
    private static final RegionCatalogue CATALOGUE = new RegionCatalogue(List.of(CITY, OTHER,
            district("a", "city"), district("b", "city"), district("d", "city"), district("e", "other")));
    /** The same, with d moved to the other city. */
    private static final RegionCatalogue MOVED = new RegionCatalogue(List.of(CITY, OTHER,
            district("a", "city"), district("b", "city"), district("d", "other"), district("e", "other")));

    private final List<TopologyHarness> harnesses = new java.util.ArrayList<>();
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private final Map<String, PeerRanking> rankings = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        harnesses.forEach(TopologyHarness::close);
    }

    @Test
    @DisplayName("three districts are ranked by growth, and each progress record carries its rank")
    void threeDistrictsAreRankedAndTheirRecordsCarryTheRank() {
        final TopologyHarness h = start(CATALOGUE);
        threeDistrictsInMarch(h);

        final PeerRanking latest = rankings.get(GROUP);
        assertThat(latest.entries()).extracting(PeerRanking.Entry::region).containsExactly("b", "a", "d");
        assertThat(latest.entries()).extracting(PeerRanking.Entry::rank).containsExactly(1, 2, 3);
        assertThat(rankings.get(GROUP + "|" + Q1)).isEqualTo(latest);
        assertRank("a|" + IVA + "|2023", 2, 3, false);
        assertRank("a|" + IVA + "|2023|" + Q1, 2, 3, false);
        assertRank("b|" + IVA + "|2023", 1, 3, false);
        assertRank("d|" + IVA + "|2023", 3, 3, false);
        assertThat(progress.get("a|" + IVA + "|2023").peerGroup()).isEqualTo("city");
    }

    @Test
    @DisplayName("a revision reorders the group; the records whose rank changed are republished once, and the loop ends")
    void aChangeReordersTheGroup() {
        final TopologyHarness h = start(CATALOGUE);
        threeDistrictsInMarch(h);

        growth(h, "d", "2023-03", "7.00");
        final List<KeyValue<String, Progress>> updates = h.progressUpdates();

        // d's own figure changed, then its rank; b's rank (tied now) and a's (3rd) changed: nothing else is sent
        assertThat(updates).extracting(kv -> kv.key).containsExactlyInAnyOrder(
                "d|" + IVA + "|2023", "d|" + IVA + "|2023|" + Q1,
                "d|" + IVA + "|2023", "d|" + IVA + "|2023|" + Q1,
                "b|" + IVA + "|2023", "b|" + IVA + "|2023|" + Q1,
                "a|" + IVA + "|2023", "a|" + IVA + "|2023|" + Q1);
        updates.forEach(kv -> progress.put(kv.key, kv.value));
        readRankings(h);
        assertRank("b|" + IVA + "|2023", 1, 3, true);
        assertRank("d|" + IVA + "|2023", 1, 3, true);
        assertRank("a|" + IVA + "|2023", 3, 3, false);
        assertThat(rankings.get(GROUP).entries()).extracting(PeerRanking.Entry::region).containsExactly("b", "d", "a");
    }

    @Test
    @DisplayName("a series' records never go back in time, though a rank arrives stamped later than its next own release")
    void aSeriesRecordsKeepTheirTimestampsInOrder() {
        final TopologyHarness h = start(CATALOGUE);
        growth(h, "a", "2023-03", "5.0");
        growth(h, "b", "2023-03", "7.0");
        // b's revision, published 20 June, moves a's rank: a's records are republished with it
        h.releaseOf("b", IVA, "2023-03", "CUMULATIVE", null, "4.0", "2023-06-20T09:00:00+08:00", null);
        // then a's own revision, published earlier (1 June) but arriving later
        h.releaseOf("a", IVA, "2023-03", "CUMULATIVE", null, "5.5", "2023-06-01T09:00:00+08:00", null);

        final Map<String, List<Long>> stamps = new LinkedHashMap<>();
        h.progress.readRecordsToList().forEach(r -> stamps.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>())
                .add(r.timestamp()));
        final List<Long> latestOfA = stamps.get("a|" + IVA + "|2023");
        assertThat(latestOfA).hasSizeGreaterThanOrEqualTo(3);
        stamps.forEach((key, times) -> assertThat(times).as(key).isSortedAccordingTo(Long::compare));
    }

    @Test
    @DisplayName("a district without the figure is listed last and not ranked")
    void aDistrictWithoutDataIsListedLast() {
        final TopologyHarness h = start(CATALOGUE);
        growth(h, "a", "2023-03", "5.0");
        growth(h, "b", "2023-03", "7.0");
        read(h);

        final PeerRanking latest = rankings.get(GROUP);
        assertThat(latest.entries()).extracting(PeerRanking.Entry::region).containsExactly("b", "a", "d");
        assertThat(latest.entries()).extracting(PeerRanking.Entry::rank).containsExactly(1, 2, null);
        assertThat(latest.ranked()).isEqualTo(2);
        assertRank("a|" + IVA + "|2023", 2, 2, false);
    }

    @Test
    @DisplayName("a region moved to another parent in the catalogue moves at the next change")
    void aRegionMovedInTheCatalogueMovesAtTheNextChange() {
        final TopologyHarness before = start(CATALOGUE);
        threeDistrictsInMarch(before);
        assertRank("d|" + IVA + "|2023|" + Q1, 3, 3, false);

        // A new build with d under "other", over the state the first one left.
        final TopologyHarness after = start(MOVED);
        after.takeStateFrom(before);
        growth(after, "d", "2023-04", "3.0");
        read(after);
        assertThat(rankings.get("other|" + IVA + "|2023").entries())
                .extracting(PeerRanking.Entry::region, PeerRanking.Entry::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d", 1), org.assertj.core.groups.Tuple.tuple("e", null));
        assertThat(progress.get("d|" + IVA + "|2023").peerGroup()).isEqualTo("other");
        assertRank("d|" + IVA + "|2023", 1, 1, false);

        // The city's next change drops d from its March ranking; d's March record follows it to "other".
        growth(after, "a", "2023-04", "4.0");
        read(after);
        assertThat(rankings.get(GROUP + "|" + Q1).entries()).extracting(PeerRanking.Entry::region)
                .containsExactly("b", "a");
        assertRank("a|" + IVA + "|2023|" + Q1, 2, 2, false);
        assertThat(progress.get("d|" + IVA + "|2023|" + Q1).peerGroup()).isEqualTo("other");
        assertRank("d|" + IVA + "|2023|" + Q1, 1, 1, false);
        assertThat(rankings.get("other|" + IVA + "|2023|" + Q1).entries()).extracting(PeerRanking.Entry::region)
                .containsExactly("d", "e");
    }

    @Test
    @DisplayName("records on the peer-ranks topic that no ranking could send are dead-lettered; the ranks stay as the group sent them")
    void strayPeerRankRecordsAreDeadLettered() {
        final TopologyHarness h = start(CATALOGUE);
        threeDistrictsInMarch(h);

        final TestInputTopic<String, String> ranks = h.driver.createInputTopic(Topics.PEER_RANKS,
                Serdes.String().serializer(), Serdes.String().serializer());
        final String key = "a|" + IVA + "|2023|" + Q1;
        ranks.pipeInput(key, "{not json");
        ranks.pipeInput(key, "{\"parent\":\"city\",\"month\":99,\"rank\":null}");
        ranks.pipeInput(key, "{\"parent\":\"city\",\"month\":3,\"rank\":{\"parent\":\"city\",\"rank\":4,\"count\":3,\"tied\":false}}");
        ranks.pipeInput(key, "{\"parent\":\"other\",\"month\":3,\"rank\":{\"parent\":\"city\",\"rank\":1,\"count\":3,\"tied\":false}}");
        assertThat(h.events.seen).filteredOn(e -> e.startsWith("rejected " + Topics.PEER_RANKS)).hasSize(4);

        // The stream goes on: a's own next figure is judged and still carries the rank the group gave it.
        growth(h, "a", "2023-03", "5.1");
        read(h);
        assertRank("a|" + IVA + "|2023", 2, 3, false);
    }

    private TopologyHarness start(final RegionCatalogue regions) {
        final TopologyHarness h = new TopologyHarness(regions);
        harnesses.add(h);
        return h;
    }

    /** March in the city: b 7.0, a 5.0, d 2.0 (ranks 1, 2, 3), read. */
    private void threeDistrictsInMarch(final TopologyHarness h) {
        growth(h, "a", "2023-03", "5.0");
        growth(h, "b", "2023-03", "7.0");
        growth(h, "d", "2023-03", "2.0");
        read(h);
    }

    private static void growth(final TopologyHarness h, final String region, final String period, final String growth) {
        h.targetOf(region, IVA, "GROWTH", "6.0", null, "2023-01-10T09:00:00+08:00");
        h.releaseOf(region, IVA, period, "CUMULATIVE", null, growth, "2023-05-15T09:00:00+08:00", null);
    }

    private void read(final TopologyHarness h) {
        progress.putAll(h.progressTable());
        readRankings(h);
    }

    private void readRankings(final TopologyHarness h) {
        final TestOutputTopic<String, PeerRanking> topic = h.driver.createOutputTopic(Topics.RANKINGS,
                Serdes.String().deserializer(), Topics.rankings().valueSerde().deserializer());
        topic.readKeyValuesToList().forEach(kv -> rankings.put(kv.key, kv.value));
    }

    private void assertRank(final String key, final int rank, final int count, final boolean tied) {
        final Progress p = progress.get(key);
        assertThat(p).as(key).isNotNull();
        assertThat(p.peerRank()).as(key + " rank").isEqualTo(rank);
        assertThat(p.peerCount()).as(key + " count").isEqualTo(count);
        assertThat(p.peerRankTied()).as(key + " tied").isEqualTo(tied);
    }

    private static Region district(final String code, final String parent) {
        return new Region(code, code + "区", code.toUpperCase() + " District", RegionLevel.DISTRICT, parent);
    }
}
