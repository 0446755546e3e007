package io.pacewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pacewatch.cli.RunCommand;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 6: a Kafka Streams failure it cannot recover from must not leave a live zombie. While a
 * {@code pacewatch run} process (its own JVM) runs, an operator adds partitions to the application's own
 * repartition topic. At the next rebalance Kafka Streams refuses the topic ("Existing internal topic ...
 * has invalid partitions"), the stream thread dies and the uncaught-exception handler shuts the client
 * down (ERROR); every restart would fail the same way until the topic is fixed, which an orchestrator's
 * back-off makes visible. {@code /health/live} must then say 503 with the reason (checked if the test
 * sees it before the process is gone) and the process must exit by itself with
 * {@link RunCommand#EXIT_STREAMS_FAILED} within a bounded time. Only this test's application's internal
 * topic is touched. Process output: {@code target/faults/streams-failure.log}.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsFailureExitIT {

    /** Streams' close timeout (30 s) plus the failure's own detection, with room for a loaded machine. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    private static final int REGIONS = 8;
    /** What a JVM ends with after SIGTERM once its shutdown hooks are done: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    /** Only this test's own application topics are touched: the shared ones stay as they are. */
    @RegisterExtension
    static final FaultFixture fault = FaultFixture.keepingSharedTopics("sf");
    private final String tag = fault.tag();
    private KafkaTestBroker kafka;

    @Test
    @DisplayName("its repartition topic refuses every record: /health/live goes 503 and the process exits 70")
    void fatalStreamsFailureEndsTheProcess() throws Exception {
        final String applicationId = fault.applicationId("streams-failure");
        final PacewatchProcess process = fault.closeAtEnd(PacewatchProcess.start("streams-failure",
                kafka.bootstrapServers(), applicationId, fault.newDir("streams-failure"), Map.of(
                // The consumers see the new partitions within a second, not the default five minutes.
                "metadata.max.age.ms", "1000"), List.of()));
        await("streams-failure ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(process::ready);
        assertThat(process.get("/health/live").status()).isEqualTo(200);

        final Map<String, NewPartitions> more = new HashMap<>();
        for (final String topic : kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
                more.put(topic, NewPartitions.increaseTo(FaultKit.partitionsOf(kafka.admin(), topic) + 2));
            }
        }
        assertThat(more).as("the application's repartition topics").isNotEmpty();
        kafka.admin().createPartitions(more).all().get(30, TimeUnit.SECONDS);
        // Traffic for the new partitions' metadata to be noticed promptly.
        kafka.produceStrings(Topics.RELEASES, releases());

        final AtomicReference<FaultKit.Answer> lastLive = new AtomicReference<>();
        await("/health/live says 503, or the process is already gone").atMost(EXIT_BOUND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    final FaultKit.Answer live = process.get("/health/live");
                    if (live.status() == 503) {
                        lastLive.set(live);
                    }
                    return live.status() == 503 || !process.isAlive();
                });
        final int exitCode = process.awaitExit(EXIT_BOUND);

        assertThat(exitCode).as(process.logTail(30)).isEqualTo(RunCommand.EXIT_STREAMS_FAILED);
        if (lastLive.get() != null) {
            assertThat(lastLive.get().json().get("status").asText()).isEqualTo("DOWN");
            assertThat(lastLive.get().json().get("reason").asText()).contains("ERROR");
        }
        assertThat(String.join("\n", Files.readAllLines(process.log)))
                .contains("Kafka Streams failed and is shutting down", "exiting with " + RunCommand.EXIT_STREAMS_FAILED);
    }

    @Test
    @DisplayName("SIGTERM is a requested stop, not a failure: the JVM's SIGTERM exit code (143), never 70")
    void sigtermIsNoFailure() throws Exception {
        try (PacewatchProcess stopped = PacewatchProcess.start("sigterm", kafka.bootstrapServers(),
                fault.applicationId("sigterm"), fault.newDir("sigterm"), Map.of(), List.of())) {
            await("sigterm ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(stopped::ready);
            final int exitCode = stopped.stop();
            final String log = String.join("\n", Files.readAllLines(stopped.log));
            assertThat(exitCode).as(stopped.logTail(30)).isEqualTo(SIGTERM_EXIT);
            assertThat(log).doesNotContain("Stopping this instance", "exiting with " + RunCommand.EXIT_STREAMS_FAILED);
        }
    }

    private List<KeyValue<String, String>> releases() {
        final List<KeyValue<String, String>> releases = new ArrayList<>();
        for (int r = 0; r < REGIONS; r++) {
            final String region = tag + "-" + r;
            releases.add(KeyValue.pair(region + "|RETAIL_SALES|2023", "{\"region\":\"" + region
                    + "\",\"indicator\":\"RETAIL_SALES\",\"period\":\"2023-03\",\"growthPercent\":3.5"
                    + ",\"publishedAt\":\"2023-04-15T09:00:00+08:00\",\"source\":\"bureau\"}"));
        }
        return releases;
    }
}
