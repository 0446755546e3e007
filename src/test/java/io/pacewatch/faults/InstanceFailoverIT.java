package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.LOG;
import static io.pacewatch.faults.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CalendarLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, faults 1: two {@code pacewatch run} processes with standby replicas share a large backfill;
 * one is killed with SIGKILL halfway; the survivor finishes. The outcome must be exactly what one clean
 * instance computes from the same input: the same final progress for every key, and every alert
 * transition once, read with {@code read_committed} as any downstream consumer would.
 *
 * <p>The pacewatch topics are shared with every other test of the JVM, so the clean reference run
 * cannot write the same keys: it processes the same feed under other region names ({@link Feed} makes
 * region {@code i}'s figures independent of the name), and the two outcomes are compared with the
 * region names neutralised. Alert ids digest the region, so they are compared within the killed run
 * (no id twice) and across runs through the rest of the alert (each expected transition once).
 *
 * <p>Both runs read the shared input from {@code latest} ({@link FaultKit#sync}) and use a release
 * calendar without deadlines ({@link FaultKit#noDeadlinesCalendar}), so that every change of pace in the
 * backfill alerts. The processes run with a 6 s session timeout, so that the survivor takes over 6 s
 * after the kill rather than 45 s. Process output: {@code target/faults/failover-*.log}.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceFailoverIT {

    private static final int REGIONS = 16;
    private static final long SEED = 20_230_501L;
    private static final int FINAL_MONTH = 12;
    private static final double KILL_AT_FRACTION = 0.3;

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("fo");
    private final String tag = fault.tag();
    private final Feed reference = new Feed(tag + "-ref", REGIONS, SEED);
    private final Feed live = new Feed(tag + "-run", REGIONS, SEED);
    private final List<PacewatchProcess> processes = new ArrayList<>();
    private KafkaTestBroker kafka;

    @Test
    @DisplayName("SIGKILL of one of two instances mid-backfill: the survivor finishes with a clean run's progress, every alert once")
    void survivorFinishesTheBackfillExactlyOnce() throws Exception {
        final int partitions = FaultKit.partitionsOf(kafka.admin(), Topics.RELEASES);
        try (TopicWatch progress = fault.watch(Topics.PROGRESS); TopicWatch alerts = fault.watch(Topics.ALERTS)) {

            // 1. The reference: one in-process instance, nothing killed.
            final long referenceStart = System.nanoTime();
            final Path calendar = FaultKit.noDeadlinesCalendar();
            final PacewatchService referenceService = fault.startService(fault.applicationId("ref"),
                    fault.newDir("ref"), FaultKit.START_AT_LATEST, CalendarLoader.fromFile(calendar));
            FaultKit.sync(kafka, progress, tag + "-warmref", Duration.ofSeconds(90));
            feed(reference, progress);
            referenceService.close();
            final long referenceMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - referenceStart);
            alerts.catchUp(Duration.ofSeconds(30));
            final Map<String, String> expectedProgress = neutralProgress(progress, reference);
            final List<String> expectedAlerts = FaultKit.neutralAlerts(alerts.records(), reference.regionToken());
            LOG.info("failover: reference run of {} releases over {} partitions took {} ms: {} progress keys, {} alerts",
                    reference.releases(2, FINAL_MONTH).size(), partitions, referenceMillis, expectedProgress.size(),
                    expectedAlerts.size());
            assertThat(expectedAlerts).as("the feed is designed to produce alerts").hasSizeGreaterThan(REGIONS);
            assertThat(expectedProgress).hasSizeGreaterThan(REGIONS * Feed.INDICATORS.size() * 5);

            // 2. Two processes, one application, standby replicas on.
            final String applicationId = fault.applicationId("failover");
            for (int i = 0; i < 2; i++) {
                processes.add(fault.closeAtEnd(PacewatchProcess.start("failover-" + tag + "-" + i,
                        kafka.bootstrapServers(), applicationId, fault.newDir("instance" + i), FaultKit.settings(Map.of(
                                "num.standby.replicas", "1",
                                // The survivor takes over when the victim's session expires: 6 s, not the default 45 s.
                                "session.timeout.ms", "6000",
                                "heartbeat.interval.ms", "1500")),
                        List.of("--calendar", calendar.toString()))));
            }
            await("both instances RUNNING in one stable group of two", Duration.ofSeconds(90),
                    () -> processes.stream().allMatch(PacewatchProcess::ready) && stableGroupOfTwo(applicationId),
                    () -> processes.stream().map(p -> p + ": " + p.get("/health/ready").body() + "\n" + p.logTail(15))
                            .collect(Collectors.joining("\n")));
            FaultKit.sync(kafka, progress, tag + "-warmrun", Duration.ofSeconds(90));

            // 3. The backfill, and SIGKILL of the busier instance once part of it is through.
            final CompletableFuture<Void> producing = feedAsync(live, progress);
            await("the backfill to be " + (int) (KILL_AT_FRACTION * 100) + "% through", Duration.ofSeconds(90),
                    () -> fractionDone(progress.poll(), live) >= KILL_AT_FRACTION,
                    () -> "at " + fractionDone(progress, live));
            final PacewatchProcess victim = busier(processes);
            final PacewatchProcess survivor = processes.get(processes.indexOf(victim) == 0 ? 1 : 0);
            final double doneAtKill = fractionDone(progress.poll(), live);
            final int exit = victim.kill();
            LOG.info("failover: killed {} (exit {}) with the backfill {}% through", victim, exit,
                    Math.round(doneAtKill * 100));
            assertThat(exit).as("killed by SIGKILL").isEqualTo(137);
            assertThat(doneAtKill).as("the kill landed in the middle of the backfill").isLessThan(1.0);

            // 4. The survivor finishes alone.
            final long killedAt = System.nanoTime();
            await("the survivor to finish the backfill with the reference's progress", Duration.ofSeconds(120),
                    () -> neutralProgress(progress.poll(), live).equals(expectedProgress),
                    () -> FaultKit.difference(expectedProgress, neutralProgress(progress, live)) + "\nsurvivor "
                            + survivor + " alive=" + survivor.isAlive() + "\n" + survivor.logTail(30));
            LOG.info("failover: survivor finished {} ms after the kill",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            producing.get(30, TimeUnit.SECONDS);
            assertThat(survivor.ready()).as("the survivor is ready (RUNNING)").isTrue();
            survivor.stop();

            // 5. Everything the survivor committed, as a read_committed consumer sees it.
            progress.catchUp(Duration.ofSeconds(30));
            alerts.catchUp(Duration.ofSeconds(30));
            FaultKit.assertSameMap("final progress of every key", expectedProgress,
                    neutralProgress(progress, live));
            assertThat(FaultKit.duplicateIds(alertsOf(alerts, live))).as("alert ids published more than once").isEmpty();
            FaultKit.assertSameAlerts("each expected transition exactly once", expectedAlerts,
                    FaultKit.neutralAlerts(alerts.records(), live.regionToken()));
        }
    }

    /** Targets first (all judged), then the releases; waits until every series stands as of December. */
    private void feed(final Feed feed, final TopicWatch progress) {
        publishTargets(feed, progress);
        kafka.produceStrings(Topics.RELEASES, feed.releases(2, FINAL_MONTH));
        awaitDone(feed, progress);
    }

    private CompletableFuture<Void> feedAsync(final Feed feed, final TopicWatch progress) {
        publishTargets(feed, progress);
        final List<KeyValue<String, String>> releases = feed.releases(2, FINAL_MONTH);
        return CompletableFuture.runAsync(() -> kafka.produceStrings(Topics.RELEASES, releases));
    }

    /** Targets go first and are waited for, so that every run judges the releases against them in the same order. */
    private void publishTargets(final Feed feed, final TopicWatch progress) {
        kafka.produceStrings(Topics.TARGETS, feed.targets());
        await("every target of " + feed.regionToken() + "* judged", Duration.ofSeconds(60),
                () -> feed.seriesIds().stream().allMatch(progress.poll().latest()::containsKey),
                () -> feed.seriesIds().stream().filter(id -> !progress.latest().containsKey(id)).count() + " missing");
    }

    private void awaitDone(final Feed feed, final TopicWatch progress) {
        await("every series of " + feed.regionToken() + "* to stand as of December", Duration.ofSeconds(90),
                () -> fractionDone(progress.poll(), feed) >= 1.0, () -> "at " + fractionDone(progress, feed));
    }

    /** How far the feed is through: the months its series' latest standings have reached, of twelve each. */
    private static double fractionDone(final TopicWatch progress, final Feed feed) {
        long months = 0;
        for (final String id : feed.seriesIds()) {
            months += Math.max(0, FaultKit.asOfMonth(progress.latest().get(id)));
        }
        return months / (double) (FINAL_MONTH * feed.seriesIds().size());
    }

    private static Map<String, String> neutralProgress(final TopicWatch progress, final Feed feed) {
        return FaultKit.neutralProgress(progress.latest(), feed.regionToken());
    }

    private static List<ConsumerRecord<String, String>> alertsOf(final TopicWatch alerts, final Feed feed) {
        return alerts.records().stream().filter(r -> r.key().startsWith(feed.regionToken())).toList();
    }

    private boolean stableGroupOfTwo(final String applicationId) {
        try {
            final ConsumerGroupDescription group = kafka.admin().describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(5, TimeUnit.SECONDS);
            return group.groupState() == GroupState.STABLE && group.members().size() == 2;
        } catch (final Exception e) {
            return false;
        }
    }

    /**
     * The instance exporting more of this test's series as metrics, which it does for the series whose
     * partitions it holds as active tasks; fails if neither holds any.
     */
    private PacewatchProcess busier(final List<PacewatchProcess> instances) {
        PacewatchProcess busiest = instances.get(0);
        long most = 0;
        for (final PacewatchProcess instance : instances) {
            final String metrics = instance.get("/metrics").body();
            final long series = metrics.lines()
                    .filter(l -> l.startsWith("pacewatch_pace_status{") && l.contains("region=\"" + live.regionToken()))
                    .count();
            LOG.info("failover: {} exports {} of this test's series", instance, series);
            if (series > most) {
                most = series;
                busiest = instance;
            }
        }
        assertThat(most).as("series exported by the instance to be killed (its active tasks)").isPositive();
        return busiest;
    }
}
