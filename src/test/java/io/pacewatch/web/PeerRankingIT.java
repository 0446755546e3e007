package io.pacewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.RegionLevel;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CatalogueLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Peer rankings end to end on a real broker: three districts of one city ranked in the stream, read
 * through GET /api/ranking, on the progress records, as metrics and, where Chromium is installed, on
 * the leaders' page. The regions are this test's own catalogue, so nothing else on the broker mixes in.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerRankingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String city = "prcity" + tag;
    private final String a = "pra" + tag;
    private final String b = "prb" + tag;
    private final String c = "prc" + tag;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path stateDir;

    @BeforeAll
    void start() throws Exception {
        stateDir = Files.createTempDirectory("pacewatch-rank-it");
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "pacewatch-rank-it-" + tag);
        final RegionCatalogue regions = new RegionCatalogue(List.of(
                new Region(city, "某市", "A City", RegionLevel.CITY, null),
                new Region(a, "甲区", "A District", RegionLevel.DISTRICT, city),
                new Region(b, "乙区", "B District", RegionLevel.DISTRICT, city),
                new Region(c, "丙区", "C District", RegionLevel.DISTRICT, city)));
        service = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0, "127.0.0.1",
                stateDir, true, 2, (short) 1)
                .withClock(Clock.fixed(Instant.parse("2023-07-20T00:00:00Z"), ZoneOffset.UTC))
                .withRegions(regions));
        assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
    }

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        org.apache.kafka.common.utils.Utils.delete(stateDir == null ? null : stateDir.toFile());
    }

    @Test
    @DisplayName("three districts ranked by growth: the API, the progress records, the metrics, a reordering and the page")
    void districtsAreRankedEndToEnd() throws Exception {
        final List<KeyValue<String, String>> targets = new ArrayList<>();
        for (final String region : List.of(a, b, c)) {
            targets.add(KeyValue.pair(region + "|RETAIL_SALES|2023", "{\"region\":\"" + region + "\",\"year\":2023,"
                    + "\"indicator\":\"RETAIL_SALES\",\"kind\":\"GROWTH\",\"value\":5.0,"
                    + "\"publishedAt\":\"2023-01-10T09:00:00+08:00\",\"source\":\"peer ranking test\"}"));
        }
        kafka.produceStrings(Topics.TARGETS, targets);
        kafka.produceStrings(Topics.RELEASES, List.of(retail(a, "5.1", 0), retail(b, "6.0", 0), retail(c, "5.1", 0)));

        final String ranking = "/api/ranking/" + city + "/RETAIL_SALES/2023";
        final JsonNode first = awaitJson(ranking, r -> r.path("ranked").asInt() == 3);
        assertThat(regions(first)).containsExactly(b, a, c);
        assertThat(first.path("entries").findValuesAsText("rank")).containsExactly("1", "2", "2");
        assertThat(first.path("basis").asText()).isEqualTo("CUMULATIVE_GROWTH");
        assertThat(first.path("entries").get(1).path("tied").asBoolean()).isTrue();
        assertThat(first.path("entries").get(1).path("regionNameZh").asText()).isEqualTo("甲区");
        assertThat(regions(get(ranking + "?order=worst"))).containsExactly(c, a, b);
        assertThat(get(ranking + "?month=5")).isEqualTo(first);
        assertThat(status(ranking + "?month=4")).isEqualTo(404);
        assertThat(status(ranking + "?month=13")).isEqualTo(400);

        final JsonNode progress = awaitJson("/api/progress/" + a + "/RETAIL_SALES/2023",
                p -> p.path("latest").path("peerRank").asInt() == 2);
        assertThat(progress.path("latest").path("peerGroup").asText()).isEqualTo(city);
        assertThat(progress.path("latest").path("peerCount").asInt()).isEqualTo(3);
        assertThat(progress.path("latest").path("peerRankTied").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> body("/metrics").contains("pacewatch_peer_rank{indicator=\"RETAIL_SALES\",parent=\""
                + city + "\",region=\"" + a + "\",year=\"2023\"} 2.0"));

        // b's figure is revised down: a and c now share first place, b is third
        kafka.produceStrings(Topics.RELEASES, List.of(retail(b, "4.0", 1)));
        final JsonNode reordered = awaitJson(ranking, r -> r.path("entries").get(0).path("region").asText().equals(a));
        assertThat(regions(reordered)).containsExactly(a, c, b);
        assertThat(reordered.path("entries").findValuesAsText("rank")).containsExactly("1", "1", "3");
        awaitJson("/api/progress/" + b + "/RETAIL_SALES/2023", p -> p.path("latest").path("peerRank").asInt() == 3
                && !p.path("latest").path("peerRankTied").asBoolean());

        if (HeadlessChromium.available()) {
            try (HeadlessChromium chromium = HeadlessChromium.launch(Duration.ofSeconds(30))) {
                final HeadlessChromium.Tab tab = chromium.newTab(1600, 1000);
                tab.navigate(baseUrl() + "/?region=" + a + "&year=2023", Duration.ofSeconds(20));
                final JsonNode figures = tab.waitFor("""
                        [...document.querySelectorAll('#cards .card')]
                          .filter(c => c.dataset.indicator === 'RETAIL_SALES')
                          .map(c => c.querySelector('.figures').textContent)""",
                        f -> f.size() == 1 && f.get(0).asText().contains("同级排名"), Duration.ofSeconds(20),
                        "the retail card with its peer rank");
                assertThat(figures.get(0).asText()).contains("第1/3, 并列").contains("1 of 3, tied");
                assertThat(chromium.problems()).as("script errors, console errors or CSP violations").isEmpty();
            }
        } else {
            System.out.println("PeerRankingIT: " + HeadlessChromium.BINARY + " is not installed; the page is not checked");
        }
    }

    private KeyValue<String, String> retail(final String region, final String growth, final int revision) {
        return KeyValue.pair(region + "|RETAIL_SALES|2023", "{\"region\":\"" + region + "\",\"indicator\":\"RETAIL_SALES\","
                + "\"period\":\"2023-05\",\"value\":100,\"unit\":\"亿元\",\"growthPercent\":" + growth
                + (revision > 0 ? ",\"revision\":" + revision : "")
                + ",\"publishedAt\":\"2023-06-1" + (6 + revision) + "T09:30:00+08:00\",\"source\":\"peer ranking test\"}");
    }

    private static List<String> regions(final JsonNode ranking) {
        return ranking.path("entries").findValuesAsText("region");
    }

    private JsonNode awaitJson(final String path, final java.util.function.Predicate<JsonNode> ready) {
        final JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            last[0] = get(path);
            return ready.test(last[0]);
        });
        return last[0];
    }

    private JsonNode get(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String body(final String path) throws IOException, InterruptedException {
        return send(path).body();
    }

    private int status(final String path) throws IOException, InterruptedException {
        return send(path).statusCode();
    }

    private HttpResponse<String> send(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + service.httpAddress().getPort();
    }
}
