package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read side of issue #11 on two instances sharing the work: {@code /api/progress} pages (limit,
 * opaque cursor, {@code Link: rel="next"}) that together hold every series once, in key order,
 * whichever instance is asked and whichever holds what; {@code /api/series-index} lists the regions
 * and years with data; and an unchanged answer asked again with its ETag is a 304 without a body.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressPagingIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int REGIONS = 12;
    private static final int LIMIT = 2;

    private final String tag = "p" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PacewatchService> instances = new ArrayList<>();
    private SharedApplication app;
    private KafkaTestBroker kafka;

    @BeforeAll
    void startTwoInstances() throws Exception {
        app = SharedApplication.start(kafka, "pacewatch-paging-" + tag, 2, WAIT);
        instances.addAll(app.instances());
        kafka.produceStrings(Topics.RELEASES, RetailReleases.forRegions(tag, REGIONS));
        for (final PacewatchService instance : instances) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> ours(unpaged(instance)).size() == REGIONS);
        }
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    @Test
    @DisplayName("pages of at most `limit`, followed by Link rel=next, hold every series once in key order, on either instance")
    void pagesCoverEverySeriesOnce() throws Exception {
        final List<String> expected = IntStream.range(0, REGIONS).mapToObj(r -> tag + "-" + r + "|RETAIL_SALES|2023")
                .sorted(ProgressPagingIT::byBytes).toList();
        for (final PacewatchService instance : instances) {
            assertThat(walk(instance).stream().filter(k -> k.startsWith(tag + "-")).toList()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("one instance holding every partition pages in key order too (its store is several stores, one after the other)")
    void oneInstanceWithSeveralPartitions() throws Exception {
        final List<String> expected = IntStream.range(0, REGIONS).mapToObj(r -> tag + "-" + r + "|RETAIL_SALES|2023")
                .sorted(ProgressPagingIT::byBytes).toList();
        try (SharedApplication solo = SharedApplication.start(kafka, "pacewatch-paging-solo-" + tag, 1, WAIT)) {
            final PacewatchService instance = solo.instances().get(0);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> ours(unpaged(instance)).size() == REGIONS);
            assertThat(walk(instance).stream().filter(k -> k.startsWith(tag + "-")).toList()).isEqualTo(expected);
        }
    }

    /** Every key of RETAIL_SALES 2023, page by page; checks each page and the order as it goes. */
    private List<String> walk(final PacewatchService instance) throws Exception {
        final List<String> walked = new ArrayList<>();
        int pages = 0;
        Optional<String> next = Optional.of("/api/progress?indicator=RETAIL_SALES&year=2023&limit=" + LIMIT);
        while (next.isPresent() && pages < 100) {
            final HttpResponse<String> page = get(instance, next.get(), null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("Pacewatch-Partial")).hasValue("false");
            final JsonNode items = Json.MAPPER.readTree(page.body());
            assertThat(items.size()).isLessThanOrEqualTo(LIMIT);
            items.forEach(p -> walked.add(p.get("region").asText() + "|" + p.get("indicator").asText() + "|"
                    + p.get("year").asInt()));
            next = page.headers().firstValue("Link").map(ProgressPagingIT::nextTarget);
            next.ifPresent(link -> assertThat(link).contains("indicator=RETAIL_SALES")
                    .contains("limit=" + LIMIT).contains("cursor="));
            pages++;
        }
        assertThat(next).as("the walk ends").isEmpty();
        assertThat(pages).isGreaterThanOrEqualTo(REGIONS / LIMIT);
        assertThat(walked).doesNotHaveDuplicates();
        assertThat(walked).isSortedAccordingTo(ProgressPagingIT::byBytes);
        return walked;
    }

    @Test
    @DisplayName("filters apply before paging: one region's page holds just that region's series, with no next page")
    void filtersBeforePaging() throws Exception {
        final HttpResponse<String> page = get(instances.get(0), "/api/progress?region=" + tag + "-7&limit=" + LIMIT, null);
        assertThat(page.statusCode()).isEqualTo(200);
        final JsonNode items = Json.MAPPER.readTree(page.body());
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("region").asText()).isEqualTo(tag + "-7");
        assertThat(page.headers().firstValue("Link")).isEmpty();
    }

    @Test
    @DisplayName("a cursor this API did not give, or a limit out of range, is a 400 that says so")
    void badCursorOrLimit() throws Exception {
        final HttpResponse<String> cursor = get(instances.get(0), "/api/progress?cursor=%25%25%25", null);
        assertThat(cursor.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(cursor.body()).get("error").asText()).contains("cursor");
        final HttpResponse<String> limit = get(instances.get(0), "/api/progress?limit=0", null);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(limit.body()).get("error").asText()).contains("limit");
    }

    @Test
    @DisplayName("/api/series-index lists every region with its years and the indicators, from either instance")
    void seriesIndex() throws Exception {
        for (final PacewatchService instance : instances) {
            final HttpResponse<String> answer = get(instance, "/api/series-index", null);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
            final JsonNode index = Json.MAPPER.readTree(answer.body());
            final List<String> regions = new ArrayList<>();
            index.get("regions").forEach(r -> {
                if (r.get("region").asText().startsWith(tag + "-")) {
                    regions.add(r.get("region").asText());
                    assertThat(r.get("years").toString()).isEqualTo("[2023]");
                }
            });
            assertThat(regions).hasSize(REGIONS).isSorted();
            assertThat(index.get("indicators").toString()).contains("\"RETAIL_SALES\"");
            assertThat(index.get("years").toString()).contains("2023");
        }
    }

    @Test
    @DisplayName("an unchanged answer asked again with its ETag is a 304 without a body; another tag gets the 200")
    void conditionalRequests() throws Exception {
        final String path = "/api/progress?region=" + tag + "-3&year=2023";
        final HttpResponse<String> first = get(instances.get(1), path, null);
        assertThat(first.statusCode()).isEqualTo(200);
        final String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        final HttpResponse<String> again = get(instances.get(1), path, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);

        final HttpResponse<String> other = get(instances.get(1), path, "\"not-the-tag\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());

        final HttpResponse<String> detail = get(instances.get(0), "/api/progress/" + tag + "-3/RETAIL_SALES/2023", null);
        assertThat(get(instances.get(0), "/api/progress/" + tag + "-3/RETAIL_SALES/2023",
                detail.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
    }

    private List<JsonNode> ours(final HttpResponse<String> response) throws Exception {
        final List<JsonNode> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            Json.MAPPER.readTree(response.body()).forEach(n -> {
                if (n.get("region").asText().startsWith(tag + "-")) {
                    found.add(n);
                }
            });
        }
        return found;
    }

    private HttpResponse<String> unpaged(final PacewatchService instance) throws Exception {
        return get(instance, "/api/progress?indicator=RETAIL_SALES&year=2023", null);
    }

    private static String nextTarget(final String link) {
        assertThat(link).endsWith("; rel=\"next\"");
        return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    }

    private static int byBytes(final String a, final String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(final PacewatchService instance, final String path, final String ifNoneMatch)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.httpAddress().getPort() + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
