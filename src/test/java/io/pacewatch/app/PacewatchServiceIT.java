package io.pacewatch.app;

import io.pacewatch.wire.DeadLetterHeaders;
import io.pacewatch.wire.RejectedRecordException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole service on a real broker: records in, progress and alerts out on the topics, the same
 * figures on the HTTP API and in /metrics, and refused records on the dead-letter topic with their
 * original bytes and where they came from.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacewatchServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String region = "it" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();

    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path stateDir;

    @BeforeAll
    void startService() throws Exception {
        stateDir = Files.createTempDirectory("pacewatch-it");
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "pacewatch-it-" + region);
        // A "now" before any 2023 release falls due: these tests are about pace, overdue releases have
        // their own (by the system clock every 2023 series here would be overdue).
        service = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0,
                "127.0.0.1", stateDir, true, 2, (short) 1)
                .withClock(java.time.Clock.fixed(java.time.Instant.parse("2023-03-01T00:00:00Z"), java.time.ZoneOffset.UTC)));
        assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
    }

    @AfterAll
    void stopService() throws IOException {
        service.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @DisplayName("a judged release shows the same figures on the progress topic, the API and /metrics, and alerts once")
    void releaseToProgressApiAndMetrics() throws Exception {
        final String key = region + "|BUDGET_REVENUE|2023";
        kafka.produce(Topics.TARGETS, key, "{\"region\":\"" + region + "\",\"year\":2023,\"indicator\":\"BUDGET_REVENUE\","
                + "\"kind\":\"AMOUNT\",\"value\":127,\"unit\":\"亿元\",\"publishedAt\":\"2023-01-10T09:00:00+08:00\","
                + "\"source\":\"work report\"}");
        kafka.produce(Topics.RELEASES, key, release(region, "2023-06", "60"));

        final List<ConsumerRecord<String, String>> progress = kafka.consumeUntil(Topics.PROGRESS,
                new StringDeserializer(), new StringDeserializer(),
                records -> records.stream().anyMatch(r -> key.equals(r.key()) && r.value().contains("\"AT_RISK\"")), WAIT);
        final JsonNode onTopic = Json.MAPPER.readTree(progress.stream()
                .filter(r -> key.equals(r.key())).reduce((a, b) -> b).orElseThrow().value());
        assertThat(onTopic.get("gapPp").decimalValue()).isEqualByComparingTo("-2.76");

        final JsonNode api = awaitJson("/api/progress/" + region + "/BUDGET_REVENUE/2023",
                body -> "AT_RISK".equals(body.at("/latest/status").asText()) && body.path("alerts").size() == 1);
        assertThat(api.at("/latest/completionRatio").decimalValue()).isEqualByComparingTo("0.4724");
        assertThat(api.at("/latest/gapPp").decimalValue()).isEqualByComparingTo(onTopic.get("gapPp").decimalValue());
        assertThat(api.get("history")).hasSize(1);
        assertThat(api.get("alerts")).hasSize(1);
        final JsonNode vintages = getJson("/api/progress/" + region + "/BUDGET_REVENUE/2023/vintages");
        assertThat(vintages).singleElement().satisfies(v -> {
            assertThat(v.get("period").asText()).isEqualTo("2023-S1");
            assertThat(v.get("versions")).hasSize(1);
            assertThat(v.at("/first/value").decimalValue()).isEqualByComparingTo("60");
        });

        final String metrics = get("/metrics").body();
        assertThat(metrics).containsPattern("pacewatch_completion_gap_ratio\\{[^}]*region=\"" + region
                + "\"[^}]*\\} -0\\.0276");
        assertThat(metrics).containsPattern("pacewatch_pace_status\\{[^}]*region=\"" + region + "\"[^}]*\\} 2\\.0");

        final List<ConsumerRecord<String, String>> alerts = kafka.consumeUntil(Topics.ALERTS, new StringDeserializer(),
                new StringDeserializer(), records -> records.stream().anyMatch(r -> key.equals(r.key())), WAIT);
        assertThat(alerts.stream().filter(r -> key.equals(r.key()))).hasSize(1);
    }

    @Test
    @DisplayName("a corrected figure shows in /metrics as the move from its first estimate, as on /vintages")
    void revisionInMetrics() throws Exception {
        final String revised = region + "-rev";
        final String key = revised + "|BUDGET_REVENUE|2023";
        kafka.produce(Topics.RELEASES, key, release(revised, "2023-05", "49"));
        kafka.produce(Topics.RELEASES, key, release(revised, "2023-05", "50.2")
                .replace("\"2023-07-15T09:00:00+08:00\"", "\"2023-07-20T09:00:00+08:00\",\"revision\":1"));

        final String series = "\\{[^}]*region=\"" + revised + "\"[^}]*\\} ";
        final String metrics = awaitMetrics("pacewatch_revised_periods" + series + "1\\.0");
        assertThat(metrics).containsPattern("pacewatch_latest_revision_change_amount_yuan" + series + "1\\.2E8\\b");
        assertThat(metrics).containsPattern("pacewatch_latest_revision_change_ratio" + series + "0\\.0245\\b");
        assertThat(metrics).containsPattern("pacewatch_latest_revision_month" + series + "5\\.0");
        assertThat(getJson("/api/progress/" + revised + "/BUDGET_REVENUE/2023/vintages")).singleElement()
                .satisfies(v -> assertThat(v.get("valueChange").decimalValue()).isEqualByComparingTo("1.2"));
    }

    @Test
    @DisplayName("refused records land on the DLQ with reason, original bytes and source; the stream keeps going")
    void badRecordsGoToTheDeadLetterTopic() throws Exception {
        final String marker = region + "-dlq";
        final String key = marker + "|BUDGET_REVENUE|2023";
        final List<KeyValue<String, String>> bad = List.of(
                KeyValue.pair(key, "{\"region\":\"" + marker + "\" truncated"),
                KeyValue.pair(key, release(marker, "2023-06", "60").replace("BUDGET_REVENUE", "NO_SUCH_THING")),
                KeyValue.pair(key, release(marker, "2023-06", "-5")),
                KeyValue.pair(key, release(marker, "2023-13", "5")),
                KeyValue.pair("someone|else|2023", release(marker, "2023-06", "60")));
        kafka.produceStrings(Topics.RELEASES, bad);
        kafka.produce(Topics.RELEASES, key, release(marker, "2023-03", "30"));

        final List<ConsumerRecord<byte[], byte[]>> dead = kafka.consumeUntil(Topics.DEAD_LETTERS,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker))
                        .count() >= bad.size(), WAIT);
        final List<ConsumerRecord<byte[], byte[]>> ours = dead.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker)).toList();

        assertThat(ours).extracting(r -> header(r, DeadLetterHeaders.REASON_HEADER))
                .containsExactlyInAnyOrder("malformed_json", "unknown_indicator", "negative_amount", "invalid_period",
                        "key_mismatch");
        assertThat(ours).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(bad.stream().map(kv -> kv.value).toList());
        assertThat(ours).allSatisfy(r -> {
            assertThat(header(r, "__streams.errors.topic")).isEqualTo(Topics.RELEASES);
            assertThat(header(r, "__streams.errors.partition")).matches("\\d+");
            assertThat(header(r, "__streams.errors.offset")).matches("\\d+");
            assertThat(header(r, "__streams.errors.message")).isNotBlank();
            // docs/topics.md gives this class name as the header's value.
            assertThat(header(r, "__streams.errors.exception")).isEqualTo(RejectedRecordException.class.getName());
        });

        kafka.consumeUntil(Topics.PROGRESS, new StringDeserializer(), new StringDeserializer(),
                records -> records.stream().anyMatch(r -> key.equals(r.key())), WAIT);
        final String metrics = get("/metrics").body();
        assertThat(metrics).containsPattern("pacewatch_records_rejected_total\\{[^}]*reason=\"key_mismatch\"[^}]*\\} [1-9]");
    }

    @Test
    @DisplayName("a file published with `publish` is judged; a bad file is refused with line numbers and sends nothing")
    void publishedFileEndToEnd(@org.junit.jupiter.api.io.TempDir final Path dir) throws Exception {
        final String fileRegion = region + "-file";
        final Path good = Files.writeString(dir.resolve("releases.csv"),
                "region,indicator,period,basis,value,unit,growthPercent,publishedAt,revision,source,embargoUntil\n"
                        + fileRegion + ",RETAIL_SALES,2023-03,CUMULATIVE,468,亿元,4.2,2023-04-16T09:30:00+08:00,,bureau,\n"
                        + fileRegion + ",RETAIL_SALES,2023-05,CUMULATIVE,781,亿元,5.1,2023-06-16T09:30:00+08:00,,bureau,\n");
        final Path targets = Files.writeString(dir.resolve("targets.jsonl"), "{\"region\":\"" + fileRegion
                + "\",\"year\":2023,\"indicator\":\"RETAIL_SALES\",\"kind\":\"GROWTH\",\"value\":5.0,"
                + "\"publishedAt\":\"2023-01-10T09:00:00+08:00\",\"source\":\"work report\"}\n");
        assertThat(cli("targets", "load", "--bootstrap-servers", kafka.bootstrapServers(), targets.toString()).exit)
                .isZero();
        assertThat(cli("publish", "--bootstrap-servers", kafka.bootstrapServers(), good.toString()).exit).isZero();

        final String key = fileRegion + "|RETAIL_SALES|2023";
        kafka.consumeUntil(Topics.ALERTS, new StringDeserializer(), new StringDeserializer(),
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= 2, WAIT);
        final JsonNode api = awaitJson("/api/progress/" + fileRegion + "/RETAIL_SALES/2023",
                body -> "ON_PACE".equals(body.at("/latest/status").asText()) && body.path("alerts").size() == 2);
        assertThat(api.at("/latest/cumulativeGrowthPercent").decimalValue()).isEqualByComparingTo("5.1");
        assertThat(api.at("/latest/status").asText()).isEqualTo("ON_PACE");
        assertThat(api.get("alerts")).extracting(a -> a.get("status").asText()).containsExactly("ON_PACE", "AT_RISK");
        assertThat(get("/metrics").body()).containsPattern("pacewatch_cumulative_growth_ratio\\{[^}]*region=\""
                + fileRegion + "\"[^}]*\\} 0\\.051\\b");

        final long before = endOffsetsSum(Topics.RELEASES);
        final Path bad = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"region\":\"" + fileRegion + "\",\"indicator\":\"RETAIL_SALES\",\"period\":\"2023-06\","
                        + "\"growthPercent\":5.3,\"publishedAt\":\"2023-07-16T09:30:00+08:00\",\"source\":\"bureau\"}\n"
                        + "{\"region\":\"" + fileRegion + "\",\"indicator\":\"RETAIL_SALES\",\"period\":\"2023-13\","
                        + "\"growthPercent\":5.3,\"publishedAt\":\"2023-07-16T09:30:00+08:00\",\"source\":\"bureau\"}\n");
        final CliRun refused = cli("publish", "--bootstrap-servers", kafka.bootstrapServers(), bad.toString());
        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.err).contains("line 2: invalid_period");
        assertThat(endOffsetsSum(Topics.RELEASES)).isEqualTo(before);
    }

    private record CliRun(int exit, String out, String err) {
    }

    private static CliRun cli(final String... args) {
        final java.io.StringWriter out = new java.io.StringWriter();
        final java.io.StringWriter err = new java.io.StringWriter();
        final int exit = io.pacewatch.cli.PacewatchCli.commandLine().setOut(new java.io.PrintWriter(out))
                .setErr(new java.io.PrintWriter(err)).execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    private long endOffsetsSum(final String topic) throws Exception {
        final var partitions = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        final var specs = new java.util.HashMap<org.apache.kafka.common.TopicPartition,
                org.apache.kafka.clients.admin.OffsetSpec>();
        partitions.forEach(p -> specs.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return kafka.admin().listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    @Test
    @DisplayName("ready and live while running, lists complete with one instance, the runbook served, and bad API requests get a JSON 400 or 404")
    void healthAndErrors() throws Exception {
        final HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ready.body()))
                .isEqualTo(Json.MAPPER.readTree("{\"status\":\"UP\",\"streams\":\"RUNNING\",\"broker\":\"REACHABLE\",\"reasons\":[]}"));
        assertThat(get("/metrics").body()).contains("\npacewatch_broker_reachable 1");
        // The scrape snapshots were made when Streams reached RUNNING, before any scrape asked.
        awaitMetrics("\npacewatch_scrape_warmup_seconds_count [1-9]");
        final HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(live.body())).isEqualTo(Json.MAPPER.readTree("{\"status\":\"UP\"}"));
        for (final String list : List.of("/api/progress", "/api/alerts")) {
            final HttpResponse<String> answer = get(list);
            assertThat(answer.statusCode()).as(list).isEqualTo(200);
            assertThat(answer.headers().firstValue("Pacewatch-Partial")).as(list).hasValue("false");
            assertThat(answer.headers().firstValue("Pacewatch-Unavailable-Instances")).as(list).isEmpty();
        }
        final HttpResponse<String> runbook = get("/runbook");
        assertThat(runbook.statusCode()).isEqualTo(200);
        assertThat(runbook.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        final HttpResponse<String> badYear = get("/api/progress?year=20x3");
        assertThat(badYear.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(badYear.body()).get("error").asText()).contains("year");
        assertThat(get("/api/progress/" + region + "/NO_SUCH/2023").statusCode()).isEqualTo(404);
        assertThat(get("/api/progress/nobody/GDP/2023").statusCode()).isEqualTo(404);
        assertThat(get("/api/alerts?limit=0").statusCode()).isEqualTo(400);
    }

    /** /metrics once it matches {@code pattern}: gauges are read at scrape time, so poll until processed. */
    private String awaitMetrics(final String pattern) {
        final java.util.regex.Pattern wanted = java.util.regex.Pattern.compile(pattern);
        return await("/metrics to match " + pattern).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/metrics").body(), metrics -> wanted.matcher(metrics).find());
    }

    private static String release(final String region, final String period, final String value) {
        return "{\"region\":\"" + region + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"unit\":\"亿元\",\"publishedAt\":\"2023-07-15T09:00:00+08:00\","
                + "\"source\":\"finance bureau\"}";
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The API once {@code ready} holds: its views are read from the topics pacewatch writes, so they
     * can lag a record a test has just seen on a topic.
     */
    private JsonNode awaitJson(final String path, final java.util.function.Predicate<JsonNode> ready) {
        final AtomicReference<JsonNode> json = new AtomicReference<>();
        await(path).atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            final HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
            json.set(Json.MAPPER.readTree(response.body()));
            assertThat(ready.test(json.get())).as(path + " ready: " + response.body()).isTrue();
        });
        return json.get();
    }

    private JsonNode getJson(final String path) throws Exception {
        final HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> get(final String path) throws Exception {
        final URI uri = URI.create("http://127.0.0.1:" + service.httpAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
