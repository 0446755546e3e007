package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, end to end: broker, service, targets, the whole illustrative feed, metrics. */
class DemoCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> INDICATORS = List.of("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT",
            "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("demo reaches RUNNING, replays the feed and serves /metrics with every bundled indicator")
    void demoServesMetrics() throws Exception {
        final int port = freePort();
        final DemoCommand demo = new DemoCommand();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Path log = Files.createTempFile("pacewatch-demo-it", ".log");
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        final Thread thread = new Thread(() -> exit.set(new CommandLine(demo).execute("--http-port",
                Integer.toString(port), "--month-seconds", "0.2", "--log-file", log.toString())), "demo-under-test");
        thread.start();
        try {
            await(port, "/health/ready", r -> r.statusCode() == 200);
            final HttpResponse<String> metrics = await(port, "/metrics",
                    r -> r.body().matches("(?s).*pacewatch_pace_status\\{[^}]*indicator=\"INDUSTRIAL_VALUE_ADDED\""
                            + "[^}]*region=\"luohu\"[^}]*\\} 3\\.0.*")
                            && r.body().contains("pacewatch_as_of_month{indicator=\"BUDGET_REVENUE\""));
            for (final String indicator : INDICATORS) {
                assertThat(metrics.body()).containsPattern("pacewatch_pace_status\\{[^}]*indicator=\"" + indicator
                        + "\"[^}]*region=\"luohu\"[^}]*year=\"2023\"");
            }
            final HttpResponse<String> revenue = await(port, "/api/progress/luohu/BUDGET_REVENUE/2023",
                    r -> r.statusCode() == 200 && r.body().contains("\"asOfMonth\":12"));
            assertThat(revenue.body()).contains("\"status\":\"AT_RISK\"");
            // last year's budget revenue (118 亿元 by December) is the same-period benchmark: 98.43% against 100%
            assertThat(revenue.body()).contains("\"priorYearShare\":1.000000").contains("\"priorYearGapPp\":-1.57")
                    .contains("比上年同期进度慢1.6个百分点");
            // luohu is named by the bundled region catalogue: in the records, the alerts and the page's index
            assertThat(revenue.body()).contains("\"regionNameZh\":\"罗湖区\"", "\"regionNameEn\":\"Luohu District\"");
            assertThat(await(port, "/api/alerts?region=luohu", r -> r.statusCode() == 200).body())
                    .contains("罗湖区 地方一般公共预算收入由", "] Luohu District ").doesNotContain("】luohu ");
            assertThat(await(port, "/api/series-index", r -> r.statusCode() == 200).body())
                    .contains("{\"region\":\"luohu\",\"years\":[2022,2023],\"nameZh\":\"罗湖区\",\"nameEn\":\"Luohu District\"}");
        } finally {
            demo.stop();
            thread.join(Duration.ofSeconds(60).toMillis());
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        assertThat(thread.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        // The terminal is left to the feed: Kafka's own warnings are in the full log, not on stderr.
        final String terminal = stderr.toString(StandardCharsets.UTF_8);
        assertThat(terminal).doesNotContain("WARN", "UNKNOWN_TOPIC_OR_PARTITION", "Using an OS temp directory",
                "Processing exception handler is not enabled");
        assertThat(Files.readString(log)).contains("INFO", "io.pacewatch", "WARN", "org.apache.kafka");
        // The feed shows the replayed year: last year's figures, loaded as a benchmark, are not news.
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("== Last year's budget revenue loaded", "罗湖区 地方一般公共预算收入：1-2月")
                .doesNotContain("尚未设定2022年目标");
        Files.deleteIfExists(log);
    }

    /** The answer at {@code path} once {@code done} holds; the demo binds its port only once the broker is up. */
    private HttpResponse<String> await(final int port, final String path, final Predicate<HttpResponse<String>> done) {
        final URI uri = URI.create("http://127.0.0.1:" + port + path);
        return Awaitility.await(path).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()),
                        done);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
