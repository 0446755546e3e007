package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Severity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookClientTest {

    @Test
    void successIsWhatEachReceiverSaysItIs() {
        assertThat(WebhookClient.judge(WebhookType.GENERIC, 204, "", null).delivered()).isTrue();
        assertThat(WebhookClient.judge(WebhookType.SLACK, 200, "ok", null).delivered()).isTrue();
        assertThat(WebhookClient.judge(WebhookType.WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null).delivered()).isTrue();
        assertThat(WebhookClient.judge(WebhookType.DINGTALK, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null).delivered()).isTrue();

        // Robots answer 200 when they refuse a message.
        final Outcome limited = WebhookClient.judge(WebhookType.WECOM, 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", null);
        assertThat(limited.delivered()).isFalse();
        assertThat(limited.detail()).isEqualTo("errcode 45009: api freq out of limit");
        assertThat(WebhookClient.judge(WebhookType.DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", null)
                .detail()).isEqualTo("errcode 310000: sign not match");
        assertThat(WebhookClient.judge(WebhookType.DINGTALK, 200, "<html>proxy</html>", null).delivered()).isFalse();
        assertThat(WebhookClient.judge(WebhookType.WECOM, 200, "{}", null).detail()).contains("without an errcode");

        final Outcome slow = WebhookClient.judge(WebhookType.SLACK, 429, "rate_limited", "30");
        assertThat(slow.delivered()).isFalse();
        assertThat(slow.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(slow.detail()).isEqualTo("HTTP 429: rate_limited");
        assertThat(WebhookClient.judge(WebhookType.GENERIC, 500, "", "30").retryAfter()).isNull();
        assertThat(WebhookClient.judge(WebhookType.GENERIC, 302, "", null).delivered()).isFalse();
    }

    @Test
    void aRealServerThatFailsHangsAndThenAnswersGivesThreeOutcomes() throws Exception {
        try (ScriptedWebhookServer server = new ScriptedWebhookServer();
             WebhookClient client = new WebhookClient(Duration.ofSeconds(2))) {
            server.script("/robot", new ScriptedWebhookServer.Body(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"),
                    new ScriptedWebhookServer.Status(500), new ScriptedWebhookServer.Hang(Duration.ofSeconds(5)));
            final Route route = new Route("r", WebhookType.WECOM, server.url("/robot?key=abc"), null,
                    Map.of("X-Extra", "1"), RouteFilter.ALL, null, null);
            final WebhookRequest request = new AlertFormatter(Clock.systemUTC()).single(route,
                    TestAlerts.inbound(TestAlerts.alert("a", "luohu", "GDP", Severity.WARNING), 0, 0));

            final Outcome first = client.send(route, request).join();
            // The server answers 504 after 5 s; the client has given up by then.
            final Outcome second = client.send(route, request).join();
            final Outcome third = client.send(route, request).join();

            assertThat(first.delivered()).isFalse();
            assertThat(first.detail()).isEqualTo("HTTP 500");
            assertThat(second.delivered()).isFalse();
            assertThat(second.detail()).isEqualTo("timed out after 2s");
            assertThat(third.delivered()).isTrue();
            final ScriptedWebhookServer.Request received = server.successes("/robot").get(0);
            assertThat(received.query()).isEqualTo("key=abc");
            assertThat(received.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(received.header("X-Extra")).isEqualTo("1");
            assertThat(received.header("Idempotency-Key")).isEqualTo(request.idempotencyKey());
            assertThat(received.body()).isEqualTo(request.body());
        }
    }

    @Test
    void nobodyListeningIsAFailureNotAnException() {
        try (WebhookClient client = new WebhookClient(Duration.ofMillis(500))) {
            final Route route = new Route("r", WebhookType.GENERIC, URI.create("http://127.0.0.1:1/hook"), null, Map.of(),
                    RouteFilter.ALL, null, null);
            final Outcome outcome = client.send(route, new WebhookRequest(route.url(), Map.of(), new byte[] {'{', '}'},
                    "k")).join();
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.detail()).containsAnyOf("cannot connect", "timed out");
        }
    }
}
