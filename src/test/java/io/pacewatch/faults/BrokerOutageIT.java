package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.LOG;
import static io.pacewatch.faults.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, faults 3: the broker goes away for a while, in the middle of processing, and comes back.
 * pacewatch must recover by itself (same process, no restart) and lose or repeat nothing: a feed split
 * around the outage ends exactly as the same feed (under other region names) that never saw one.
 *
 * <p>Readiness follows the broker: Kafka Streams stays RUNNING through a 15 s outage (its clients retry),
 * yet {@code /health/ready} must turn 503 (once the broker window, 5 s by default, has passed) saying the
 * broker is unreachable, with {@code pacewatch_broker_reachable} 0, keep answering throughout, and be 200
 * again once the broker is back. The test claims no timings: its time bounds only keep a broken build from
 * hanging.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /** How long readiness is watched after its first 503 at least, however late that came. */
    private static final Duration MIN_OBSERVED = Duration.ofSeconds(3);
    private static final int REGIONS = 10;
    private static final long SEED = 11_2023L;
    /** The year in three parts: before the outage, during it, after it. */
    private static final int[][] PARTS = {{2, 6}, {7, 9}, {10, 12}};

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("bo");
    private final String tag = fault.tag();
    private final Feed reference = new Feed(tag + "-ref", REGIONS, SEED);
    private final Feed outage = new Feed(tag + "-out", REGIONS, SEED);
    private KafkaTestBroker kafka;
    private boolean brokerDown;

    /** Before the fixture's clean-up, which needs the broker. */
    @AfterAll
    void brokerBack() {
        if (brokerDown) {
            kafka.restartBroker();
        }
    }

    @Test
    @DisplayName("broker down 15 s mid-processing and back: the same process recovers, nothing lost or repeated")
    void recoversFromABrokerOutageByItself() throws Exception {
        // No release deadlines, so that every change of pace alerts (see FaultKit.noDeadlinesCalendar).
        final PacewatchService service = fault.startService(fault.applicationId("outage"), fault.newDir("outage"),
                FaultKit.START_AT_LATEST, ReleaseCalendar.NONE);
        final int port = service.httpAddress().getPort();
        try (TopicWatch progress = fault.watch(Topics.PROGRESS); TopicWatch alerts = fault.watch(Topics.ALERTS)) {
            FaultKit.sync(kafka, progress, tag + "-sync", WAIT);

            // The reference: the whole year, no outage, sent in the same three parts.
            feedTargets(reference, progress);
            for (final int[] part : PARTS) {
                produceReleases(reference, part);
                awaitJudgedThrough(reference, progress, part[1]);
            }

            // The same year under other names; the broker goes away while July–September is processed.
            feedTargets(outage, progress);
            produceReleases(outage, PARTS[0]);
            awaitJudgedThrough(outage, progress, PARTS[0][1]);
            assertThat(FaultKit.get(port, "/health/ready").status()).isEqualTo(200);
            produceReleases(outage, PARTS[1]);
            // Pull the plug as soon as July–September is being judged, with transactions in flight.
            await("July–September being judged", WAIT, () -> judgedBeyond(outage, progress.poll(), PARTS[0][1]));

            // Kafka Streams stays RUNNING through the outage (its clients keep retrying); readiness must not.
            final Readiness readiness = new Readiness(port);
            final long judgedAtStop = percentJudged(outage, progress, PARTS[1][1]);
            brokerDown = true;
            kafka.stopBroker();
            final Instant down = Instant.now();
            LOG.info("outage: broker stopped with July–September {}% judged", judgedAtStop);
            // The first 503 comes (the bound only keeps a broken build from hanging, it claims no timing),
            // and the gauge says the same meanwhile.
            Awaitility.await("/health/ready to say 503 without a broker").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(readiness::observe, answer -> answer.status() == 503);
            assertThat(brokerReachableGauge(port)).as("pacewatch_broker_reachable while unready").isEqualTo(0.0);
            // The broker stays away for the rest of the outage (at least a few seconds more): readiness keeps
            // answering, and consistently, throughout.
            final Duration rest = OUTAGE.minus(Duration.between(down, Instant.now()));
            final Duration observed = rest.compareTo(MIN_OBSERVED) > 0 ? rest : MIN_OBSERVED;
            Awaitility.await("/health/ready answering throughout the outage").during(observed)
                    .atMost(observed.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> readiness.observe().status() > 0);
            LOG.info("outage: during {} s without a broker /health/ready answered {}", OUTAGE.toSeconds(),
                    readiness.seen);
            assertThat(readiness.seen).as("/health/ready answered throughout the outage")
                    .noneMatch(r -> r.startsWith("(no answer)"));
            assertThat(readiness.inconsistent).as("answers whose status contradicts their reasons").isEmpty();
            final FaultKit.Answer lastAnswer = readiness.last;
            assertThat(lastAnswer.status()).as("readiness at the end of the outage: " + lastAnswer.body()).isEqualTo(503);
            assertThat(lastAnswer.json().get("broker").asText()).isEqualTo("UNREACHABLE");
            assertThat(lastAnswer.json().get("reasons").get(0).asText()).startsWith("broker unreachable for ");
            kafka.restartBroker();
            brokerDown = false;
            await("readiness 200 once the broker is back", WAIT, () -> FaultKit.get(port, "/health/ready").status() == 200,
                    () -> FaultKit.get(port, "/health/ready").body());
            assertThat(brokerReachableGauge(port)).as("pacewatch_broker_reachable once the broker is back").isEqualTo(1.0);

            produceReleases(outage, PARTS[2]);
            awaitJudgedThrough(outage, progress, PARTS[2][1]);
            await("readiness back to 200", WAIT, () -> FaultKit.get(port, "/health/ready").status() == 200,
                    () -> FaultKit.get(port, "/health/ready").body());

            progress.catchUp(WAIT);
            alerts.catchUp(WAIT);
            FaultKit.assertSameMap("final progress of every key",
                    FaultKit.neutralProgress(progress.latest(), reference.regionToken()),
                    FaultKit.neutralProgress(progress.latest(), outage.regionToken()));
            assertThat(FaultKit.duplicateIds(alertsOf(alerts, outage))).as("alert ids published more than once").isEmpty();
            FaultKit.assertSameAlerts("every transition exactly once, as without the outage",
                    FaultKit.neutralAlerts(alerts.records(), reference.regionToken()),
                    FaultKit.neutralAlerts(alerts.records(), outage.regionToken()));
            assertThat(service.state().name()).as("the same instance, running").isEqualTo("RUNNING");
        }
    }

    /** What {@code /health/ready} answered while the broker was away: each kind of answer, and contradictions. */
    private static final class Readiness {
        private final int port;
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> inconsistent = new ArrayList<>();
        private FaultKit.Answer last;

        Readiness(final int port) {
            this.port = port;
        }

        FaultKit.Answer observe() {
            final FaultKit.Answer ready = FaultKit.get(port, "/health/ready");
            last = ready;
            if (ready.status() < 0) {
                seen.add("(no answer) " + ready.body());
                return ready;
            }
            final JsonNode body = ready.json();
            seen.add(ready.status() + " streams " + body.get("streams").asText() + ", broker "
                    + body.get("broker").asText());
            if ((ready.status() == 200) != body.get("reasons").isEmpty()
                    || (ready.status() == 200) != "UP".equals(body.get("status").asText())) {
                inconsistent.add(ready.status() + " " + ready.body());
            }
            return ready;
        }
    }

    /** The value of {@code pacewatch_broker_reachable} in {@code /metrics}. */
    private static double brokerReachableGauge(final int port) {
        final FaultKit.Answer metrics = FaultKit.get(port, "/metrics");
        assertThat(metrics.status()).as("/metrics answers").isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("pacewatch_broker_reachable "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pacewatch_broker_reachable in /metrics"));
    }

    private void feedTargets(final Feed feed, final TopicWatch progress) {
        kafka.produceStrings(Topics.TARGETS, feed.targets());
        await("targets of " + feed.regionToken() + "* judged", WAIT,
                () -> progress.poll().latest().keySet().containsAll(feed.seriesIds()));
    }

    private void produceReleases(final Feed feed, final int[] months) {
        kafka.produceStrings(Topics.RELEASES, feed.releases(months[0], months[1]));
    }

    /** Until every series of the feed stands as of its last figure up to {@code month}. */
    private void awaitJudgedThrough(final Feed feed, final TopicWatch progress, final int month) {
        await(feed.regionToken() + "* judged through month " + month, WAIT,
                () -> percentJudged(feed, progress.poll(), month) == 100,
                () -> percentJudged(feed, progress, month) + "% judged");
    }

    private static boolean judgedBeyond(final Feed feed, final TopicWatch progress, final int month) {
        return feed.seriesIds().stream().anyMatch(id -> FaultKit.asOfMonth(progress.latest().get(id)) > month);
    }

    private static long percentJudged(final Feed feed, final TopicWatch progress, final int month) {
        final long judged = feed.seriesIds().stream()
                .filter(id -> FaultKit.asOfMonth(progress.latest().get(id))
                        == Feed.lastPublishedMonth(id.split("\\|")[1], month))
                .count();
        return 100 * judged / feed.seriesIds().size();
    }

    private static List<ConsumerRecord<String, String>> alertsOf(final TopicWatch alerts, final Feed feed) {
        return new ArrayList<>(alerts.records().stream().filter(r -> r.key().startsWith(feed.regionToken())).toList());
    }
}
