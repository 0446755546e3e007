package io.pacewatch.hostile;

import io.pacewatch.wire.DeadLetterHeaders;
import static io.pacewatch.hostile.HostileService.bytes;
import static io.pacewatch.hostile.HostileService.header;
import static io.pacewatch.hostile.HostileService.hiddenIn;
import static io.pacewatch.hostile.HostileService.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacewatch.hostile.HostileCorpus.Case;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile corpus through the topic, on a real broker and the whole service: every case is sent
 * to {@code pacewatch.releases} followed by a valid release of a series of its own. Every refused
 * case must be on the DLQ exactly once, with its reason, its original bytes and where it came from;
 * every accepted case and every valid release must be judged; the stream must still be RUNNING; and
 * the rejection counters must have grown by exactly the corpus counts.
 *
 * <p>The broker and {@code pacewatch.releases} are shared with the other integration tests of the
 * JVM, so the service first catches up with whatever is already on the topic, counters are compared
 * as deltas, and DLQ records are matched by their source partition and offset.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    /** The region of the corpus case {@code period-1999-for-2023-target}. */
    private static final String LATE_REGION = "hostile-1999";

    private KafkaTestBroker kafka;
    private HostileService pacewatch;

    /** What the corpus test saw, for the tests after it. */
    private final Map<Case, ConsumerRecord<byte[], byte[]>> deadLettered = new LinkedHashMap<>();

    @BeforeAll
    void startService() throws Exception {
        pacewatch = HostileService.start(kafka, "hostile");
    }

    @AfterAll
    void stopService() throws IOException {
        if (pacewatch != null) {
            pacewatch.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("every hostile record is dead-lettered once with its reason and bytes, or judged; valid records"
            + " alongside are all judged; the stream keeps running; counters match the corpus")
    void corpusThroughTheTopic() throws Exception {
        final List<Case> cases = HostileCorpus.load().stream()
                .filter(c -> !KnownBugs.STREAM.containsKey(c.name())).toList();
        final List<Case> sendable = cases.stream().filter(c -> !c.brokerRefuses()).toList();
        final List<Case> refused = sendable.stream().filter(c -> !c.accepted()).toList();
        final List<Case> accepted = sendable.stream().filter(Case::accepted).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(60);

        final Map<TopicPartition, Long> progressStart = pacewatch.endOffsets(Topics.PROGRESS, IsolationLevel.READ_UNCOMMITTED);
        // The late 1999 figure comes from a region whose target is for 2023: it must not count towards 2023.
        kafka.produce(Topics.TARGETS, LATE_REGION + "|BUDGET_REVENUE|2023", "{\"region\":\"" + LATE_REGION + "\","
                + "\"year\":2023,\"indicator\":\"BUDGET_REVENUE\",\"kind\":\"AMOUNT\",\"value\":127,\"unit\":\"亿元\","
                + "\"publishedAt\":\"2023-01-10T09:00:00+08:00\",\"source\":\"work report\"}");
        assertThat(pacewatch.awaitCaughtUp(Topics.RELEASES)).as("caught up with the topic before the test").isTrue();
        assertThat(pacewatch.awaitCaughtUp(Topics.TARGETS)).as("caught up with the targets before the test").isTrue();
        final double unexpectedBefore = pacewatch.rejectedCounts(null).getOrDefault(DeadLetterHeaders.UNEXPECTED, 0.0);
        final Map<String, Double> before = pacewatch.rejectedCounts(Topics.RELEASES);

        // Each case, then a valid release of a series of its own.
        final Map<Case, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        final Map<String, Future<RecordMetadata>> valid = new LinkedHashMap<>();
        final Map<Case, Throwable> brokerRefusals = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = pacewatch.producer(true)) {
            for (final Case c : cases) {
                if (c.brokerRefuses()) {
                    brokerRefusals.put(c, sendOverTheLimit(c));
                } else {
                    sent.put(c, producer.send(new ProducerRecord<>(Topics.RELEASES, bytes(c.key()), c.payload())));
                }
                final String region = "hv-" + pacewatch.run + "-" + c.index();
                final String series = region + "|BUDGET_REVENUE|2023";
                valid.put(series, producer.send(new ProducerRecord<>(Topics.RELEASES, bytes(series),
                        bytes(String.format(HostileCorpus.VALID_TEMPLATE, region, "财政局", "")))));
            }
            producer.flush();
        }
        final Map<Case, RecordMetadata> offsets = new LinkedHashMap<>();
        for (final Map.Entry<Case, Future<RecordMetadata>> e : sent.entrySet()) {
            offsets.put(e.getKey(), e.getValue().get(30, TimeUnit.SECONDS));
        }
        final Set<String> validSources = new HashSet<>();
        for (final Future<RecordMetadata> ack : valid.values()) {
            validSources.add(source(ack.get(30, TimeUnit.SECONDS)));
        }

        // Every refused case on the DLQ, every accepted case and valid release on the progress topic.
        final Map<String, Case> bySource = new HashMap<>();
        sendable.forEach(c -> bySource.put(source(offsets.get(c)), c));
        pacewatch.readUntil(Topics.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> records.stream().map(HostileInputIT::sourceOf).filter(bySource::containsKey)
                        .map(bySource::get).filter(c -> !c.accepted()).distinct().count() >= refused.size());
        final String late2023 = LATE_REGION + "|BUDGET_REVENUE|2023";
        final Set<String> expectedSeries = new HashSet<>(valid.keySet());
        accepted.forEach(c -> expectedSeries.add(c.series()));
        expectedSeries.add(late2023);
        final Map<String, JsonNode> progressBySeries = new HashMap<>();
        pacewatch.readUntil(Topics.PROGRESS, new StringDeserializer(), new StringDeserializer(), records -> {
            progressBySeries.clear();
            records.stream()
                    .filter(r -> r.offset() >= progressStart.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))
                    .filter(r -> r.value() != null && expectedSeries.contains(r.key()))
                    .forEach(r -> progressBySeries.put(r.key(), json(r.value())));
            return progressBySeries.keySet().containsAll(expectedSeries);
        });
        final Map<String, String> statusBySeries = new HashMap<>();
        progressBySeries.forEach((series, progress) -> statusBySeries.put(series, progress.path("status").asText()));
        final boolean caughtUp = pacewatch.awaitCaughtUp(Topics.RELEASES);
        final Map<String, Double> after = pacewatch.rejectedCounts(Topics.RELEASES);
        // The whole DLQ once everything is committed: a duplicate would be visible by now.
        final List<ConsumerRecord<byte[], byte[]>> dlq = pacewatch.readUntil(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), null);

        // Checked by hand rather than with soft assertions: a thousand of those take seconds each run.
        final List<String> problems = new ArrayList<>();
        final Map<Case, List<ConsumerRecord<byte[], byte[]>>> dlqByCase = new LinkedHashMap<>();
        dlq.stream().filter(r -> bySource.containsKey(sourceOf(r)))
                .forEach(r -> dlqByCase.computeIfAbsent(bySource.get(sourceOf(r)), k -> new ArrayList<>()).add(r));
        for (final Case c : refused) {
            final List<ConsumerRecord<byte[], byte[]>> records = dlqByCase.getOrDefault(c, List.of());
            if (records.size() != 1) {
                problems.add(c.name() + ": " + records.size() + " DLQ records, expected exactly 1");
                if (records.isEmpty()) {
                    continue;
                }
            }
            final ConsumerRecord<byte[], byte[]> r = records.get(0);
            deadLettered.put(c, r);
            check(problems, c, "reason header", header(r, DeadLetterHeaders.REASON_HEADER), c.expectedReason());
            if (!Arrays.equals(r.value(), c.payload())) {
                problems.add(c.name() + ": the DLQ value is not the original bytes");
            }
            if (!Arrays.equals(r.key(), bytes(c.key()))) {
                problems.add(c.name() + ": the DLQ key is not the original key");
            }
            check(problems, c, "__streams.errors.topic", header(r, "__streams.errors.topic"), Topics.RELEASES);
            check(problems, c, "__streams.errors.partition", header(r, "__streams.errors.partition"),
                    Integer.toString(offsets.get(c).partition()));
            check(problems, c, "__streams.errors.offset", header(r, "__streams.errors.offset"),
                    Long.toString(offsets.get(c).offset()));
            final String message = String.valueOf(header(r, "__streams.errors.message"));
            if (!message.startsWith(c.expectedReason() + ": ")) {
                problems.add(c.name() + ": __streams.errors.message does not name the reason: " + message);
            }
        }
        for (final Case c : accepted) {
            if (dlqByCase.containsKey(c)) {
                problems.add(c.name() + ": must be accepted but is on the DLQ as "
                        + header(dlqByCase.get(c).get(0), DeadLetterHeaders.REASON_HEADER));
            }
            check(problems, c, "status of " + c.series(), statusBySeries.get(c.series()), c.expectedStatus());
        }
        final JsonNode target2023 = progressBySeries.get(late2023);
        if (target2023 == null || target2023.path("releaseVersions").size() != 0 || !target2023.path("ytdValue").isNull()) {
            problems.add("the 1999 figure must not count towards the 2023 target: " + target2023);
        }
        final double unexpectedAfter = pacewatch.rejectedCounts(null).getOrDefault(DeadLetterHeaders.UNEXPECTED, 0.0);
        if (unexpectedAfter != unexpectedBefore) {
            problems.add((unexpectedAfter - unexpectedBefore) + " records dead-lettered as '" + DeadLetterHeaders.UNEXPECTED
                    + "' (a failure that is not a validation rule)");
        }
        if (!caughtUp) {
            problems.add("the service did not catch up with everything sent");
        }
        final List<String> validOnDlq = dlq.stream().map(HostileInputIT::sourceOf).filter(validSources::contains).toList();
        if (!validOnDlq.isEmpty()) {
            problems.add("valid releases on the DLQ: " + validOnDlq);
        }
        valid.keySet().stream().filter(series -> !statusBySeries.containsKey(series))
                .forEach(series -> problems.add("the valid release of " + series + " was not judged"));
        if (brokerRefusals.isEmpty()) {
            problems.add("no case was over the broker's limit");
        }
        brokerRefusals.forEach((c, failure) -> {
            if (!(failure instanceof RecordTooLargeException)) {
                problems.add(c.name() + ": expected the broker to refuse it (RecordTooLargeException), got " + failure);
            }
        });
        if (pacewatch.service.state() != KafkaStreams.State.RUNNING) {
            problems.add("the stream is " + pacewatch.service.state() + ", not RUNNING");
        }
        final HttpResponse<String> ready = pacewatch.get("/health/ready");
        if (ready.statusCode() != 200) {
            problems.add("/health/ready answers " + ready.statusCode() + " " + ready.body());
        }
        final Map<String, Integer> deltas = HostileService.deltas(before, after);
        if (!deltas.equals(HostileCorpus.countByReason(refused))) {
            problems.add("pacewatch_records_rejected_total grew by " + deltas + ", expected "
                    + HostileCorpus.countByReason(refused));
        }

        // The API agrees: every valid series is listed, the late 1999 figure is a series of its own.
        final JsonNode list = Json.MAPPER.readTree(pacewatch.get("/api/progress?year=2023&indicator=BUDGET_REVENUE").body());
        final Set<String> listed = new HashSet<>();
        list.forEach(p -> listed.add(p.get("region").asText() + "|BUDGET_REVENUE|2023"));
        valid.keySet().stream().filter(series -> !listed.contains(series))
                .forEach(series -> problems.add("/api/progress does not list " + series));
        final HttpResponse<String> late = pacewatch.get("/api/progress/" + LATE_REGION + "/BUDGET_REVENUE/1999");
        if (late.statusCode() != 200 || !late.body().contains("\"NOT_ASSESSABLE\"")) {
            problems.add("/api/progress/" + LATE_REGION + "/BUDGET_REVENUE/1999: " + late.statusCode() + " " + late.body());
        }
        // Markup in free text is data: kept as sent, served as JSON that browsers will not sniff as HTML.
        final HttpResponse<String> script = pacewatch.get("/api/progress/hostile-srcscript/BUDGET_REVENUE/2023");
        if (script.statusCode() != 200
                || !script.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                || !script.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")
                || !Json.MAPPER.readTree(script.body()).at("/latest/releaseVersions/0/source").asText()
                        .equals("<script>alert('x')</script>")) {
            problems.add("/api/progress/hostile-srcscript/BUDGET_REVENUE/2023: " + script.statusCode() + " "
                    + script.headers().map() + " " + script.body());
        }
        assertThat(problems).as("%d cases (%d refused, %d accepted, %d over the broker's limit), %d valid releases",
                cases.size(), refused.size(), accepted.size(), brokerRefusals.size(), valid.size()).isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("DLQ messages echo hostile values with hidden characters escaped")
    void deadLetterMessagesAreEscaped() {
        assertThat(deadLettered).as("the corpus test ran first").isNotEmpty();
        final Map<String, String> unescaped = new LinkedHashMap<>();
        deadLettered.forEach((c, r) -> {
            final String message = header(r, "__streams.errors.message");
            if (!KnownBugs.UNESCAPED_MESSAGE.containsKey(c.name()) && !hiddenIn(message).isEmpty()) {
                unescaped.put(c.name(), hiddenIn(message) + " in " + message);
            }
        });
        assertThat(unescaped).as("hidden characters in __streams.errors.message").isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("the values once echoed raw (KnownBugs) are escaped in DLQ messages too")
    void deadLetterMessagesOfKnownBugsAreEscaped() {
        assertThat(deadLettered).as("the corpus test ran first").isNotEmpty();
        final Map<String, String> unescaped = new LinkedHashMap<>();
        deadLettered.forEach((c, r) -> {
            final String message = header(r, "__streams.errors.message");
            if (!hiddenIn(message).isEmpty()) {
                unescaped.put(c.name(), hiddenIn(message) + " in " + message);
            }
        });
        assertThat(unescaped).as("hidden characters in __streams.errors.message").isEmpty();
    }

    @Test
    @Order(4)
    @DisplayName("known bugs: each is dead-lettered with its reason, and a valid release of the same region after it is judged")
    void knownBugCases() throws Exception {
        final ObjectMapper plain = new ObjectMapper();
        final List<Case> cases = HostileCorpus.load().stream().filter(c -> KnownBugs.STREAM.containsKey(c.name())).toList();
        final Map<Case, RecordMetadata> offsets = new LinkedHashMap<>();
        final Set<String> followUps = new HashSet<>();
        final Map<TopicPartition, Long> progressStart = pacewatch.endOffsets(Topics.PROGRESS, IsolationLevel.READ_UNCOMMITTED);
        try (KafkaProducer<byte[], byte[]> producer = pacewatch.producer(true)) {
            for (final Case c : cases) {
                offsets.put(c, producer.send(new ProducerRecord<>(Topics.RELEASES, bytes(c.key()), c.payload()))
                        .get(30, TimeUnit.SECONDS));
                String region = null;
                try {
                    region = plain.readTree(c.payload()).path("region").asText(null);
                } catch (final IOException e) {
                    // not JSON: no follow-up
                }
                if (region != null) {
                    // A later, valid figure of the same region and series must still be judged.
                    final String later = String.format(HostileCorpus.VALID_TEMPLATE, region, "财政局", "")
                            .replace("\"value\":60", "\"value\":61");
                    producer.send(new ProducerRecord<>(Topics.RELEASES, null, bytes(later))).get(30, TimeUnit.SECONDS);
                    followUps.add(region + "|BUDGET_REVENUE|2023");
                }
            }
        }
        final Map<String, Case> bySource = new HashMap<>();
        offsets.forEach((c, m) -> bySource.put(source(m), c));
        final List<ConsumerRecord<byte[], byte[]>> dlq = pacewatch.readUntil(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), records -> records.stream()
                        .map(HostileInputIT::sourceOf).filter(bySource::containsKey).distinct().count() >= cases.size());
        final Map<String, String> judged = new HashMap<>();
        pacewatch.readUntil(Topics.PROGRESS, new StringDeserializer(), new StringDeserializer(), records -> {
            records.stream()
                    .filter(r -> r.offset() >= progressStart.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))
                    .filter(r -> r.value() != null && followUps.contains(r.key()))
                    .forEach(r -> judged.put(r.key(), r.value()));
            return judged.keySet().containsAll(followUps);
        });
        final SoftAssertions softly = new SoftAssertions();
        for (final Case c : cases) {
            final List<String> reasons = dlq.stream().filter(r -> c.equals(bySource.get(sourceOf(r))))
                    .map(r -> header(r, DeadLetterHeaders.REASON_HEADER)).toList();
            softly.assertThat(reasons).as("%s (%s)", c.name(), KnownBugs.STREAM.get(c.name()))
                    .containsExactly(c.expectedReason());
        }
        softly.assertThat(judged.keySet()).as("valid releases after the hostile ones are judged").containsAll(followUps);
        softly.assertThat(dlq.stream()
                        .filter(r -> DeadLetterHeaders.UNEXPECTED.equals(header(r, DeadLetterHeaders.REASON_HEADER)))
                        .map(r -> header(r, "__streams.errors.topic") + ": " + header(r, "__streams.errors.message")).toList())
                .as("no failure other than a validation rule").isEmpty();
        softly.assertThat(pacewatch.service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        softly.assertAll();
    }

    private Throwable sendOverTheLimit(final Case c) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = pacewatch.producer(false)) {
            producer.send(new ProducerRecord<>(Topics.RELEASES, bytes(c.key()), c.payload())).get(30, TimeUnit.SECONDS);
            return null;
        } catch (final ExecutionException e) {
            return e.getCause();
        } catch (final java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private static void check(final List<String> problems, final Case c, final String what, final String actual,
                              final String expected) {
        if (!java.util.Objects.equals(actual, expected)) {
            problems.add(c.name() + ": " + what + " is " + actual + ", expected " + expected);
        }
    }

    private static String sourceOf(final ConsumerRecord<byte[], byte[]> dlq) {
        return HostileService.sourceOf(dlq, Topics.RELEASES);
    }

    private static JsonNode json(final String progress) {
        try {
            return Json.MAPPER.readTree(progress);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
