package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.app.Pipelines;
import io.pacewatch.app.StreamsSettings;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Releases;
import io.pacewatch.query.LocalViews;
import io.pacewatch.query.ProgressFilter;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.Topics;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scrape caches on the real topology and stores: a store partition's position must move with
 * every write the scrape must see, so that a kept scrape shows a revision, a changed record and a
 * deleted one exactly as a scrape that keeps nothing, and serves its snapshot again when nothing moved.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScrapeCacheIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final IndicatorCatalogue CATALOGUE = CatalogueLoader.bundled();

    private final String tag = "sc" + UUID.randomUUID().toString().substring(0, 6);
    private KafkaTestBroker kafka;
    private KafkaStreams streams;
    private Path stateDir;
    private final StoreRestorations restorations = new StoreRestorations();

    @BeforeAll
    void start() throws Exception {
        // The suite's shared admin client: not closed here, the broker extension does that.
        assertThat(new TopicSetup(kafka.admin()).ensure(TopicSpec.all(), true, 2, (short) 1)).isEmpty();
        stateDir = Files.createTempDirectory("pacewatch-scrape-cache");
        final Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pacewatch-scrape-cache-" + tag);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(Pipelines.serviceTopology(CATALOGUE), props);
        streams.setGlobalStateRestoreListener(restorations);
        streams.start();
        await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void stop() throws Exception {
        streams.close(Duration.ofSeconds(30));
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @DisplayName("kept between scrapes: a revision, a changed record and a deleted record show as without keeping anything")
    void keptScrapeFollowsTheStores() {
        final LocalViews views = new LocalViews(streams, Clock.systemUTC());
        final ProgressCollector keptProgress = ProgressCollector.of(views, restorations);
        final RevisionCollector keptRevisions = RevisionCollector.of(views, restorations, CATALOGUE, () -> Releases.LATER);
        final PrometheusMeterRegistry kept = registry(keptProgress, keptRevisions);
        final PrometheusMeterRegistry fresh = registry(new ProgressCollector(() -> views.latest(ProgressFilter.ALL)),
                new RevisionCollector(views::releaseHistories, CATALOGUE, () -> Releases.LATER));
        final String first = tag + "-1";
        final String second = tag + "-2";

        release(first, "2023-05", "49", 0);
        release(second, "2023-05", "60", 0);
        await().atMost(WAIT).until(() -> ours(kept).contains("pacewatch_revised_periods{indicator=\"BUDGET_REVENUE\",region=\""
                + second + "\",year=\"2023\"} 0.0") && ours(kept).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\""
                + second + "\",year=\"2023\"}"));
        await().atMost(WAIT).until(() -> ours(kept).equals(ours(fresh)));
        // Nothing moves now: the positions are known and the snapshots are served again as they were.
        assertThat(views.activePositions(QueryableStores.RELEASE_HISTORY).values()).anyMatch(p -> !p.isEmpty());
        assertThat(views.activePositions(QueryableStores.PROGRESS_VIEW).values()).anyMatch(p -> !p.isEmpty());
        await().atMost(WAIT).until(() -> keptProgress.collect() == keptProgress.collect()
                && keptRevisions.collect() == keptRevisions.collect());

        release(first, "2023-05", "50.2", 1);
        await().atMost(WAIT).until(() -> ours(kept).contains("pacewatch_latest_revision_change_amount_yuan{indicator="
                + "\"BUDGET_REVENUE\",region=\"" + first + "\",year=\"2023\"} 1.2E8")
                && ours(kept).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\"" + first
                + "\",year=\"2023\"} 5.02E9"));
        await().atMost(WAIT).until(() -> ours(kept).equals(ours(fresh)));

        // A tombstone on the progress topic deletes the series from the view (and so from the scrape); the
        // default partitioner puts a series' latest key where pacewatch's partitioner does.
        kafka.produce(Topics.PROGRESS, new StringSerializer(), new StringSerializer(),
                List.of(KeyValue.pair(second + "|BUDGET_REVENUE|2023", (String) null)));
        await().atMost(WAIT).until(() -> !ours(kept).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\""
                + second + "\""));
        await().atMost(WAIT).until(() -> ours(kept).equals(ours(fresh)));
    }

    private void release(final String region, final String period, final String value, final int revision) {
        kafka.produce(Topics.RELEASES, region + "|BUDGET_REVENUE|2023", "{\"region\":\"" + region
                + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"" + period + "\",\"value\":" + value
                + ",\"unit\":\"亿元\",\"publishedAt\":\"2023-07-" + (15 + revision) + "T09:00:00+08:00\""
                + (revision > 0 ? ",\"revision\":" + revision : "") + ",\"source\":\"finance bureau\"}");
    }

    /** This test's per-series samples, one a line, in the order the scrape gives them. */
    private String ours(final PrometheusMeterRegistry registry) {
        return String.join("\n", registry.scrape().lines().filter(l -> l.contains("region=\"" + tag + "-")).toList());
    }

    private static PrometheusMeterRegistry registry(final MultiCollector... collectors) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (final MultiCollector collector : collectors) {
            registry.getPrometheusRegistry().register(collector);
        }
        return registry;
    }
}
