package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.brief.XlsxBrief;
import io.pacewatch.cli.PacewatchCli;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.RegionLevel;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/brief/{region}/{year}} on two instances sharing the work, so a brief's series are
 * read from whichever instance owns each: all three formats from the live state, an earlier month,
 * and the refusals.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BriefApiIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String region = "b" + UUID.randomUUID().toString().substring(0, 6);
    /** The region's city and a sibling district, in this test's own region catalogue, so the region is ranked. */
    private final String city = "c" + region;
    private final String sibling = "s" + region;
    private final HttpClient http = HttpClient.newHttpClient();
    private SharedApplication app;
    private KafkaTestBroker kafka;

    @BeforeAll
    void start() throws Exception {
        app = SharedApplication.start(kafka, "pacewatch-brief-" + region, 2, WAIT, new RegionCatalogue(List.of(
                new Region(city, "某市", "A City", RegionLevel.CITY, null),
                new Region(region, "甲区", "A District", RegionLevel.DISTRICT, city),
                new Region(sibling, "乙区", "B District", RegionLevel.DISTRICT, city))));
        // The sibling: GDP growth equal to the region's (a tie); budget revenue ahead of it in May, behind in June.
        kafka.produceStrings(Topics.TARGETS, List.of(
                target(sibling, "GDP", "\"kind\":\"GROWTH\",\"value\":6.5"),
                target(sibling, "BUDGET_REVENUE", "\"kind\":\"AMOUNT\",\"value\":127,\"unit\":\"亿元\"")));
        kafka.produceStrings(Topics.RELEASES, List.of(
                release(sibling, "GDP", "2023-Q1", "\"value\":410,\"unit\":\"亿元\",\"growthPercent\":6.6", "2023-04-20T09:30:00+08:00"),
                release(sibling, "BUDGET_REVENUE", "2023-05", "\"value\":60,\"unit\":\"亿元\"", "2023-06-15T09:30:00+08:00"),
                release(sibling, "BUDGET_REVENUE", "2023-06", "\"value\":55,\"unit\":\"亿元\"", "2023-07-15T09:30:00+08:00")));
        kafka.produceStrings(Topics.TARGETS, List.of(
                target("GDP", "\"kind\":\"GROWTH\",\"value\":6.5"),
                target("BUDGET_REVENUE", "\"kind\":\"AMOUNT\",\"value\":127,\"unit\":\"亿元\""),
                target("FIXED_ASSET_INVESTMENT", "\"kind\":\"AMOUNT\",\"value\":380,\"unit\":\"亿元\""),
                target("RETAIL_SALES", "\"kind\":\"GROWTH\",\"value\":5.0"),
                target("INDUSTRIAL_VALUE_ADDED", "\"kind\":\"GROWTH\",\"value\":3.0")));
        kafka.produceStrings(Topics.RELEASES, List.of(
                release("GDP", "2023-Q1", "\"value\":620.5,\"unit\":\"亿元\",\"growthPercent\":6.6", "2023-04-20T09:30:00+08:00"),
                release("BUDGET_REVENUE", "2023-05", "\"value\":50,\"unit\":\"亿元\"", "2023-06-15T09:30:00+08:00"),
                release("BUDGET_REVENUE", "2023-05", "\"value\":49.5,\"unit\":\"亿元\",\"revision\":1", "2023-07-05T09:30:00+08:00"),
                release("BUDGET_REVENUE", "2023-06", "\"value\":60,\"unit\":\"亿元\"", "2023-07-15T09:30:00+08:00"),
                release("FIXED_ASSET_INVESTMENT", "2023-06", "\"value\":220,\"unit\":\"亿元\"", "2023-07-15T09:30:00+08:00"),
                release("RETAIL_SALES", "2023-06", "\"value\":640,\"unit\":\"亿元\",\"growthPercent\":5.2", "2023-07-15T09:30:00+08:00"),
                release("INDUSTRIAL_VALUE_ADDED", "2023-06", "\"growthPercent\":1.6", "2023-07-15T09:30:00+08:00")));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            final HttpResponse<String> json = get("/api/brief/" + region + "/2023?format=json", 0);
            if (json.statusCode() != 200) {
                return false;
            }
            final JsonNode rows = Json.MAPPER.readTree(json.body()).get("rows");
            // ranked once the sibling's figures are in: GDP tied, revenue first in June
            return rows.size() == 5 && json.body().contains("\"ytdValue\":60")
                    && rows.get(0).path("peer").path("tied").asBoolean() && rows.get(1).path("peer").path("rank").asInt() == 1;
        });
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    @Test
    @DisplayName("md: the table in catalogue order with the live figures, a dash for the growth-only value, the headline")
    void markdown() throws Exception {
        final HttpResponse<String> md = get("/api/brief/" + region + "/2023?format=md", 1);

        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
        final String body = md.body();
        assertThat(body).contains("# 甲区2023年1-6月主要经济指标完成情况");
        assertThat(body).contains("5项主要指标中");
        assertThat(body.indexOf("| 地区生产总值（1-3月） |")).isPositive()
                .isLessThan(body.indexOf("| 地方一般公共预算收入 |"));
        assertThat(body).contains("| 地方一般公共预算收入 | 亿元 | 60.00 | — | 127.00 | 47.2 | 50.0 | -2.8 |");
        assertThat(body).contains("| 规模以上工业增加值 | 亿元 | — | 1.6 | 增长3.0% |");
        assertThat(body).contains("地方一般公共预算收入1-5月数据已修订");
    }

    @Test
    @DisplayName("html: the same brief as a self-contained page for A4 landscape")
    void html() throws Exception {
        final HttpResponse<String> html = get("/api/brief/" + region + "/2023?format=html", 0);

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.body()).contains("@page { size: A4 landscape;").doesNotContain("http://", "https://");
        assertThat(html.body()).contains("<h1>甲区2023年1-6月主要经济指标完成情况</h1>");
    }

    @Test
    @DisplayName("xlsx: an attachment whose cells read back as numbers in their formats")
    void xlsx() throws Exception {
        final HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(uri("/api/brief/" + region + "/2023?format=xlsx", 1))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"brief-" + region + "-2023-06.xlsx\"");
        final List<Row> rows;
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()), new ReadingOptions(true, false))) {
            rows = workbook.getFirstSheet().read();
        }
        final Row revenue = rows.get(XlsxBrief.FIRST_DATA_ROW + 1);
        assertThat(revenue.getCell(0).getText()).isEqualTo("地方一般公共预算收入");
        assertThat(revenue.getCell(2).asNumber()).isEqualByComparingTo("60");
        assertThat(revenue.getCell(5).asNumber()).isEqualByComparingTo("0.4724");
        assertThat(revenue.getCell(5).getDataFormatString()).isEqualTo(XlsxBrief.PERCENT_FORMAT);
    }

    @Test
    @DisplayName("pacewatch brief saves the spreadsheet from the running service; a region without figures exits 2")
    void cli() throws Exception {
        final Path file = Files.createTempFile("brief", ".xlsx");
        try {
            final String url = "http://127.0.0.1:" + app.instances().get(0).httpAddress().getPort();
            assertThat(PacewatchCli.commandLine().execute("brief", "--url", url, "--region", region,
                    "--year", "2023", "--format", "xlsx", "-o", file.toString())).isZero();
            try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
                final List<Row> rows = workbook.getFirstSheet().read();
                assertThat(rows.get(XlsxBrief.FIRST_DATA_ROW).getCell(0).getText()).isEqualTo("地区生产总值（1-3月）");
                assertThat(rows.get(XlsxBrief.FIRST_DATA_ROW + 3).getCell(3).asNumber()).isEqualByComparingTo("0.052");
            }
            assertThat(PacewatchCli.commandLine().execute("brief", "--url", url, "--region", "nobody-" + region,
                    "--year", "2023", "--format", "md", "-o", file.toString())).isEqualTo(2);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @DisplayName("month=5 takes each series' standing at May's cut-off: revenue's 1-5月 figure as first published"
            + " (its revision came after the cut-off), no June row anywhere")
    void earlierMonth() throws Exception {
        final HttpResponse<String> json = get("/api/brief/" + region + "/2023?format=json&month=5", 0);

        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        final JsonNode brief = Json.MAPPER.readTree(json.body());
        assertThat(brief.get("month").asInt()).isEqualTo(5);
        final List<String> months = new ArrayList<>();
        brief.get("rows").forEach(r -> months.add(r.get("indicator").asText() + ":" + r.get("month").asInt()));
        assertThat(months).containsExactly("GDP:3", "BUDGET_REVENUE:5", "FIXED_ASSET_INVESTMENT:0", "RETAIL_SALES:0",
                "INDUSTRIAL_VALUE_ADDED:0");
        final JsonNode revenue = brief.get("rows").get(1);
        assertThat(revenue.get("ytdValue").decimalValue()).isEqualByComparingTo("50");
        assertThat(revenue.get("laterThanCutoff").asBoolean()).isFalse();
        assertThat(revenue.get("versions")).hasSize(1);
        assertThat(revenue.get("versions").get(0).get("revision").asInt()).isZero();
        assertThat(json.body()).doesNotContain("后发布或修订", "已修订");
    }

    @Test
    @DisplayName("month=5 shows May's rank from the rankings view: revenue second of two (first in June), GDP's Q1 tie,"
            + " no rank for rows without May figures, and a footnote that the rank is today's")
    void earlierMonthRank() throws Exception {
        // the May ranking follows the region's May revision through the stream: wait for it, then read every format
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> get("/api/brief/" + region
                + "/2023?format=md&month=5", 1).body().contains("| 第2/2 |"));
        final JsonNode may = Json.MAPPER.readTree(get("/api/brief/" + region + "/2023?format=json&month=5", 0).body());

        final JsonNode gdp = may.get("rows").get(0);
        assertThat(gdp.get("peer").get("parent").asText()).isEqualTo(city);
        assertThat(gdp.get("peer").get("rank").asInt()).isEqualTo(1);
        assertThat(gdp.get("peer").get("count").asInt()).isEqualTo(2);
        assertThat(gdp.get("peer").get("tied").asBoolean()).isTrue();
        final JsonNode revenue = may.get("rows").get(1);
        assertThat(revenue.get("month").asInt()).isEqualTo(5);
        assertThat(revenue.get("peer").get("rank").asInt()).isEqualTo(2);
        assertThat(revenue.get("peer").get("tied").asBoolean()).isFalse();
        assertThat(may.get("rows").get(2).path("peer").path("rank").isMissingNode()).as("no May figures, no rank").isTrue();
        assertThat(may.get("footnotesZh").toString()).contains("排名为各指标该月份的现行排名");

        final String md = get("/api/brief/" + region + "/2023?format=md&month=5", 0).body();
        assertThat(md).contains("| 状态 | 排名 |");
        assertThat(md).containsPattern("\\| 地区生产总值（1-3月） \\|.*\\| 并列第1/2 \\|\\n");
        assertThat(md).containsPattern("\\| 地方一般公共预算收入 \\| 亿元 \\| 50\\.00 \\|.*\\| 第2/2 \\|\\n");
        assertThat(md).containsPattern("\\| 固定资产投资 \\|.*\\| — \\|\\n");
        final String june = get("/api/brief/" + region + "/2023?format=md&month=6", 1).body();
        assertThat(june).containsPattern("\\| 地方一般公共预算收入 \\| 亿元 \\| 60\\.00 \\|.*\\| 第1/2 \\|\\n");
        assertThat(june).doesNotContain("现行排名");
    }

    @Test
    @DisplayName("the June brief shows the May revision published before its cut-off: 1-5月 revised, June on the revised curve")
    void laterMonthShowsTheRevision() throws Exception {
        final HttpResponse<String> md = get("/api/brief/" + region + "/2023?format=md&month=6", 0);

        assertThat(md.statusCode()).as(md.body()).isEqualTo(200);
        assertThat(md.body()).contains("| 地方一般公共预算收入 | 亿元 | 60.00 |").contains("地方一般公共预算收入1-5月数据已修订");
    }

    @Test
    @DisplayName("asOf judges a series from the versions published by then, on either instance: 50 at May's cut-off, 49.5 now")
    void progressAsOf() throws Exception {
        for (final int instance : List.of(0, 1)) {
            final String path = "/api/progress/" + region + "/BUDGET_REVENUE/2023";
            final JsonNode atCutoff = Json.MAPPER.readTree(get(path + "?asOf=2023-06-20T01:00:00Z", instance).body());
            assertThat(atCutoff.get("latest").get("asOfMonth").asInt()).isEqualTo(5);
            assertThat(atCutoff.get("latest").get("ytdValue").decimalValue()).isEqualByComparingTo("50");
            assertThat(atCutoff.get("history")).hasSize(1);

            final JsonNode now = Json.MAPPER.readTree(get(path + "?asOf=2023-08-01T00:00:00Z", instance).body());
            assertThat(now.get("latest").get("ytdValue").decimalValue()).isEqualByComparingTo("60");
            assertThat(now.get("history").get(0).get("ytdValue").decimalValue()).isEqualByComparingTo("49.5");
        }
        assertThat(get("/api/progress/" + region + "/BUDGET_REVENUE/2023?asOf=June", 0).statusCode()).isEqualTo(400);
        assertThat(get("/api/progress/" + region + "/BUDGET_REVENUE/2023?asOf=2023-01-01T00:00:00Z", 0).statusCode())
                .as("only the target was in then: judged with no figures").isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown format or month is a 400, a region without figures a 404")
    void refusals() throws Exception {
        assertThat(get("/api/brief/" + region + "/2023?format=pdf", 0).statusCode()).isEqualTo(400);
        assertThat(get("/api/brief/" + region + "/2023?month=13", 0).statusCode()).isEqualTo(400);
        final HttpResponse<String> none = get("/api/brief/nobody-" + region + "/2023?format=md", 0);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("no figures");
    }

    private KeyValue<String, String> target(final String indicator, final String fields) {
        return target(region, indicator, fields);
    }

    private static KeyValue<String, String> target(final String of, final String indicator, final String fields) {
        return KeyValue.pair(of + "|" + indicator + "|2023", "{\"region\":\"" + of + "\",\"year\":2023,\"indicator\":\""
                + indicator + "\"," + fields + ",\"publishedAt\":\"2023-01-10T09:00:00+08:00\",\"source\":\"work report\"}");
    }

    private KeyValue<String, String> release(final String indicator, final String period, final String fields,
                                             final String publishedAt) {
        return release(region, indicator, period, fields, publishedAt);
    }

    private static KeyValue<String, String> release(final String of, final String indicator, final String period,
                                                    final String fields, final String publishedAt) {
        return KeyValue.pair(of + "|" + indicator + "|2023", "{\"region\":\"" + of + "\",\"indicator\":\"" + indicator
                + "\",\"period\":\"" + period + "\"," + fields + ",\"publishedAt\":\"" + publishedAt + "\",\"source\":\"bureau\"}");
    }

    private URI uri(final String path, final int instance) {
        return URI.create("http://127.0.0.1:" + app.instances().get(instance).httpAddress().getPort() + path);
    }

    private HttpResponse<String> get(final String path, final int instance) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path, instance)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
