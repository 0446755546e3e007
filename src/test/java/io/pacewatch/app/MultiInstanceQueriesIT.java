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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances share the work. Whichever one is asked, the API answers for every series, and each
 * series is exported as a metric by exactly one instance (the one whose partition is active).
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceQueriesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int REGIONS = 12;
    private static final Pattern STATUS_SERIES = Pattern.compile("pacewatch_pace_status\\{[^}]*region=\"(m[0-9a-f]+-\\d+)\"");

    private final String tag = "m" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PacewatchService> instances = new ArrayList<>();
    private SharedApplication app;
    private KafkaTestBroker kafka;

    @BeforeAll
    void startTwoInstances() throws Exception {
        app = SharedApplication.start(kafka, "pacewatch-multi-" + tag, 2, WAIT);
        instances.addAll(app.instances());
        kafka.produceStrings(Topics.RELEASES, RetailReleases.forRegions(tag, REGIONS));
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    @Test
    @DisplayName("each instance answers for every series, and every series is exported by exactly one instance")
    void answersAreCompleteAcrossInstances() throws Exception {
        for (final PacewatchService instance : instances) {
            final JsonNode all = awaitList(instance);
            assertThat(all).hasSize(REGIONS);
            for (int r = 0; r < REGIONS; r++) {
                final HttpResponse<String> one = get(instance, "/api/progress/" + tag + "-" + r + "/RETAIL_SALES/2023");
                assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(one.body()).at("/latest/region").asText()).isEqualTo(tag + "-" + r);
            }
        }
        final List<Set<String>> exported = new ArrayList<>();
        for (final PacewatchService instance : instances) {
            exported.add(exportedRegions(instance));
        }
        final Set<String> union = new HashSet<>(exported.get(0));
        union.addAll(exported.get(1));
        assertThat(union).hasSize(REGIONS);
        assertThat(exported.get(0)).doesNotContainAnyElementsOf(exported.get(1));
        assertThat(exported).allSatisfy(regions -> assertThat(regions).isNotEmpty());
    }

    /** The instance's list of this test's series, once it holds every region (its views lag the topics). */
    private JsonNode awaitList(final PacewatchService instance) {
        return await("every region listed by " + instance.httpAddress()).atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ours(instance), list -> list.size() == REGIONS);
    }

    private JsonNode ours(final PacewatchService instance) throws Exception {
        final HttpResponse<String> response = get(instance, "/api/progress?indicator=RETAIL_SALES&year=2023");
        final List<JsonNode> ours = new ArrayList<>();
        if (response.statusCode() == 200) {
            Json.MAPPER.readTree(response.body()).forEach(n -> {
                if (n.get("region").asText().startsWith(tag)) {
                    ours.add(n);
                }
            });
        }
        return Json.MAPPER.valueToTree(ours);
    }

    private Set<String> exportedRegions(final PacewatchService instance) throws Exception {
        final Set<String> regions = new HashSet<>();
        final Matcher m = STATUS_SERIES.matcher(get(instance, "/metrics").body());
        while (m.find()) {
            if (m.group(1).startsWith(tag)) {
                regions.add(m.group(1));
            }
        }
        return regions;
    }

    private HttpResponse<String> get(final PacewatchService instance, final String path) throws Exception {
        final URI uri = URI.create("http://127.0.0.1:" + instance.httpAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
