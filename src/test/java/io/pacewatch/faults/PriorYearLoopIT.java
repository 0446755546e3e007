package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.LOG;
import static io.pacewatch.faults.FaultKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CalendarLoader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Same-period pace on a real broker with exactly_once_v2: last year's releases arrive after this
 * year's and reach this year's series, on another partition, through the prior-year loop; the state
 * that holds last year's curve survives a restart with a wiped state directory (restored from its
 * changelog); a revision of last year's figures after the restart moves this year's judgement.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriorYearLoopIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FAI = "FIXED_ASSET_INVESTMENT";

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("py");
    private final String tag = fault.tag();
    private final String applicationId = fault.applicationId("prior");
    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path stateDir;
    private String region;

    @Test
    @DisplayName("last year arriving late, a restart with a wiped state dir, then a revision of last year: the judgement follows each")
    void lastYearReachesThisYearThroughTheLoop() throws Exception {
        stateDir = fault.newDir("prior");
        region = regionOnAnotherPartition();
        try (TopicWatch progress = fault.watch(Topics.PROGRESS)) {
            service = start();
            FaultKit.sync(kafka, progress, tag + "-sync0", WAIT);

            // this year first: a PRIOR_YEAR target and 163 of 380 by 1–6月, judged on time progress for want of last year
            kafka.produce(Topics.TARGETS, key(2023), target());
            kafka.produce(Topics.RELEASES, key(2023), release("2023-06", "163", "2023-07-15T09:00:00+08:00", 0));
            final JsonNode fallback = awaitLatest("judged on time progress", p -> p.path("priorYearFallback").asBoolean());
            assertThat(fallback.path("status").asText()).isEqualTo("BEHIND");

            // last year's 1–6月 and full year come after
            kafka.produce(Topics.RELEASES, key(2022), release("2022-06", "126", "2022-07-15T09:00:00+08:00", 0));
            kafka.produce(Topics.RELEASES, key(2022), release("2022-12", "300", "2023-01-20T09:00:00+08:00", 0));
            final JsonNode judged = awaitLatest("judged on last year's 42%", p -> share(p, "0.42"));
            assertThat(judged.path("status").asText()).isEqualTo("ON_PACE");
            assertThat(judged.path("linearGapPp").decimalValue()).isEqualByComparingTo("-7.11");

            // restart on a wiped state directory: every store comes back from its changelog
            restartWiped();
            FaultKit.sync(kafka, progress, tag + "-sync1", WAIT);
            // a new version of this year's figure is judged on the restored curve, with nothing of last year resent
            kafka.produce(Topics.RELEASES, key(2023), release("2023-06", "165", "2023-07-16T09:00:00+08:00", 1));
            final JsonNode restored = awaitLatest("the new version judged on the restored curve",
                    p -> p.path("ytdValue").decimalValue().compareTo(new BigDecimal("165")) == 0);
            assertThat(restored.path("priorYearShare").decimalValue()).isEqualByComparingTo("0.42");
            assertThat(restored.path("status").asText()).isEqualTo("ON_PACE");

            // last year's December revised to 252: 1–6月 was half of the year, so this year is behind it
            kafka.produce(Topics.RELEASES, key(2022), release("2022-12", "252", "2023-03-01T09:00:00+08:00", 1));
            final JsonNode revised = awaitLatest("judged on the revised 50%", p -> share(p, "0.5"));
            assertThat(revised.path("status").asText()).isEqualTo("BEHIND");
            LOG.info("prior-year loop: {}", revised.path("messageZh").asText());
        }
    }

    private JsonNode awaitLatest(final String what, final java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        try (TopicWatch progress = new TopicWatch(kafka.bootstrapServers(), Topics.PROGRESS, k -> k.equals(key(2023)))) {
            final JsonNode[] seen = new JsonNode[1];
            await(what, WAIT, () -> {
                final String latest = progress.poll().latest().get(key(2023));
                seen[0] = latest == null ? null : FaultKit.parse(latest);
                return seen[0] != null && condition.test(seen[0]);
            });
            return seen[0];
        }
    }

    private static boolean share(final JsonNode progress, final String expected) {
        return progress.hasNonNull("priorYearShare")
                && progress.get("priorYearShare").decimalValue().compareTo(new BigDecimal(expected)) == 0;
    }

    /** A region whose 2022 and 2023 series sit on different partitions, so the curve must cross. */
    private String regionOnAnotherPartition() {
        final int partitions = FaultKit.partitionsOf(kafka.admin(), Topics.RELEASES);
        for (int k = 0; ; k++) {
            final String candidate = tag + "-r" + k;
            if (partitions == 1 || FaultKit.partitionOf(new SeriesKey(candidate, FAI, 2022).id(), partitions)
                    != FaultKit.partitionOf(new SeriesKey(candidate, FAI, 2023).id(), partitions)) {
                LOG.info("prior-year loop: region {} over {} partitions", candidate, partitions);
                return candidate;
            }
        }
    }

    private String key(final int year) {
        return new SeriesKey(region, FAI, year).id();
    }

    private String target() {
        return "{\"region\":\"" + region + "\",\"year\":2023,\"indicator\":\"" + FAI + "\",\"kind\":\"AMOUNT\","
                + "\"value\":380,\"unit\":\"亿元\",\"paceProfile\":\"PRIOR_YEAR\","
                + "\"publishedAt\":\"2023-01-10T09:00:00+08:00\",\"source\":\"test work report\"}";
    }

    private String release(final String period, final String value, final String publishedAt, final int revision) {
        return "{\"region\":\"" + region + "\",\"indicator\":\"" + FAI + "\",\"period\":\"" + period + "\","
                + "\"basis\":\"CUMULATIVE\",\"value\":" + value + ",\"unit\":\"亿元\",\"publishedAt\":\"" + publishedAt
                + "\",\"revision\":" + revision + ",\"source\":\"test bureau\"}";
    }

    private PacewatchService start() throws Exception {
        return fault.startService(applicationId, stateDir, FaultKit.START_AT_LATEST,
                CalendarLoader.fromFile(FaultKit.noDeadlinesCalendar()));
    }

    private void restartWiped() throws Exception {
        service.close();
        await("the closed instance to have left the group " + applicationId, Duration.ofSeconds(30),
                () -> FaultKit.groupMembers(kafka.admin(), applicationId) == 0);
        FaultKit.deleteRecursively(stateDir);
        Files.createDirectories(stateDir);
        service = start();
    }
}
