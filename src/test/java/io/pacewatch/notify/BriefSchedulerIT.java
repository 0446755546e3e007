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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
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
        final String deliveries = kafka.uniqueTopicName("brief-deliveries");
        final Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            DeliveryLog.ensureTopic(admin, deliveries, true, 1, (short) 1);
        }
        final MutableClock clock = new MutableClock(Instant.parse("2023-07-18T02:00:00Z"));
        try (ScriptedWebhookServer receivers = new ScriptedWebhookServer()) {
            // WeCom fails once: that brief is not recorded, and goes at the next check
            receivers.script("/wecom", ROBOT_OK, new Status(500));
            receivers.script("/generic", new Status(200));
            final Route wecom = new Route("leaders", WebhookType.WECOM, receivers.url("/wecom?key=k"), null, Map.of(),
                    RouteFilter.ALL, null, Duration.ZERO);
            final Route generic = new Route("archive", WebhookType.GENERIC, receivers.url("/generic"), null, Map.of(),
                    RouteFilter.ALL, null, Duration.ZERO);
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
