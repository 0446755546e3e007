package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.ingest.TestFiles;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP intake on the whole service and a real broker: what it accepts reaches the stream with the
 * token's name as source (in the message and in a header), and every refusal (bad rows, a cut-off body,
 * another region, no or a wrong token, an oversize body) leaves the topics exactly as they were.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "luohu-stats";
    private static final int MAX_BYTES = 16 * 1024;
    private final String region = "luohu" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = IntakeTokens.newToken();
    private final HttpClient http = HttpClient.newHttpClient();

    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("pacewatch-intake-it");
        service = IntakeService.start(kafka.bootstrapServers(), "pacewatch-intake-it-" + region, dir,
                Clock.fixed(Instant.parse("2023-03-01T00:00:00Z"), ZoneOffset.UTC), NAME, token, region, MAX_BYTES);
        assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @DisplayName("a clerk's CSV is accepted once Kafka has it; records carry the token's name; resending counts as unchanged, a correction as a revision")
    void acceptsAndTraces() throws Exception {
        final String csv = "地区,指标,时期,累计值,单位,发布时间\n"
                + region + ",BUDGET_REVENUE,2023年1-5月,49,亿元,2023-06-15\n"
                + region + ",BUDGET_REVENUE,2023年1-6月,\"1,060.5\",亿元,2023-07-15\n";
        final HttpResponse<String> accepted = post(Intake.RELEASES, "text/csv; charset=utf-8", csv, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        final JsonNode summary = Json.MAPPER.readTree(accepted.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("revisions").asInt()).isZero();
        assertThat(summary.get("unchanged").asInt()).isZero();
        assertThat(summary.get("source").asText()).isEqualTo(NAME);

        final String key = region + "|BUDGET_REVENUE|2023";
        final List<ConsumerRecord<String, String>> sent = kafka.consumeUntil(Topics.RELEASES, new StringDeserializer(),
                new StringDeserializer(), records -> records.stream().filter(r -> key.equals(r.key())).count() == 2, WAIT);
        assertThat(sent.stream().filter(r -> key.equals(r.key()))).allSatisfy(r -> {
            assertThat(header(r, Intake.SOURCE_HEADER)).isEqualTo(NAME);
            assertThat(Json.MAPPER.readTree(r.value()).get("source").asText()).isEqualTo(NAME);
        });
        final String vintages = "/api/progress/" + region + "/BUDGET_REVENUE/2023/vintages";
        await().atMost(WAIT).until(() -> get(vintages).statusCode() == 200
                && Json.MAPPER.readTree(get(vintages).body()).size() == 2);
        assertThat(Json.MAPPER.readTree(get(vintages).body()))
                .allSatisfy(period -> assertThat(period.at("/latest/source").asText()).isEqualTo(NAME));

        final JsonNode again = Json.MAPPER.readTree(post(Intake.RELEASES, "text/csv", csv, token).body());
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(again.get("revisions").asInt()).isZero();

        final HttpResponse<String> correction = post(Intake.RELEASES, "application/json", "[" + release(region,
                "2023-06", "61.5", "2023-07-20T09:00:00+08:00") + "]", token);
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(correction.body()).get("revisions").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a workbook is read as publish reads it: cell types respected, errors by sheet and cell")
    void workbook() throws Exception {
        final List<Object> headings = List.of("地区", "指标", "时期", "累计值", "单位", "发布时间");
        final byte[] good = TestFiles.xlsx(Map.of("数据", List.of(headings,
                List.of(region, "固定资产投资", "2023年1-3月", 31.5, "亿元", LocalDate.of(2023, 4, 18)))));
        final HttpResponse<String> accepted = post(Intake.RELEASES, IntakeMediaTypes.XLSX, good, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(accepted.body()).get("accepted").asInt()).isEqualTo(1);

        final long before = endOffsets(Topics.RELEASES);
        final byte[] bad = TestFiles.xlsx(Map.of("数据", List.of(headings,
                List.of(region, "固定资产投资", "2023年1-3月", "三十", "亿元", LocalDate.of(2023, 4, 18)))));
        final HttpResponse<String> refused = post(Intake.RELEASES, IntakeMediaTypes.XLSX, bad, token);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(refused.body()).at("/errors/0/place").asText()).isEqualTo("sheet 数据, D2");
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("one bad row refuses the whole body with every row's error, and nothing is sent")
    void rejectsInvalidRows() throws Exception {
        final long before = endOffsets(Topics.RELEASES);
        final String body = "[" + release(region, "2023-04", "40", "2023-05-15T09:00:00+08:00") + ",\n"
                + release(region, "2023-13", "41", "2023-05-15T09:00:00+08:00") + ",\n"
                + release(region, "2023-05", "42", "2023-06-15T09:00:00+08:00")
                        .replace("\"publishedAt\"", "\"source\":\"someone else\",\"publishedAt\"") + "]";
        final HttpResponse<String> refused = post(Intake.RELEASES, "application/json", body, token);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        final JsonNode answer = Json.MAPPER.readTree(refused.body());
        assertThat(answer.get("rows").asInt()).isEqualTo(3);
        assertThat(answer.get("errors")).hasSize(2);
        assertThat(answer.at("/errors/0/place").asText()).isEqualTo("line 2");
        assertThat(answer.at("/errors/0/reason").asText()).isEqualTo("invalid_period");
        assertThat(answer.at("/errors/1/place").asText()).isEqualTo("line 3");
        assertThat(answer.at("/errors/1/detail").asText()).contains("is not the sender").contains(NAME);
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("a body cut off in the middle is refused whole: the valid rows before the cut are not sent")
    void partialBody() throws Exception {
        final long before = endOffsets(Topics.RELEASES);
        final String lines = release(region, "2023-07", "70", "2023-08-15T09:00:00+08:00") + "\n"
                + release(region, "2023-08", "80", "2023-09-15T09:00:00+08:00");
        final HttpResponse<String> cutLines = post(Intake.RELEASES, "application/x-ndjson",
                lines.substring(0, lines.length() - 20), token);
        assertThat(cutLines.statusCode()).as(cutLines.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(cutLines.body()).at("/errors/0/place").asText()).isEqualTo("line 2");

        final String array = "[" + lines.replace("\n", ",\n") + "]";
        final HttpResponse<String> cutArray = post(Intake.RELEASES, "application/json",
                array.substring(0, array.length() - 30), token);
        assertThat(cutArray.statusCode()).as(cutArray.body()).isEqualTo(400);
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("a token publishing another region gets 403 naming it; nothing is sent")
    void wrongRegion() throws Exception {
        final long before = endOffsets(Topics.RELEASES);
        final String body = release(region, "2023-04", "40", "2023-05-15T09:00:00+08:00") + "\n"
                + release("shenzhen", "2023-04", "900", "2023-05-15T09:00:00+08:00") + "\n";
        final HttpResponse<String> refused = post(Intake.RELEASES, "application/jsonl", body, token);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(refused.body()).get("error").asText())
                .contains("shenzhen").contains(NAME).doesNotContain(token);
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("no token or an unknown one gets 401 with WWW-Authenticate: Bearer, before the body is read")
    void badToken() throws Exception {
        final long before = endOffsets(Topics.RELEASES);
        final String body = release(region, "2023-04", "40", "2023-05-15T09:00:00+08:00");
        final HttpResponse<String> none = post(Intake.RELEASES, "application/json", body, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        final String guess = IntakeTokens.newToken();
        final HttpResponse<String> unknown = post(Intake.RELEASES, "application/json", body, guess);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));
        assertThat(unknown.body()).doesNotContain(guess);
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("a body over --intake-max-bytes gets 413; nothing is sent")
    void oversize() throws Exception {
        final long before = endOffsets(Topics.RELEASES);
        final StringBuilder body = new StringBuilder();
        while (body.length() <= MAX_BYTES) {
            body.append(release(region, "2023-04", "40", "2023-05-15T09:00:00+08:00")).append('\n');
        }
        final byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        // Sent straight away (the server drops the rest so the client reads the 413, not a reset), and
        // sent the way curl sends large bodies, waiting for 100 Continue (refused before any is sent).
        final HttpResponse<String> refused = post(Intake.RELEASES, "application/x-ndjson", bytes, token);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("over " + MAX_BYTES + " bytes");
        // (A raw socket: Java 17's HttpClient blocks on a final answer to Expect: 100-continue, JDK-8286171.)
        try (Socket socket = new Socket(uri("/").getHost(), uri("/").getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("POST " + Intake.RELEASES + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: " + bytes.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            final String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).as("answered before any of the body was sent").startsWith("HTTP/1.1 413");
        }
        assertThat(endOffsets(Topics.RELEASES)).isEqualTo(before);
    }

    @Test
    @DisplayName("the same file posted twice at once: both acknowledged, the stream keeps each version once")
    void concurrentPosts() throws Exception {
        final String concurrent = region + "c";
        final Path tokens = dir.resolve("tokens.json");
        // The token may publish this region too; the file is reread on the next request.
        Files.writeString(tokens, Files.readString(tokens).replace("\"" + region + "\"]",
                "\"" + region + "\",\"" + concurrent + "\"]"));
        final String body = "[" + growth(concurrent, "2023-05", "4.8", "2023-06-15T09:30:00+08:00") + ","
                + growth(concurrent, "2023-06", "5.1", "2023-07-15T09:30:00+08:00") + "]";
        final long before = endOffsets(Topics.RELEASES);

        final CompletableFuture<HttpResponse<String>> first = postAsync(body);
        final CompletableFuture<HttpResponse<String>> second = postAsync(body);
        assertThat(List.of(first.get(), second.get())).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(Json.MAPPER.readTree(r.body()).get("accepted").asInt()).isEqualTo(2);
        });
        assertThat(endOffsets(Topics.RELEASES)).as("both requests were sent").isEqualTo(before + 4);

        // Once the stream has taken the four records, each version is there once and none is a revision.
        // (Not the revision counter: this service also reads what other tests left on the shared topic.)
        final String vintages = "/api/progress/" + concurrent + "/RETAIL_SALES/2023/vintages";
        await().atMost(WAIT).untilAsserted(() -> assertThat(Json.MAPPER.readTree(get(vintages).body())).hasSize(2));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
                assertThat(Json.MAPPER.readTree(get(vintages).body()))
                        .hasSize(2).allSatisfy(period -> assertThat(period.get("versions")).hasSize(1)));
    }

    @Test
    @DisplayName("targets come in the same way, to the targets topic, with the token's name")
    void targets() throws Exception {
        final String target = "{\"region\":\"" + region + "\",\"year\":2023,\"indicator\":\"GDP\",\"kind\":\"GROWTH\","
                + "\"value\":6.5,\"publishedAt\":\"2023-01-10T09:00:00+08:00\"}";
        final HttpResponse<String> accepted = post(Intake.TARGETS, "application/json", target, token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(accepted.body()).get("topic").asText()).isEqualTo(Topics.TARGETS);
        final String key = region + "|GDP|2023";
        final List<ConsumerRecord<String, String>> sent = kafka.consumeUntil(Topics.TARGETS, new StringDeserializer(),
                new StringDeserializer(), records -> records.stream().anyMatch(r -> key.equals(r.key())), WAIT);
        assertThat(sent.stream().filter(r -> key.equals(r.key()))).singleElement().satisfies(r -> {
            assertThat(header(r, Intake.SOURCE_HEADER)).isEqualTo(NAME);
            assertThat(Json.MAPPER.readTree(r.value()).get("source").asText()).isEqualTo(NAME);
        });
    }

    @Test
    @DisplayName("GET on an intake route is 405 (Allow: POST); an unknown Content-Type 415; other routes still refuse POST")
    void methodsAndMediaTypes() throws Exception {
        final HttpResponse<String> got = get(Intake.RELEASES);
        assertThat(got.statusCode()).isEqualTo(405);
        assertThat(got.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post(Intake.RELEASES, "text/plain", "x", token).statusCode()).isEqualTo(415);
        final HttpResponse<String> elsewhere = post("/api/progress", "application/json", "{}", token);
        assertThat(elsewhere.statusCode()).isEqualTo(405);
        assertThat(elsewhere.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private CompletableFuture<HttpResponse<String>> postAsync(final String body) {
        return http.sendAsync(request(Intake.RELEASES, "application/json", body, token),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String type, final String body, final String bearer)
            throws Exception {
        return post(path, type, body.getBytes(StandardCharsets.UTF_8), bearer);
    }

    private HttpResponse<String> post(final String path, final String type, final byte[] body, final String bearer)
            throws Exception {
        return http.send(request(path, type, body, bearer), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(final String path, final String type, final String body, final String bearer) {
        return request(path, type, body.getBytes(StandardCharsets.UTF_8), bearer);
    }

    private HttpRequest request(final String path, final String type, final byte[] body, final String bearer) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.build();
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + service.httpAddress().getPort() + path);
    }

    private long endOffsets(final String topic) throws Exception {
        final Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return kafka.admin().listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static String header(final ConsumerRecord<String, String> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String release(final String region, final String period, final String value,
                                  final String publishedAt) {
        return "{\"region\":\"" + region + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"unit\":\"亿元\",\"publishedAt\":\"" + publishedAt + "\"}";
    }

    private static String growth(final String region, final String period, final String percent,
                                 final String publishedAt) {
        return "{\"region\":\"" + region + "\",\"indicator\":\"RETAIL_SALES\",\"period\":\"" + period
                + "\",\"growthPercent\":" + percent + ",\"publishedAt\":\"" + publishedAt + "\"}";
    }
}
