package io.pacewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.http.Intake;
import io.pacewatch.http.IntakeService;
import io.pacewatch.http.IntakeTokens;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bureau uploads through the HTTP intake while the broker is away: the upload must be refused as a
 * whole, saying that sending it again is safe, and sending it again once the broker is back must leave
 * each version once, whatever part of the refused request reached the broker. Needs the in-process
 * broker (it is stopped); skipped against a Testcontainers broker.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PUBLISHER = "outage-clerk";

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("io");
    private final String region = fault.tag() + "-district";
    private final String token = IntakeTokens.newToken();
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaTestBroker kafka;
    private boolean brokerDown;
    private int port;

    /** Before the fixture's clean-up, which needs the broker. */
    @AfterAll
    void brokerBack() {
        if (brokerDown) {
            kafka.restartBroker();
        }
    }

    @Test
    @DisplayName("an upload while the broker is away gets 503 and may be sent again; once it is back, the same body is taken and each version kept once")
    void anUploadDuringAnOutageIsRefusedAndSentAgain() throws Exception {
        kafka = fault.kafka();
        final Path dir = fault.newDir("intake-outage");
        final PacewatchService service = fault.closeAtEnd(IntakeService.start(kafka.bootstrapServers(),
                fault.applicationId("intake-outage"), dir, Clock.fixed(Instant.parse("2023-09-01T00:00:00Z"), ZoneOffset.UTC),
                PUBLISHER, token, region, 64 * 1024));
        assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
        port = service.httpAddress().getPort();

        final HttpResponse<String> may = post("[" + release("2023-05", "49", "2023-06-15T09:00:00+08:00") + "]");
        assertThat(may.statusCode()).as(may.body()).isEqualTo(202);

        final String juneAndJuly = "[" + release("2023-06", "60", "2023-07-15T09:00:00+08:00") + ","
                + release("2023-07", "70.5", "2023-08-15T09:00:00+08:00") + "]";
        brokerDown = true;
        kafka.stopBroker();
        final HttpResponse<String> refused = post(juneAndJuly);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(refused.body()).get("error").asText())
                .contains("of 2 releases were acknowledged").contains("sending the same body again is safe");
        kafka.restartBroker();
        brokerDown = false;

        // The producer reconnects within its backoff: the same body, sent again until the broker takes it.
        final HttpResponse<String> again = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(juneAndJuly), r -> r.statusCode() != 503);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(again.body()).get("accepted").asInt()).isEqualTo(2);

        final String vintages = "/api/progress/" + region + "/BUDGET_REVENUE/2023/vintages";
        await().atMost(WAIT).untilAsserted(() -> assertThat(Json.MAPPER.readTree(get(vintages).body())).hasSize(3));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
                assertThat(Json.MAPPER.readTree(get(vintages).body()))
                        .hasSize(3).allSatisfy(period -> assertThat(period.get("versions")).hasSize(1)));
    }

    private String release(final String period, final String value, final String publishedAt) {
        return "{\"region\":\"" + region + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"unit\":\"亿元\",\"publishedAt\":\"" + publishedAt + "\"}";
    }

    private HttpResponse<String> post(final String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(Intake.RELEASES)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
