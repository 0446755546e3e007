package io.pacewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.RegionLevel;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CatalogueLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leaders' page in a real browser (Debian's headless Chromium, driven over the DevTools
 * protocol): the service runs on the test broker with the bundled targets for a region of its own,
 * the page shows every indicator with its names and traffic light, follows a new release without a
 * reload, never runs hostile text from its address as markup, and runs under its own
 * Content-Security-Policy without a single script error or violation. Leaves a screenshot in
 * {@code target/leaders-page.png}. Skipped when {@code /usr/bin/chromium} is not installed.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadersPageIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final int YEAR = 2023;
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What each card shows, read from the DOM in one go. */
    private static final String READ_CARDS = """
            [...document.querySelectorAll('#cards .card')].map(c => ({
              indicator: c.dataset.indicator,
              status: c.dataset.status,
              nameZh: c.querySelector('.name-zh').textContent,
              nameEn: c.querySelector('.name-en').textContent,
              labelZh: c.querySelector('.badge .label-zh').textContent,
              labelEn: c.querySelector('.badge .label-en').textContent,
              badgeColour: getComputedStyle(c.querySelector('.badge')).backgroundColor,
              edgeColour: getComputedStyle(c).borderLeftColor,
              messageZh: c.querySelector('.msg-zh').textContent,
              messageEn: c.querySelector('.msg-en').textContent,
              period: c.querySelector('.period').textContent,
              points: c.querySelectorAll('svg.pace circle.dot').length,
              shown: c.getBoundingClientRect().height > 50 && c.getBoundingClientRect().width > 300
            }))""";

    private static final String READ_SUMMARY = """
            Object.fromEntries([...document.querySelectorAll('#summary .chip')]
              .map(c => [c.dataset.tone, Number(c.querySelector('.count').textContent)]))""";

    private final String region = "web" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IndicatorCatalogue catalogue = CatalogueLoader.bundled();

    private KafkaTestBroker kafka;
    private PacewatchService service;
    private Path stateDir;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() throws Exception {
        if (!HeadlessChromium.available()) {
            return; // every test is skipped, with the reason, by needsChromium()
        }
        stateDir = Files.createTempDirectory("pacewatch-web-it");
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "pacewatch-web-it-" + region);
        // "Now" is 20 July 2023, when these figures are current (by the system clock all would be overdue):
        // monthly figures through May, GDP through Q1; fixed-asset investment, with none, is overdue.
        service = PacewatchService.start(new ServiceSettings(props, catalogue, "127.0.0.1", 0, "127.0.0.1", stateDir,
                true, 2, (short) 1).withClock(Clock.fixed(Instant.parse("2023-07-20T00:00:00Z"), ZoneOffset.UTC))
                // the test's region, named as a region catalogue would name it
                .withRegions(new RegionCatalogue(List.of(
                        new Region(region, "网页测试区", "Web Test District", RegionLevel.DISTRICT, null)))));
        chromium = HeadlessChromium.launch(Duration.ofSeconds(30));
        assertThat(service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed, so the "
                + "leaders' page cannot be tested in a browser (apt-get install -y --no-install-recommends chromium)");
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
            if (stateDir != null) {
                try (var files = Files.walk(stateDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @DisplayName("the page shows every bundled indicator with names and traffic light, and follows a release live")
    void showsIndicatorsAndFollowsReleases() throws Exception {
        final int problemsBefore = chromium.problems().size();
        loadBundledTargets();
        kafka.produceStrings(Topics.RELEASES, List.of(
                release("GDP", "2023-Q1", "\"value\":640.3,\"unit\":\"亿元\",\"growthPercent\":8.0", "2023-04-25"),
                release("RETAIL_SALES", "2023-05", "\"value\":781,\"unit\":\"亿元\",\"growthPercent\":5.1", "2023-06-16"),
                release("BUDGET_REVENUE", "2023-06", "\"value\":60,\"unit\":\"亿元\"", "2023-07-12"),
                release("INDUSTRIAL_VALUE_ADDED", "2023-05", "\"growthPercent\":1.2", "2023-06-17")));
        final Map<String, String> expected = new LinkedHashMap<>();
        expected.put("GDP", "AHEAD");
        expected.put("RETAIL_SALES", "ON_PACE");
        expected.put("BUDGET_REVENUE", "AT_RISK");
        expected.put("INDUSTRIAL_VALUE_ADDED", "BEHIND");
        expected.put("FIXED_ASSET_INVESTMENT", "OVERDUE");
        final JsonNode api = awaitApiStatuses(expected);

        final HeadlessChromium.Tab tab = chromium.newTab(WIDTH, HEIGHT);
        tab.prefersColorScheme("dark");
        tab.navigate(baseUrl() + "/?region=" + region + "&year=" + YEAR, PAGE_WAIT);
        final JsonNode cards = tab.waitFor(READ_CARDS, c -> c.size() == expected.size()
                        && statuses(c).equals(expected), PAGE_WAIT, "the five indicators with their statuses");

        assertThat(cards).extracting(c -> c.get("indicator").asText())
                .containsExactlyInAnyOrderElementsOf(catalogue.all().stream().map(Indicator::code).toList());
        for (final JsonNode card : cards) {
            final String code = card.get("indicator").asText();
            final Indicator indicator = catalogue.require(code);
            final PaceStatus status = PaceStatus.valueOf(expected.get(code));
            final JsonNode fromApi = byIndicator(api).get(code);
            assertThat(card.get("nameZh").asText()).as(code).isEqualTo(indicator.nameZh());
            assertThat(card.get("nameEn").asText()).as(code).isEqualTo(indicator.nameEn());
            assertThat(card.get("labelZh").asText()).as(code).isEqualTo(status.labelZh());
            assertThat(card.get("labelEn").asText()).as(code).isEqualTo(status.labelEn());
            assertThat(colour(card.get("badgeColour").asText())).as(code + " badge").isEqualTo(colourOf(status));
            assertThat(colour(card.get("edgeColour").asText())).as(code + " edge").isEqualTo(colourOf(status));
            assertThat(card.get("messageZh").asText()).as(code).isEqualTo(fromApi.get("messageZh").asText());
            assertThat(card.get("messageEn").asText()).as(code).isEqualTo(fromApi.get("messageEn").asText());
            assertThat(card.get("shown").asBoolean()).as(code + " is laid out on screen").isTrue();
            assertThat(card.get("points").asInt()).as(code + " pace chart points").isEqualTo(
                    status == PaceStatus.OVERDUE ? 0 : 1);
        }
        assertThat(tab.evaluate(READ_SUMMARY)).isEqualTo(JSON.readTree(
                "{\"good\":2,\"warn\":1,\"bad\":1,\"none\":0,\"late\":1}"));
        // the region by its catalogue names in the title and the selector; the code stays the selector's value
        assertThat(tab.evaluate("document.getElementById('region-name').textContent").asText()).isEqualTo("网页测试区");
        assertThat(tab.evaluate("document.title").asText())
                .isEqualTo("pacewatch · 网页测试区 Web Test District 2023 · 指标进度 Indicator pace");
        final JsonNode selected = tab.evaluate("(s => ({value: s.value, text: s.options[s.selectedIndex].textContent}))"
                + "(document.getElementById('region-select'))");
        assertThat(selected.get("value").asText()).isEqualTo(region);
        assertThat(selected.get("text").asText()).isEqualTo("网页测试区 Web Test District");

        // A new release: industry for 1-6月 is back on pace. The page follows without a reload.
        tab.evaluate("window.__sameDocument = 'yes'");
        final long sent = System.nanoTime();
        kafka.produceStrings(Topics.RELEASES, List.of(
                release("INDUSTRIAL_VALUE_ADDED", "2023-06", "\"growthPercent\":3.4", "2023-07-17")));
        final JsonNode updated = tab.waitFor(READ_CARDS, c -> "ON_PACE".equals(statuses(c).get("INDUSTRIAL_VALUE_ADDED"))
                && byIndicator(c).get("INDUSTRIAL_VALUE_ADDED").get("points").asInt() == 2, WAIT,
                "industrial value added to turn ON_PACE");
        final Duration took = Duration.ofNanos(System.nanoTime() - sent);
        System.out.println("leaders' page showed the new release " + took.toMillis() + " ms after it was produced");
        final JsonNode industry = byIndicator(updated).get("INDUSTRIAL_VALUE_ADDED");
        assertThat(industry.get("labelZh").asText()).isEqualTo(PaceStatus.ON_PACE.labelZh());
        assertThat(industry.get("labelEn").asText()).isEqualTo(PaceStatus.ON_PACE.labelEn());
        assertThat(colour(industry.get("badgeColour").asText())).isEqualTo("green");
        assertThat(colour(industry.get("edgeColour").asText())).isEqualTo("green");
        assertThat(industry.get("messageZh").asText()).startsWith("1-6月累计增长3.4%");
        assertThat(industry.get("period").asText()).contains("2023年1-6月").contains("Jan–Jun 2023");
        assertThat(statuses(updated)).containsAllEntriesOf(Map.of("GDP", "AHEAD", "RETAIL_SALES", "ON_PACE",
                "BUDGET_REVENUE", "AT_RISK", "FIXED_ASSET_INVESTMENT", "OVERDUE"));
        assertThat(tab.evaluate("window.__sameDocument").asText()).as("the page was not reloaded").isEqualTo("yes");
        assertThat(tab.evaluate(READ_SUMMARY)).isEqualTo(JSON.readTree(
                "{\"good\":3,\"warn\":1,\"bad\":0,\"none\":0,\"late\":1}"));

        // Last year's budget revenue comes in (66 of 120 亿元 by June, 55%): the card shows that share and
        // the gap to it beside time progress, and the status stays judged on time progress.
        final String lastYear = region + "|BUDGET_REVENUE|2022";
        kafka.produceStrings(Topics.RELEASES, List.of(
                KeyValue.pair(lastYear, "{\"region\":\"" + region + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"2022-06\","
                        + "\"value\":66,\"unit\":\"亿元\",\"publishedAt\":\"2022-07-12T09:30:00+08:00\",\"source\":\"leaders' page test\"}"),
                KeyValue.pair(lastYear, "{\"region\":\"" + region + "\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"2022-12\","
                        + "\"value\":120,\"unit\":\"亿元\",\"publishedAt\":\"2023-01-12T09:30:00+08:00\",\"source\":\"leaders' page test\"}")));
        final JsonNode samePeriod = tab.waitFor("[...document.querySelectorAll('#cards .card')]"
                        + ".filter(c => c.dataset.indicator === 'BUDGET_REVENUE').map(c => c.querySelector('.figures').textContent)[0] || ''",
                f -> f.asText().contains("上年同期"), WAIT, "budget revenue to show last year's same-period share");
        assertThat(samePeriod.asText()).contains("上年同期last year55.0%").contains("同期差距vs last yr\u22127.76 pp");
        assertThat(statuses(tab.evaluate(READ_CARDS)).get("BUDGET_REVENUE")).isEqualTo("AT_RISK");

        final byte[] png = tab.screenshot();
        final Path shot = Path.of("target", "leaders-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, png);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(png.length).isGreaterThan(20_000);

        assertThat(chromium.problems().subList(problemsBefore, chromium.problems().size()))
                .as("script errors, console errors or CSP violations").isEmpty();
    }

    @Test
    @DisplayName("hostile text in the address is shown as text, never run; the page falls back to a known region")
    void hostileAddressIsText() throws Exception {
        final int problemsBefore = chromium.problems().size();
        final String hostile = "<img src=x onerror=\"window.__pwned=1\">";
        final HeadlessChromium.Tab tab = chromium.newTab(1280, 800);
        tab.navigate(baseUrl() + "/?region=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8) + "&year=" + YEAR,
                PAGE_WAIT);
        final JsonNode notice = tab.waitFor("document.getElementById('notice').hidden ? null"
                + " : document.getElementById('notice').textContent", n -> n.isTextual(), PAGE_WAIT, "the notice");
        assertThat(notice.asText()).contains(hostile);
        // Nothing injected runs or appears while the page goes on fetching and drawing.
        await("no injected element or script").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).pollInSameThread()
                .untilAsserted(() -> {
                    assertThat(tab.evaluate("document.querySelectorAll('img, script:not([src]), [onerror]').length")
                            .asInt()).isZero();
                    assertThat(tab.evaluate("typeof window.__pwned").asText()).isEqualTo("undefined");
                });
        assertThat(tab.evaluate("document.getElementById('region-name').textContent").asText()).doesNotContain("<");
        assertThat(chromium.problems().subList(problemsBefore, chromium.problems().size())).isEmpty();
    }

    private void loadBundledTargets() throws IOException {
        final List<KeyValue<String, String>> targets = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/targets/luohu-2023.jsonl")) {
            assertThat(in).as("bundled targets").isNotNull();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final ObjectNode target = (ObjectNode) JSON.readTree(line);
                target.put("region", region);
                targets.add(KeyValue.pair(region + "|" + target.get("indicator").asText() + "|" + target.get("year").asInt(),
                        JSON.writeValueAsString(target)));
            }
        }
        assertThat(targets).hasSize(catalogue.all().size());
        kafka.produceStrings(Topics.TARGETS, targets);
    }

    private KeyValue<String, String> release(final String indicator, final String period, final String figures,
                                             final String publishedOn) {
        return KeyValue.pair(region + "|" + indicator + "|" + YEAR, "{\"region\":\"" + region + "\",\"indicator\":\""
                + indicator + "\",\"period\":\"" + period + "\"," + figures + ",\"publishedAt\":\"" + publishedOn
                + "T09:30:00+08:00\",\"source\":\"leaders' page test\"}");
    }

    /** Waits until the API itself shows the expected statuses, so page checks do not race the stream. */
    private JsonNode awaitApiStatuses(final Map<String, String> expected) {
        final URI uri = URI.create(baseUrl() + "/api/progress?region=" + region + "&year=" + YEAR);
        final AtomicReference<JsonNode> list = new AtomicReference<>();
        await("the API to show " + expected).atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            list.set(JSON.readTree(response.body()));
            assertThat(statuses(list.get())).isEqualTo(expected);
        });
        return list.get();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + service.httpAddress().getPort();
    }

    private static Map<String, String> statuses(final JsonNode list) {
        final Map<String, String> statuses = new HashMap<>();
        list.forEach(p -> statuses.put(p.path("indicator").asText(), p.path("status").asText()));
        return statuses;
    }

    private static Map<String, JsonNode> byIndicator(final JsonNode list) {
        final Map<String, JsonNode> map = new HashMap<>();
        list.forEach(p -> map.put(p.path("indicator").asText(), p));
        return map;
    }

    private static String colourOf(final PaceStatus status) {
        return switch (status) {
            case AHEAD, ON_PACE -> "green";
            case AT_RISK -> "amber";
            case BEHIND -> "red";
            case OVERDUE -> "purple";
            default -> "grey";
        };
    }

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)");

    /** Names a computed CSS colour by hue, so that the test holds whatever the exact palette. */
    static String colour(final String css) {
        final Matcher m = RGB.matcher(css);
        if (!m.find()) {
            return "unparsed " + css;
        }
        final int r = Integer.parseInt(m.group(1));
        final int g = Integer.parseInt(m.group(2));
        final int b = Integer.parseInt(m.group(3));
        final int max = Math.max(r, Math.max(g, b));
        final int min = Math.min(r, Math.min(g, b));
        if (max - min < 45) {
            return "grey";
        }
        if (g > r && g > b) {
            return "green";
        }
        if (b > g && r > g && b > 0.9 * r) {
            return "purple";
        }
        if (r >= g && r > b) {
            return g > 0.55 * r ? "amber" : "red";
        }
        return "other " + css;
    }
}
