package io.pacewatch.topology;

import io.pacewatch.wire.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.wire.CatalogueLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Releases and targets keyed by their series reach the judge without an internal topic; keyless releases are re-keyed first. */
class ReleaseRoutingTest {

    private static final String KEY = TopologyHarness.REGION + "|BUDGET_REVENUE|2023";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    @DisplayName("the judge sits in the sub-topology that reads pacewatch.releases and pacewatch.targets themselves")
    void keyedReleasesAreNotRepartitioned() {
        final TopologyDescription description = PacewatchTopology.build(CatalogueLoader.bundled()).describe();
        final TopologyDescription.Subtopology judging = description.subtopologies().stream()
                .filter(s -> names(s).contains("judge-series")).findFirst().orElseThrow();

        final Set<String> sourceTopics = judging.nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .collect(Collectors.toSet());
        // pacewatch.peer-ranks: ranks sent back by the peer ranking, keyed onto their series' partition;
        // last year's curves come back round the loop to the judge of prior years, in the same task (shared stores)
        assertThat(sourceTopics).containsExactlyInAnyOrder(Topics.RELEASES, Topics.TARGETS, Topics.PEER_RANKS,
                "keyless-releases-by-series-repartition", "prior-year-curves-repartition");
        assertThat(names(judging)).contains("judge-prior-year");
        assertThat(judging.nodes().stream().filter(TopologyDescription.Sink.class::isInstance)
                .map(n -> ((TopologyDescription.Sink) n).topic())).contains("prior-year-curves-repartition");
    }

    @Test
    @DisplayName("a keyless release is judged like a keyed one, after re-keying")
    void keylessReleaseIsJudged() {
        harness.amountTarget("BUDGET_REVENUE", "127", "2023-01-10T09:00:00+08:00");
        final ReleaseDraft draft = new ReleaseDraft(TopologyHarness.REGION, "BUDGET_REVENUE", "2023-06", "CUMULATIVE",
                new BigDecimal("60"), "亿元", null, "2023-07-15T09:00:00+08:00", null, "test bureau", null);
        harness.releases.pipeInput(null, TopologyHarness.json(draft), Instant.parse("2023-07-15T01:00:00Z"));

        assertThat(harness.progressTable().get(KEY).asOfMonth()).isEqualTo(6);
    }

    @Test
    @DisplayName("what a late, older version changes is stamped with the newest input's time, as the table join did")
    void outputsCarryTheNewestInputTime() {
        harness.amountTarget("BUDGET_REVENUE", "127", "2023-01-10T09:00:00+08:00");
        harness.cumulative("BUDGET_REVENUE", "2023-04", "40", null, "2023-05-15T09:00:00+08:00");
        harness.progressUpdates();
        harness.cumulative("BUDGET_REVENUE", "2023-03", "31", null, "2023-04-15T09:00:00+08:00");

        final var records = harness.progress.readRecordsToList();
        assertThat(records).extracting(r -> r.key()).contains(KEY + "|2023-Q1");
        assertThat(records).allSatisfy(r -> assertThat(r.timestamp())
                .isEqualTo(Instant.parse("2023-05-15T01:00:00Z").toEpochMilli()));
    }

    private static Set<String> names(final TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toSet());
    }
}
