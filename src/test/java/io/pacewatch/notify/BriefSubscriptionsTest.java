package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.cli.NotifyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BriefSubscriptionsTest {

    private static final String FILE = """
            {"routes": [
              {"name": "leaders", "type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"},
              {"name": "archive", "type": "generic", "url": "https://archive.example/briefs"}
            ],
             "briefs": [
              {"route": "leaders", "region": "luohu"},
              {"route": "archive", "region": "luohu", "year": 2023, "day": 15, "time": "18:30", "zone": "UTC", "early": false}
            ]}
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("briefs name a route and a region; the schedule defaults to the 20th 09:00 Asia/Shanghai, early on")
    void parsesWithDefaults() {
        final List<Route> routes = RoutesFile.parse(FILE, Map.of(), "routes.json");
        final List<BriefSubscription> briefs = BriefSubscriptions.parse(FILE, routes, "routes.json");

        assertThat(briefs).hasSize(2);
        assertThat(briefs.get(0).route().name()).isEqualTo("leaders");
        assertThat(briefs.get(0).schedule()).isEqualTo(BriefSchedule.DEFAULT);
        assertThat(briefs.get(0).year()).isNull();
        assertThat(briefs.get(0).early()).isTrue();
        assertThat(briefs.get(1).schedule()).isEqualTo(new BriefSchedule(15, LocalTime.of(18, 30), ZoneId.of("UTC")));
        assertThat(briefs.get(1).year()).isEqualTo(2023);
        assertThat(briefs.get(1).early()).isFalse();
    }

    @Test
    @DisplayName("an unknown route, a day past the 28th and an unknown field are each named")
    void problemsAreNamed() {
        final String file = """
                {"routes": [{"name": "leaders", "type": "wecom", "url": "https://qyapi.weixin.qq.com/x?key=k"}],
                 "briefs": [{"route": "nobody", "region": "luohu"}, {"route": "leaders", "region": "luohu", "day": 31},
                            {"route": "leaders", "region": "luohu", "when": "soon"}]}
                """;
        final List<Route> routes = RoutesFile.parse(file, Map.of(), "routes.json");

        assertThatThrownBy(() -> BriefSubscriptions.parse(file, routes, "routes.json"))
                .isInstanceOf(RoutesFile.InvalidRoutesException.class)
                .hasMessageContaining("briefs[0]: no route is named 'nobody'")
                .hasMessageContaining("briefs[1]: the brief's day of the month must be 1..28")
                .hasMessageContaining("briefs[2]: unknown field 'when'");
    }

    @Test
    @DisplayName("the month due is the last whose cut-off has passed; January's never comes on its own")
    void dueMonth() {
        final BriefSchedule schedule = BriefSchedule.DEFAULT;
        assertThat(schedule.dueMonth(Instant.parse("2023-07-20T00:59:00Z"))).isEqualTo(YearMonth.of(2023, 5));
        assertThat(schedule.dueMonth(Instant.parse("2023-07-20T01:00:00Z"))).isEqualTo(YearMonth.of(2023, 6));
        assertThat(schedule.dueMonth(Instant.parse("2024-01-25T01:00:00Z"))).isEqualTo(YearMonth.of(2023, 12));
        assertThat(schedule.dueMonth(Instant.parse("2024-02-25T01:00:00Z"))).isEqualTo(YearMonth.of(2023, 12));
        assertThat(schedule.dueMonth(Instant.parse("2024-03-25T01:00:00Z"))).isEqualTo(YearMonth.of(2024, 2));
    }

    @Test
    @DisplayName("notify --check lists the brief subscriptions, and refuses them without --brief-url")
    void notifyCheck() throws Exception {
        final Path routes = dir.resolve("routes.json");
        Files.writeString(routes, FILE);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new NotifyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--routes", routes.toString(), "--check")).isEqualTo(2);
        assertThat(err.toString()).contains("--brief-url");
        assertThat(cli.execute("--routes", routes.toString(), "--check", "--brief-url", "http://127.0.0.1:8080")).isZero();
        assertThat(out.toString()).contains("brief of luohu to leaders (day 20 of the following month at 09:00 Asia/Shanghai,"
                + " or as soon as the month is complete)");
    }
}
