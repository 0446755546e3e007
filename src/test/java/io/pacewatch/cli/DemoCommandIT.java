package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.wire.Json;
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
            futiansRevenueIsJudgedOnLastYearsSamePeriod(port);
            theRankingListsTheFourDistricts(port);
            theBriefShowsRanksAndTheSamePeriod(port);
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

    /**
     * futian's invented target names PRIOR_YEAR and its invented 2022 revenue (demo/illustrative-2022.jsonl:
     * 52.5, 72, 93.5, 110, 130, 146, 164, 186, 205.5, 223, 250 亿元 through 1-2月 … 1-12月) is its benchmark.
     * Completion is the 2023 amount over the 260 target to four places; a gap is completion − share, in points.
     */
    private void futiansRevenueIsJudgedOnLastYearsSamePeriod(final int port) throws IOException {
        final JsonNode detail = Json.MAPPER.readTree(await(port, "/api/progress/futian/BUDGET_REVENUE/2023",
                r -> r.statusCode() == 200 && r.body().contains("\"asOfMonth\":12")).body());
        // 1-12月: 262.5/260 = 100.96% against last year's 250/250 = 100%: +0.96, the same as linear at December
        final JsonNode december = detail.get("latest");
        assertSamePeriod(december, "1.000000", "0.96", "1.000000", "0.96", "ON_PACE");
        assertThat(december.get("messageZh").asText()).endsWith("高于上年同期进度1.0个百分点，高于序时进度1.0个百分点");
        // 1-2月: 50.4/260 = 19.38% against 52.5/250 = 21.0%: -1.62, at risk; linear 2/12 = 16.67%: +2.71, on pace
        assertSamePeriod(month(detail, 2), "0.210000", "-1.62", "0.166667", "2.71", "AT_RISK");
        // 1-6月: 117.6/260 = 45.23% against 130/250 = 52.0%: -6.77, behind; linear 50%: -4.77, at risk
        final JsonNode june = month(detail, 6);
        assertSamePeriod(june, "0.520000", "-6.77", "0.500000", "-4.77", "BEHIND");
        assertThat(june.get("messageZh").asText()).isEqualTo(
                "1-6月累计完成117.6亿元，完成年度目标260亿元的45.2%，低于上年同期进度6.8个百分点，低于序时进度4.8个百分点");
        assertThat(june.get("messageEn").asText()).contains("behind last year's same-period pace (52.0%)");
        // 1-8月: 159.6/260 = 61.38% against 164/250 = 65.6%: -4.22, at risk; linear 66.67%: -5.29, behind
        assertSamePeriod(month(detail, 8), "0.656000", "-4.22", "0.666667", "-5.29", "AT_RISK");
        // 1-11月: 233.1/260 = 89.65% against 223/250 = 89.2%: +0.45, on pace; linear 91.67%: -2.02, at risk
        assertSamePeriod(month(detail, 11), "0.892000", "0.45", "0.916667", "-2.02", "ON_PACE");
    }

    /** Judged on last year's share (the record's time progress), the linear benchmark beside it, no fallback. */
    private static void assertSamePeriod(final JsonNode progress, final String priorYearShare, final String gapPp,
                                         final String linearTimeProgress, final String linearGapPp, final String status) {
        assertThat(progress.get("timeProgress").decimalValue()).isEqualByComparingTo(priorYearShare);
        assertThat(progress.get("priorYearShare").decimalValue()).isEqualByComparingTo(priorYearShare);
        assertThat(progress.get("gapPp").decimalValue()).isEqualByComparingTo(gapPp);
        assertThat(progress.get("priorYearGapPp").decimalValue()).isEqualByComparingTo(gapPp);
        assertThat(progress.get("linearTimeProgress").decimalValue()).isEqualByComparingTo(linearTimeProgress);
        assertThat(progress.get("linearGapPp").decimalValue()).isEqualByComparingTo(linearGapPp);
        assertThat(progress.get("status").asText()).isEqualTo(status);
        assertThat(progress.has("priorYearFallback")).isFalse();
        assertThat(progress.get("messageZh").asText()).contains("上年同期进度");
    }

    private static JsonNode month(final JsonNode detail, final int month) {
        for (final JsonNode progress : detail.get("history")) {
            if (progress.get("asOfMonth").asInt() == month) {
                return progress;
            }
        }
        throw new AssertionError("no month " + month + " in the pace curve: " + detail.get("history"));
    }

    /**
     * Budget revenue ranked by the judged gap at 1-12月: yantian 37.5/36 = 104.17% (+4.17), futian +0.96,
     * luohu 125/127 = 98.43% (-1.57), nanshan 362.5/390 = 92.95% (-7.05); the other six districts of
     * Shenzhen are listed unranked. At 1-2月 futian's gap is its same-period one (-1.62, last), not the
     * linear +2.71 that would have put it second, ahead of luohu (24/127 = 18.9%: +2.23).
     */
    private void theRankingListsTheFourDistricts(final int port) throws IOException {
        final JsonNode ranking = Json.MAPPER.readTree(await(port, "/api/ranking/shenzhen/BUDGET_REVENUE/2023",
                r -> r.statusCode() == 200 && r.body().contains("\"month\":12")
                        && r.body().contains("\"region\":\"nanshan\"") && r.body().contains("\"value\":-7.05")).body());
        assertThat(ranking.get("basis").asText()).isEqualTo("PACE_GAP");
        assertThat(ranking.get("ranked").asInt()).isEqualTo(4);
        assertThat(ranking.get("entries")).hasSize(10);
        assertThat(ranked(ranking)).containsExactly("yantian 1 4.17", "futian 2 0.96", "luohu 3 -1.57", "nanshan 4 -7.05");

        final JsonNode february = Json.MAPPER.readTree(await(port, "/api/ranking/shenzhen/BUDGET_REVENUE/2023?month=2",
                r -> r.statusCode() == 200).body());
        assertThat(ranked(february)).containsExactly("yantian 1 3.33", "luohu 2 2.23", "nanshan 3 1.18", "futian 4 -1.62");

        final HttpResponse<String> luohu = await(port, "/api/progress/luohu/BUDGET_REVENUE/2023",
                r -> r.statusCode() == 200 && r.body().contains("\"asOfMonth\":12") && r.body().contains("\"peerRank\":3"));
        assertThat(luohu.body()).contains("\"peerGroup\":\"shenzhen\"", "\"peerRank\":3", "\"peerCount\":4",
                "\"peerRankTied\":false");
    }

    private static List<String> ranked(final JsonNode ranking) {
        final List<String> lines = new java.util.ArrayList<>();
        for (final JsonNode entry : ranking.get("entries")) {
            if (!entry.get("rank").isNull()) {
                lines.add(entry.get("region").asText() + " " + entry.get("rank").asInt() + " "
                        + entry.get("value").decimalValue().toPlainString());
            }
        }
        return lines;
    }

    /**
     * luohu's brief for 1-12月 with the rank column (industrial growth: nanshan 5.1, futian 3.6, luohu and
     * yantian 1.6, so 并列第3/4) and the same-period columns (last year's 118/118 at December: 100%,
     * 98.43% − 100% = -1.6 pp). futian's June brief shows both benchmarks: time progress 50.0% (gap
     * 45.23% − 50% = -4.8 pp) and last year's 52.0% (-6.8 pp), the status marked as judged on the latter
     * (滞后（同期）), and the rank of June's own ranking (third of four on the judged gap).
     * The CLI ({@code pacewatch brief --format xlsx -o FILE}) is run against a real service by BriefApiIT.
     */
    private void theBriefShowsRanksAndTheSamePeriod(final int port) {
        final String luohu = await(port, "/api/brief/luohu/2023?format=md",
                r -> r.statusCode() == 200 && r.body().contains("| 预警 | 第3/4 |")).body();
        assertThat(luohu).contains("| 上年同期进度% | 比上年同期 ±pp | 状态 | 排名 |")
                .contains("| 地方一般公共预算收入 | 亿元 | 125.00 | — | 127.00 | 98.4 | 100.0 | -1.6 | 100.0 | -1.6 | 预警 | 第3/4 |")
                .containsPattern("\\| 规模以上工业增加值 \\| 亿元 \\| — \\| 1\\.6 \\| 增长3\\.0% \\|[^\\n]*\\| -1\\.4 \\| — \\| — \\| 滞后 \\| 并列第3/4 \\|");
        final String futian = await(port, "/api/brief/futian/2023?format=md&month=6", r -> r.statusCode() == 200).body();
        assertThat(futian).contains("| 地方一般公共预算收入 | 亿元 | 117.60 | — | 260.00 | 45.2 | 50.0 | -4.8 | 52.0 | -6.8 | 滞后（同期） | 第3/4 |");
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
