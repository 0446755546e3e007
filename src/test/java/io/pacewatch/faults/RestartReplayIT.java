package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.LOG;
import static io.pacewatch.faults.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, faults 2: an instance is stopped and started again on the same state directory, then stopped,
 * its state directory wiped, and started again, so that every store is restored from its changelog. Each
 * time {@code /api/progress} answers exactly as before and no alert is sent again; and a new figure
 * afterwards is judged against the restored state: it alerts once, from the status held before the
 * restart (a lost "last judged status" would alert from {@code NO_DATA} instead).
 *
 * <p>The instance runs with the production settings (record cache on).
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int REGIONS = 6;

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("rr");
    private final String tag = fault.tag();
    private final String applicationId = fault.applicationId("restart");
    private final Feed feed = new Feed(tag + "-feed", REGIONS, 7_2023L);
    /** A series whose December figure is revised after each restart, to see which status it is judged from. */
    private final String probe = tag + "-probe";
    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path stateDir;

    @Test
    @DisplayName("restart, then restart with a wiped state dir: same answers, no alert re-sent, new figures judged from restored state")
    void restartsRestoreStateAndSendNothingTwice() throws Exception {
        stateDir = fault.newDir("restart");
        try (TopicWatch progress = fault.watch(Topics.PROGRESS); TopicWatch alerts = fault.watch(Topics.ALERTS)) {
            service = start();
            FaultKit.sync(kafka, progress, tag + "-sync0", WAIT);

            // A year of figures for the feed, and a probe series that ends the year behind.
            final List<KeyValue<String, String>> targets = new ArrayList<>(feed.targets());
            targets.add(KeyValue.pair(probeId(), Feed.target(probe, "BUDGET_REVENUE", Feed.TARGET_PUBLISHED_AT, null)));
            kafka.produceStrings(Topics.TARGETS, targets);
            await("targets judged", WAIT, () -> progress.poll().latest().keySet().containsAll(feed.seriesIds())
                    && progress.latest().containsKey(probeId()));
            final List<KeyValue<String, String>> releases = new ArrayList<>(feed.releases(2, 12));
            for (int month = 2; month <= 12; month++) {
                releases.add(KeyValue.pair(probeId(),
                        Feed.release(probe, Feed.BUDGET, month, month < 12 ? Feed.AT_RISK : Feed.BEHIND, 0)));
            }
            kafka.produceStrings(Topics.RELEASES, releases);
            await("every series judged through December", WAIT, () -> {
                progress.poll();
                return feed.seriesIds().stream().allMatch(id -> FaultKit.asOfMonth(progress.latest().get(id)) == 12)
                        && FaultKit.asOfMonth(progress.latest().get(probeId())) == 12;
            });
            assertThat(FaultKit.status(progress.latest().get(probeId()))).isEqualTo("BEHIND");
            // The changelog the wipe below restores from rolls segments the cleaner can compact (StreamsSettings).
            assertThat(segmentBytes(applicationId + "-" + QueryableStores.RELEASE_HISTORY + "-changelog"))
                    .isEqualTo(Integer.toString(TopicSpec.COMPACTED_SEGMENT_BYTES));

            // The API reads views that follow the output topics; wait until they have caught up.
            awaitViewsCaughtUp(progress, alerts);
            final Map<String, String> answers = answers();
            final List<String> alertsBefore = alertIds(alerts.catchUp(WAIT));
            LOG.info("restart: {} answers recorded, {} alerts so far", answers.size(), alertsBefore.size());
            assertThat(alertsBefore).as("the feed raised alerts").hasSizeGreaterThan(REGIONS);

            // 1. Stop and start on the same state directory.
            restart(false);
            awaitAnswers(answers, "after a restart");
            FaultKit.sync(kafka, progress, tag + "-sync1", WAIT);
            assertThat(alertIds(alerts.catchUp(WAIT))).as("alerts after a restart").isEqualTo(alertsBefore);
            reviseProbe(progress, 1, Feed.ON_PACE);
            final List<ConsumerRecord<String, String>> afterRestart = newAlerts(alerts, alertsBefore);
            assertThat(afterRestart).as("exactly the probe's recovery, judged from its restored status").hasSize(1);
            assertTransition(afterRestart.get(0), "BEHIND", "ON_PACE", "RECOVERED");
            FaultKit.assertSameMap("answers, apart from the probe", answers, answers());

            // 2. Stop, wipe the state directory, start: every store is rebuilt from its changelog.
            final List<String> alertsBeforeWipe = alertIds(alerts);
            restart(true);
            awaitAnswers(answers, "after wiping the state directory");
            FaultKit.sync(kafka, progress, tag + "-sync2", WAIT);
            assertThat(alertIds(alerts.catchUp(WAIT))).as("alerts after a restore from the changelogs")
                    .isEqualTo(alertsBeforeWipe);
            reviseProbe(progress, 2, Feed.BEHIND);
            final List<ConsumerRecord<String, String>> afterWipe = newAlerts(alerts, alertsBeforeWipe);
            assertThat(afterWipe).as("exactly the probe falling behind again, judged from its restored status")
                    .hasSize(1);
            assertTransition(afterWipe.get(0), "ON_PACE", "BEHIND", "WORSENED");
            assertThat(FaultKit.parse(afterWipe.get(0).value()).get("severity").asText()).isEqualTo("CRITICAL");
            FaultKit.assertSameMap("answers, apart from the probe", answers, answers());
        }
    }

    /**
     * The default session timeout (45 s): close() leaves the consumer group, so the restarted instance gets
     * its tasks at once instead of waiting for the old member's session to expire.
     */
    private PacewatchService start() throws Exception {
        return fault.startService(applicationId, stateDir, FaultKit.START_AT_LATEST);
    }

    private String segmentBytes(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return kafka.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                .get(resource).get("segment.bytes").value();
    }

    private void restart(final boolean wipe) throws Exception {
        final long closing = System.nanoTime();
        service.close();
        service = null;
        LOG.info("restart: close() took {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
        await("the closed instance to have left the group " + applicationId, Duration.ofSeconds(10),
                () -> FaultKit.groupMembers(kafka.admin(), applicationId) == 0,
                () -> FaultKit.groupMembers(kafka.admin(), applicationId) + " member(s)");
        if (wipe) {
            FaultKit.deleteRecursively(stateDir);
            Files.createDirectories(stateDir);
        }
        final long start = System.nanoTime();
        service = start();
        LOG.info("restart: RUNNING again {} ms after start ({})", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                wipe ? "state directory wiped" : "same state directory");
    }

    /** The December figure of the probe, revised to pace {@code level}; waits until it is judged. */
    private void reviseProbe(final TopicWatch progress, final int revision, final int level) {
        kafka.produce(Topics.RELEASES, probeId(), Feed.release(probe, Feed.BUDGET, 12, level, revision));
        await("the probe's revision " + revision + " judged", WAIT, () -> {
            final String latest = progress.poll().latest().get(probeId());
            return latest != null && FaultKit.parse(latest).at("/releaseVersions/0/revision").asInt() == revision;
        });
    }

    /**
     * What the API answers for the feed's regions: each region's list, each series in full (latest,
     * pace curve with release versions, recent alerts), and each region's alerts.
     */
    private Map<String, String> answers() {
        final Map<String, String> answers = new LinkedHashMap<>();
        for (final String region : feed.regions()) {
            answers.put("/api/progress?region=" + region, answer("/api/progress?region=" + region));
            answers.put("/api/alerts?region=" + region, answer("/api/alerts?limit=1000&region=" + region));
            for (final String indicator : Feed.INDICATORS) {
                final String path = "/api/progress/" + region + "/" + indicator + "/" + Feed.YEAR;
                answers.put(path, answer(path));
            }
        }
        return answers;
    }

    /** Until the API answers, for every series of the feed and the probe, what the output topics hold. */
    private void awaitViewsCaughtUp(final TopicWatch progress, final TopicWatch alerts) {
        final List<String> regions = new ArrayList<>(feed.regions());
        regions.add(probe);
        await("the API's views to catch up with the output topics", WAIT, () -> {
            progress.poll();
            alerts.poll();
            return regions.stream().allMatch(region -> viewsMatchTopics(region, progress, alerts));
        });
    }

    private boolean viewsMatchTopics(final String region, final TopicWatch progress, final TopicWatch alerts) {
        final FaultKit.Answer list = FaultKit.get(port(), "/api/progress?region=" + region);
        final FaultKit.Answer recent = FaultKit.get(port(), "/api/alerts?limit=1000&region=" + region);
        if (list.status() != 200 || recent.status() != 200) {
            return false;
        }
        final Map<String, String> api = new TreeMap<>();
        list.json().forEach(p -> api.put(Feed.seriesId(region, p.get("indicator").asText()), FaultKit.canonical(p)));
        final Map<String, String> topic = new TreeMap<>();
        progress.latest().forEach((key, value) -> {
            if (key.startsWith(region + "|") && SeriesPartitioner.isLatestKey(key)) {
                topic.put(key, FaultKit.canonical(FaultKit.parse(value)));
            }
        });
        final Set<String> apiAlerts = new TreeSet<>();
        recent.json().forEach(a -> apiAlerts.add(a.get("id").asText()));
        final Set<String> topicAlerts = alerts.records().stream()
                .filter(r -> r.key().startsWith(region + "|"))
                .map(r -> FaultKit.parse(r.value()).get("id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        return api.equals(topic) && apiAlerts.equals(topicAlerts);
    }

    private int port() {
        return service.httpAddress().getPort();
    }

    private String answer(final String path) {
        final FaultKit.Answer answer = FaultKit.get(port(), path);
        return answer.status() + " " + answer.body();
    }

    private void awaitAnswers(final Map<String, String> expected, final String when) {
        final long start = System.nanoTime();
        await("/api/progress and /api/alerts to answer as before " + when, WAIT, () -> answers().equals(expected),
                () -> FaultKit.difference(expected, answers()));
        LOG.info("restart: answers identical {} ms after RUNNING {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), when);
    }

    private List<String> alertIds(final TopicWatch alerts) {
        return alerts.records().stream()
                .filter(r -> r.key().startsWith(feed.regionToken()) || r.key().startsWith(probe + "|"))
                .map(r -> FaultKit.parse(r.value()).get("id").asText())
                .toList();
    }

    private List<ConsumerRecord<String, String>> newAlerts(final TopicWatch alerts, final List<String> before) {
        alerts.catchUp(WAIT);
        return alerts.records().stream()
                .filter(r -> r.key().startsWith(feed.regionToken()) || r.key().startsWith(probe + "|"))
                .skip(before.size())
                .toList();
    }

    private void assertTransition(final ConsumerRecord<String, String> record, final String from, final String to,
                                  final String kind) {
        final JsonNode alert = FaultKit.parse(record.value());
        assertThat(record.key()).isEqualTo(probeId());
        assertThat(alert.get("previousStatus").asText()).as("previousStatus").isEqualTo(from);
        assertThat(alert.get("status").asText()).as("status").isEqualTo(to);
        assertThat(alert.get("kind").asText()).as("kind").isEqualTo(kind);
    }

    private String probeId() {
        return Feed.seriesId(probe, "BUDGET_REVENUE");
    }
}
