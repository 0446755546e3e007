package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacewatch.domain.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesFileTest {

    static final Map<String, String> ENV = Map.of(
            "AUDIT_HMAC_SECRET", "audit-secret",
            "AUDIT_TOKEN", "t0ken",
            "WECOM_LEADERS_KEY", "693a91f6-7xxx",
            "DINGTALK_TOKEN", "abc123",
            "DINGTALK_SECRET", "SECexample0123456789",
            "SLACK_WEBHOOK_PATH", "T000/B000/XXXX");

    static String example() throws IOException {
        try (InputStream in = RoutesFileTest.class.getResourceAsStream("/notify/routes-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentedExampleReadsAsFourRoutes() throws IOException {
        final List<Route> routes = RoutesFile.parse(example(), ENV, "routes-example.json");

        assertThat(routes).extracting(Route::name)
                .containsExactly("audit-log", "district-leaders", "finance-bureau", "analysts-slack");
        final Route audit = routes.get(0);
        assertThat(audit.type()).isEqualTo(WebhookType.GENERIC);
        assertThat(audit.secret()).isEqualTo("audit-secret");
        assertThat(audit.headers()).containsEntry("Authorization", "Bearer t0ken");
        assertThat(audit.filter()).isEqualTo(RouteFilter.ALL);
        assertThat(audit.minInterval()).isEqualTo(Duration.ZERO);

        final Route wecom = routes.get(1);
        assertThat(wecom.url().toString()).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx");
        assertThat(wecom.filter()).isEqualTo(new RouteFilter(Set.of("luohu"), Set.of(), Severity.WARNING));
        assertThat(wecom.quietHours()).isNull();
        assertThat(wecom.minInterval()).isEqualTo(Duration.ofSeconds(3));

        final Route dingtalk = routes.get(2);
        assertThat(dingtalk.secret()).isEqualTo("SECexample0123456789");
        assertThat(dingtalk.filter().indicators()).containsExactlyInAnyOrder("BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT");
        assertThat(dingtalk.quietHours()).isEqualTo(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0),
                ZoneId.of("Asia/Shanghai"), Severity.INFO));

        final Route slack = routes.get(3);
        assertThat(slack.quietHours()).isEqualTo(new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0),
                ZoneId.of("Asia/Shanghai"), Severity.INFO));
        assertThat(slack.minInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void secretsNeverAppearInARoutesDescription() throws IOException {
        final List<Route> routes = RoutesFile.parse(example(), ENV, "routes-example.json");
        assertThat(routes.toString()).doesNotContain("693a91f6", "abc123", "SECexample", "t0ken", "audit-secret", "T000");
        assertThat(routes.get(1).toString())
                .isEqualTo("district-leaders (wecom https://qyapi.weixin.qq.com/…)");
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutEchoingUrls() {
        final String json = """
                {"routes": [
                  {"name": "ok", "type": "generic", "url": "https://example.org/hook"},
                  {"name": "ok", "type": "generic", "url": "https://example.org/other"},
                  {"name": "bad|name", "type": "teams", "url": "ftp://example.org/x?key=LEAKME"},
                  {"name": "w", "type": "wecom", "url": "https://qyapi.weixin.qq.com/x?key=${env:NOT_SET}", "secret": "s"},
                  {"name": "q", "type": "slack", "url": "https://hooks.slack.com/x", "quietHours": "22-07",
                   "filter": {"minSeverity": "LOUD", "region": ["luohu"]}, "minInterval": "often"},
                  {"name": "h", "type": "generic", "url": "https://example.org/h", "headers": {"Host": "x", "X-Ok": 5}},
                  {"name": "d", "type": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=1", "colour": "red"}
                ]}""";
        final RoutesFile.InvalidRoutesException e = catchThrowableOfType(RoutesFile.InvalidRoutesException.class,
                () -> RoutesFile.parse(json, Map.of(), "routes.json"));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("routes[1] (ok)", "already named 'ok'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("routes[2]", "must be 1-64 letters"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("type 'teams' is not one of generic, wecom, dingtalk, slack"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("routes[2]", "absolute http(s) URL"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("environment variable NOT_SET is not set"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("wecom does not sign requests"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("quietHours", "HH:mm-HH:mm"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("minSeverity: 'LOUD' is not INFO, WARNING or CRITICAL"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown field 'region'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("minInterval", "not a duration"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Host is set by pacewatch"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("headers.X-Ok: expected a string"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("routes[6] (d)", "unknown field 'colour'"));
        assertThat(e.getMessage()).startsWith("routes.json: ").doesNotContain("LEAKME");
    }

    @Test
    void notJsonOrNoRoutesIsSaidPlainly() {
        assertThat(catchThrowableOfType(RoutesFile.InvalidRoutesException.class,
                () -> RoutesFile.parse("{\"routes\": [", Map.of(), "f")).problems())
                .singleElement().asString().startsWith("not valid JSON");
        assertThat(catchThrowableOfType(RoutesFile.InvalidRoutesException.class,
                () -> RoutesFile.parse("[]", Map.of(), "f")).problems())
                .containsExactly("expected an object {\"routes\": [ … ]}");
        assertThat(catchThrowableOfType(RoutesFile.InvalidRoutesException.class,
                () -> RoutesFile.parse("{\"routes\": []}", Map.of(), "f")).problems())
                .containsExactly("no routes: add at least one to \"routes\"");
    }
}
