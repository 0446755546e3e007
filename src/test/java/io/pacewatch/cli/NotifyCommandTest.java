package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NotifyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine cli = new CommandLine(new NotifyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void checkPrintsEveryRouteAndASampleMessageWithoutSecrets() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, """
                {"routes": [
                  {"name": "leaders", "type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY123",
                   "filter": {"regions": ["luohu"], "minSeverity": "WARNING"}, "quietHours": "22:00-07:00"},
                  {"name": "finance", "type": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=TOKEN9",
                   "secret": "SECabc"},
                  {"name": "audit", "type": "generic", "url": "https://example.org/hook", "headers": {"Authorization": "Bearer XYZ"}},
                  {"name": "analysts", "type": "slack", "url": "https://hooks.slack.com/services/T/B/C"}
                ]}""");

        assertThat(run("--routes", routes.toString(), "--check")).isZero();

        final String printed = out.toString();
        assertThat(printed).contains("4 route(s):", "leaders (wecom https://qyapi.weixin.qq.com/…)",
                "regions=[luohu] indicators=all severity>=WARNING", "22:00-07:00 Asia/Shanghai (digest up to INFO)",
                "min interval: 3s", "signed:       yes", "headers:      [Authorization]",
                "\"msgtype\":\"markdown\"", "\"blocks\":[");
        assertThat(printed).doesNotContain("KEY123", "TOKEN9", "SECabc", "XYZ", "T/B/C");
    }

    @Test
    void anUnusableRoutesFileStopsTheStartWithEveryProblem() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "{\"routes\": [{\"name\": \"x\", \"type\": \"pager\"}]}");

        assertThat(run("--routes", routes.toString(), "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).contains("is not usable:", "  - routes[0] (x): type 'pager' is not one of",
                "  - routes[0] (x): \"url\" is required");

        assertThat(run("--routes", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no routes file");
    }

    @Test
    void withoutBrokersItSaysHowToNameThem() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "{\"routes\": [{\"name\": \"x\", \"type\": \"generic\", \"url\": \"http://127.0.0.1:1/\"}]}");
        final int code = run("--routes", routes.toString(), "--kafka-property", "client.id=x");
        // PACEWATCH_BOOTSTRAP_SERVERS may be set where the tests run; only check the message when it is not.
        if (System.getenv("PACEWATCH_BOOTSTRAP_SERVERS") == null) {
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("no Kafka brokers given");
        }
    }

    @Test
    void badOptionValuesAreRefusedByTheParser() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "{\"routes\": [{\"name\": \"x\", \"type\": \"generic\", \"url\": \"http://127.0.0.1:1/\"}]}");
        assertThat(run("--routes", routes.toString(), "--http-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("not a duration");
        assertThat(run("--routes", routes.toString(), "--start-from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("is not earliest, latest or an instant");
        assertThat(run("--routes", routes.toString(), "--zone", "Mars/Olympus")).isEqualTo(2);
        assertThat(err.toString()).contains("not a time zone: Mars/Olympus");
        assertThat(run("--routes", routes.toString(), "--link", "both")).isEqualTo(2);
        assertThat(err.toString()).contains("expected leaders, grafana or none");
        assertThat(run("--routes", routes.toString(), "--public-url", "http://host:8080", "--check")).isEqualTo(2);
        assertThat(err.toString()).contains("without port, path or query");
    }

    @Test
    void checkShowsTheSampleAsALeaderReadsIt() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "{\"routes\": [{\"name\": \"w\", \"type\": \"wecom\", \"url\": \"https://qyapi.weixin.qq.com/x?key=K\"}]}");

        assertThat(run("--routes", routes.toString(), "--check", "--public-url", "https://pacewatch.example.gov.cn",
                "--zone", "Asia/Urumqi")).isZero();

        assertThat(out.toString()).contains("【预警】罗湖区 地方一般公共预算收入", "更新于 7月12日 07:30",
                "[查看详情 Details](https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023)");
    }
}
