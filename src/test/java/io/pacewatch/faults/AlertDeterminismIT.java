package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The premise of the failover and outage checks: alerts are a function of the input. The same releases,
 * in the same order, must raise the same alerts whether they trickle in one by one or arrive in a burst
 * (a backfill, a replay after an outage, a survivor catching up after a failover). With a record cache
 * on the release-history and target tables, a burst was merged into one update before the judge saw it
 * and the transitions in between never alerted (0 alerts instead of 10); PacewatchTopology now disables
 * caching on both, and this test keeps it that way.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertDeterminismIT {

    /** Pace from February to December: ten changes of concern level in eleven releases. */
    private static final int[] LEVELS = {Feed.ON_PACE, Feed.BEHIND, Feed.ON_PACE, Feed.AT_RISK, Feed.ON_PACE,
        Feed.BEHIND, Feed.ON_PACE, Feed.AT_RISK, Feed.ON_PACE, Feed.BEHIND, Feed.ON_PACE};
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("ad");
    private final String tag = fault.tag();
    private KafkaTestBroker kafka;

    @Test
    @DisplayName("the same releases raise the same alerts whether they arrive one by one or in a burst")
    void burstRaisesTheSameAlertsAsTrickle() throws Exception {
        // Without release deadlines: the year fed is past, so with them every later month would be overdue
        // and mask the changes of pace in between (see FaultKit.noDeadlinesCalendar).
        fault.startService(fault.applicationId("determinism"), fault.newDir("determinism"), FaultKit.START_AT_LATEST,
                ReleaseCalendar.NONE);
        try (TopicWatch progress = fault.watch(Topics.PROGRESS); TopicWatch alerts = fault.watch(Topics.ALERTS)) {
            FaultKit.sync(kafka, progress, tag + "-warm", WAIT);
            final String trickle = tag + "-trickle-0";
            final String burst = tag + "-burst-0";
            for (final String region : List.of(trickle, burst)) {
                kafka.produce(Topics.TARGETS, id(region),
                        Feed.target(region, "BUDGET_REVENUE", Feed.TARGET_PUBLISHED_AT, null));
            }
            await("both targets judged", WAIT, () -> progress.poll().latest().keySet().containsAll(
                    List.of(id(trickle), id(burst))));

            for (int month = 2; month <= 12; month++) {
                kafka.produce(Topics.RELEASES, id(trickle),
                        Feed.release(trickle, Feed.BUDGET, month, LEVELS[month - 2], 0));
                final int judged = month;
                await("the trickle's month " + month + " judged", WAIT,
                        () -> FaultKit.asOfMonth(progress.poll().latest().get(id(trickle))) == judged);
            }
            final List<KeyValue<String, String>> all = new ArrayList<>();
            for (int month = 2; month <= 12; month++) {
                all.add(KeyValue.pair(id(burst), Feed.release(burst, Feed.BUDGET, month, LEVELS[month - 2], 0)));
            }
            kafka.produceStrings(Topics.RELEASES, all);
            await("the burst judged through December", WAIT,
                    () -> FaultKit.asOfMonth(progress.poll().latest().get(id(burst))) == 12);

            alerts.catchUp(WAIT);
            final List<ConsumerRecord<String, String>> trickled = alerts.records().stream()
                    .filter(r -> r.key().equals(id(trickle))).toList();
            final List<ConsumerRecord<String, String>> burstAlerts = alerts.records().stream()
                    .filter(r -> r.key().equals(id(burst))).toList();
            assertThat(trickled).as("at least one alert per change of concern level").hasSizeGreaterThanOrEqualTo(10);
            FaultKit.assertSameAlerts("alerts of the burst, compared with the same releases one by one",
                    FaultKit.neutralAlerts(trickled, tag + "-trickle-"),
                    FaultKit.neutralAlerts(burstAlerts, tag + "-burst-"));
        }
    }

    private static String id(final String region) {
        return Feed.seriesId(region, "BUDGET_REVENUE");
    }
}
