package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pacewatch.brief.BriefClient;
import io.pacewatch.brief.BriefFormat;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefFixture;
import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.notify.ScriptedWebhookServer.Body;
import io.pacewatch.notify.ScriptedWebhookServer.Status;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The monthly brief on schedule, against a real broker (the delivery log) and real local HTTP
 * servers: a stand-in pacewatch answering {@code /api/brief} and the receivers. The clock is set by
 * the test; each check is run directly, so "nothing more is sent" is read after a finished check,
 * not waited for.
 */
@WithKafka
class BriefSchedulerIT {

    private static final Body ROBOT_OK = new Body(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

    private KafkaTestBroker kafka;
    private HttpServer service;
    /** The stand-in service's briefs by month; key 0 is what it answers without a month (the latest). */
    private final Map<Integer, Brief> briefs = new ConcurrentHashMap<>();

    @BeforeEach
    void startService() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/api/brief/luohu/2023", exchange -> {
            try (exchange) {
                final String query = exchange.getRequestURI().getQuery();
                final int month = query.contains("month=") ? Integer.parseInt(query.replaceAll(".*month=(\\d+).*", "$1")) : 0;
                final Brief brief = briefs.get(month);
                final byte[] body = brief == null ? "{\"error\":\"no figures\"}".getBytes() : BriefFormat.JSON.render(brief);
                exchange.sendResponseHeaders(brief == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        service.start();
        briefs.put(5, BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, 5, BriefFixture.firstHalf()));
        briefs.put(6, BriefFixture.june());
        briefs.put(0, BriefFixture.june());
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    @DisplayName("a brief goes out on its day or when complete, whichever is first, once per route, not again after a restart")
    void onceAMonthPerRoute() throws Exception {
        final Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        final String deliveries = deliveryLog(client);
        final MutableClock clock = new MutableClock(Instant.parse("2023-07-18T02:00:00Z"));
        try (ScriptedWebhookServer receivers = new ScriptedWebhookServer()) {
            // WeCom fails once: that brief is not recorded, and goes at the next check
            receivers.script("/wecom", ROBOT_OK, new Status(500));
            receivers.script("/generic", new Status(200));
            final Route wecom = route("leaders", WebhookType.WECOM, receivers.url("/wecom?key=k"), null);
            final Route generic = route("archive", WebhookType.GENERIC, receivers.url("/generic"), null);
            final List<BriefSubscription> subscriptions = List.of(
                    new BriefSubscription(wecom, "luohu", 2023, BriefSchedule.DEFAULT, true),
                    new BriefSubscription(generic, "luohu", 2023, BriefSchedule.DEFAULT, true));
            final URI serviceUrl = URI.create("http://127.0.0.1:" + service.getAddress().getPort());
            final URI publicUrl = URI.create("https://pacewatch.example.gov.cn");

            try (BriefScheduler scheduler = scheduler(subscriptions, serviceUrl, publicUrl, client, deliveries, clock)) {
                // 18 July: June is not complete and not due; May's brief (due 20 June) is
                assertThat(scheduler.checkOnce()).containsExactly("brief:luohu:2023-05|archive");
                assertThat(scheduler.checkOnce()).containsExactly("brief:luohu:2023-05|leaders");
                assertThat(scheduler.checkOnce()).isEmpty();

                // 20 July 09:00 Beijing time: June is due, complete or not
                clock.set(Instant.parse("2023-07-20T01:00:00Z"));
                assertThat(scheduler.checkOnce()).containsExactlyInAnyOrder("brief:luohu:2023-06|leaders",
                        "brief:luohu:2023-06|archive");
            }
            assertThat(receivers.successes("/wecom")).hasSize(2);
            assertThat(receivers.successes("/generic")).hasSize(2);

            final String june = receivers.successes("/wecom").get(1).bodyText();
            final JsonNode chat = Json.MAPPER.readTree(june);
            assertThat(chat.get("msgtype").asText()).isEqualTo("markdown");
            assertThat(chat.at("/markdown/content").asText())
                    .contains("罗湖区2023年1-6月主要经济指标完成情况")
                    .contains("5项主要指标中，1项快于序时进度")
                    .contains("https://pacewatch.example.gov.cn/api/brief/luohu/2023?format=xlsx&month=6");
            final JsonNode json = Json.MAPPER.readTree(receivers.successes("/generic").get(1).bodyText());
            assertThat(json.get("type").asText()).isEqualTo("pacewatch.brief");
            assertThat(json.get("month").asInt()).isEqualTo(6);
            assertThat(json.get("xlsx").asText()).isEqualTo("https://pacewatch.example.gov.cn/api/brief/luohu/2023?format=xlsx&month=6");
            assertThat(json.get("rows")).hasSize(5);
            assertThat(receivers.successes("/generic").get(1).header("Idempotency-Key")).isEqualTo("brief:luohu:2023-06");

            // A restart reads the delivery log: nothing already sent goes again
            try (BriefScheduler restarted = scheduler(subscriptions, serviceUrl, publicUrl, client, deliveries, clock)) {
                assertThat(restarted.checkOnce()).isEmpty();

                // 10 August: July is complete before its day (20 August), so it goes now, and not again on the day
                final Brief july = completeJuly();
                briefs.put(7, july);
                briefs.put(0, july);
                clock.set(Instant.parse("2023-08-10T02:00:00Z"));
                assertThat(restarted.checkOnce()).containsExactlyInAnyOrder("brief:luohu:2023-07|leaders",
                        "brief:luohu:2023-07|archive");
                clock.set(Instant.parse("2023-08-20T01:00:00Z"));
                assertThat(restarted.checkOnce()).isEmpty();
            }
            assertThat(receivers.successes("/wecom")).hasSize(3);
            assertThat(receivers.successes("/generic")).hasSize(3);
        }
    }

    @Test
    @DisplayName("DingTalk gets the brief as a signed markdown message with a title, Slack as text with its links,"
            + " a generic webhook each row's gap on the benchmark its status was judged on")
    void dingTalkSlackAndTheJudgedGap() throws Exception {
        // investment judged on last year's share, revenue on a seasonal one
        briefs.put(6, BriefFixture.juneJudgedOnLastYear());
        final Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        final String deliveries = deliveryLog(client);
        // 20 July 09:00 Beijing time: June's brief is due
        final MutableClock clock = new MutableClock(Instant.parse("2023-07-20T01:00:00Z"));
        try (ScriptedWebhookServer receivers = new ScriptedWebhookServer()) {
            receivers.script("/dingtalk", ROBOT_OK);
            receivers.script("/slack", new Body(200, "ok"));
            receivers.script("/generic", new Status(200));
            final String secret = "SECbrief0123456789";
            final Route dingTalk = route("finance", WebhookType.DINGTALK, receivers.url("/dingtalk?access_token=t"), secret);
            final Route slack = route("analysts", WebhookType.SLACK, receivers.url("/slack"), null);
            final Route generic = route("archive", WebhookType.GENERIC, receivers.url("/generic"), null);
            final List<BriefSubscription> subscriptions = List.of(
                    new BriefSubscription(dingTalk, "luohu", 2023, BriefSchedule.DEFAULT, false),
                    new BriefSubscription(slack, "luohu", 2023, BriefSchedule.DEFAULT, false),
                    new BriefSubscription(generic, "luohu", 2023, BriefSchedule.DEFAULT, false));
            final URI serviceUrl = URI.create("http://127.0.0.1:" + service.getAddress().getPort());

            try (BriefScheduler scheduler = scheduler(subscriptions, serviceUrl,
                    URI.create("https://pacewatch.example.gov.cn"), client, deliveries, clock)) {
                assertThat(scheduler.checkOnce()).containsExactlyInAnyOrder("brief:luohu:2023-06|finance",
                        "brief:luohu:2023-06|analysts", "brief:luohu:2023-06|archive");
                assertThat(scheduler.checkOnce()).isEmpty();
            }
            final String xlsx = "https://pacewatch.example.gov.cn/api/brief/luohu/2023?format=xlsx&month=6";
            final String html = "https://pacewatch.example.gov.cn/api/brief/luohu/2023?format=html&month=6";

            final ScriptedWebhookServer.Request ding = receivers.successes("/dingtalk").get(0);
            assertThat(receivers.successes("/dingtalk")).hasSize(1);
            // signed as DingTalk documents it, at the scheduler's clock
            final long timestamp = clock.millis();
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final String sign = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            assertThat(ding.query()).startsWith("access_token=t&timestamp=" + timestamp + "&sign=");
            assertThat(URLDecoder.decode(ding.query().replaceAll(".*&sign=", ""), StandardCharsets.UTF_8)).isEqualTo(sign);
            final JsonNode dingBody = Json.MAPPER.readTree(ding.bodyText());
            assertThat(dingBody.get("msgtype").asText()).isEqualTo("markdown");
            assertThat(dingBody.get("markdown").size()).as("title and text only").isEqualTo(2);
            assertThat(dingBody.at("/markdown/title").asText()).isEqualTo("罗湖区2023年1-6月主要经济指标完成情况");
            final String text = dingBody.at("/markdown/text").asText();
            assertThat(text).startsWith("### 罗湖区2023年1-6月主要经济指标完成情况\n**罗湖区1-6月：5项主要指标中，2项符合序时进度");
            // DingTalk has no font colours: the status in brackets, one quoted line per indicator
            assertThat(text).contains("\n> **规模以上工业增加值** 【滞后】 1-6月累计增长1.6%").doesNotContain("<font");
            assertThat(text).contains("\n> **固定资产投资** 【预警】 1-6月累计完成220亿元，完成年度目标380亿元的57.9%，"
                    + "低于上年同期进度2.1个百分点，高于序时进度7.9个百分点");
            assertThat(text.lines().filter(l -> l.startsWith("> **"))).hasSize(5);
            assertThat(text).contains("[下载表格 xlsx](" + xlsx + ") · [打印版 HTML](" + html + ")");
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AlertFormatter.DINGTALK_MAX_BYTES);

            assertThat(receivers.successes("/slack")).hasSize(1);
            final JsonNode slackBody = Json.MAPPER.readTree(receivers.successes("/slack").get(0).bodyText());
            assertThat(slackBody.size()).as("text only").isEqualTo(1);
            final String slackText = slackBody.get("text").asText();
            assertThat(slackText).startsWith("罗湖区2023年1-6月主要经济指标完成情况\n罗湖区1-6月：5项主要指标中")
                    .contains("\nLuohu District, Jan–Jun 2023: of 5 main indicators")
                    .contains("\n• 规模以上工业增加值【滞后】1-6月累计增长1.6%")
                    .endsWith("<" + xlsx + "|xlsx> · <" + html + "|HTML>");
            assertThat(slackText.lines().filter(l -> l.startsWith("• "))).hasSize(5);

            final JsonNode rows = Json.MAPPER.readTree(receivers.successes("/generic").get(0).bodyText()).get("rows");
            assertThat(rows.get(2).get("indicator").asText()).isEqualTo("FIXED_ASSET_INVESTMENT");
            assertThat(rows.get(2).get("status").asText()).isEqualTo("AT_RISK");
            // last year's gap, not the +7.89 against linear time progress the table's 差距 column shows
            assertThat(rows.get(2).get("gapPp").decimalValue()).isEqualByComparingTo("-2.11");
            assertThat(rows.get(1).get("gapPp").decimalValue()).isEqualByComparingTo("-7.76");
        }
    }

    private static Route route(final String name, final WebhookType type, final URI url, final String secret) {
        return new Route(name, type, url, secret, Map.of(), RouteFilter.ALL, null, Duration.ZERO);
    }

    /** A fresh delivery log topic for one test. */
    private String deliveryLog(final Properties client) throws Exception {
        final String deliveries = kafka.uniqueTopicName("brief-deliveries");
        try (Admin admin = Admin.create(client)) {
            DeliveryLog.ensureTopic(admin, deliveries, true, 1, (short) 1);
        }
        return deliveries;
    }

    private static BriefScheduler scheduler(final List<BriefSubscription> subscriptions, final URI serviceUrl,
                                            final URI publicUrl, final Properties client, final String deliveries,
                                            final MutableClock clock) {
        return new BriefScheduler(subscriptions, new BriefClient(serviceUrl, Duration.ofSeconds(5)), publicUrl, client,
                deliveries, Duration.ofSeconds(5), clock);
    }

    /** A brief whose one indicator has its July figure in. */
    private static Brief completeJuly() {
        return BriefFixture.builder().build("luohu", "罗湖区", "Luohu District", 2023, null, List.of(
                BriefFixture.figures("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(),
                        Instant.parse("2023-08-10T02:00:00Z"), ReleaseCalendar.NONE,
                        Releases.retailSales().cumulativeThrough(7).growth("5.3").build())));
    }
}
