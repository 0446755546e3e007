package io.pacewatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.dashboards.ExternalTools.Result;
import io.pacewatch.dashboards.MonitoringFiles.Dashboard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboards and rules against a real Prometheus (Debian's {@code prometheus} package) that
 * scrapes a live {@code pacewatch demo} on loopback every second with the repository's rule files:
 * promtool's checks and unit tests pass, every rule evaluates without error, the behind-pace alert
 * fires for the demo's lagging indicator, and every query of every dashboard panel returns data.
 *
 * <p>Where prometheus/promtool are not installed the class is skipped with a message, except on CI
 * ({@code CI=true}), where .ci/run installs them and a missing tool fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardQueriesIT {

    private static final String REGION = "luohu";
    private static final String YEAR = "2023";
    /** The indicators of the demo feed (src/main/resources/demo), each published for four districts of Shenzhen. */
    private static final List<String> DEMO_INDICATORS = List.of("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT",
            "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
    /** PACEWATCH_PUBLIC_URL as docker-compose passes it to Prometheus. */
    private static final String PUBLIC_URL = "http://pacewatch.example";
    private static final Pattern RUNNING = Pattern.compile("metrics at http://localhost:(\\d+)/metrics");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$", Pattern.DOTALL);
    /** What Grafana's built-in variables become here (scrapes every second). */
    private static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "1m", "__interval", "5s",
            "__range", "5m", "__range_s", "300", "__interval_ms", "5000");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Instant started = Instant.now();
    private Path prometheusBin;
    private Path promtool;
    private Path work;
    private Process demo;
    private Process prometheus;
    private Path demoLog;
    private String prometheusUrl;
    private String demoUrl;
    private Instant prometheusStart;
    private Thread cleanup;
    private String skipped;

    @BeforeAll
    void startDemoAndPrometheus() throws Exception {
        final Optional<Path> server = ExternalTools.onPath("prometheus");
        final Optional<Path> tool = ExternalTools.onPath("promtool");
        if (server.isEmpty() || tool.isEmpty()) {
            final String message = "prometheus and promtool are not installed (Debian: apt-get install prometheus; "
                    + ".ci/run does it): the dashboard queries and rules are not checked against a real Prometheus";
            if (ExternalTools.onCi()) {
                fail(message + " - on CI they must be there");
            }
            // each test reports itself skipped with this message
            System.out.println("DashboardQueriesIT SKIPPED: " + message);
            skipped = message;
            return;
        }
        prometheusBin = server.get();
        promtool = tool.get();
        final Path jar = MonitoringFiles.path("target/pacewatch.jar");
        assertThat(jar).as("target/pacewatch.jar (built by the package phase, before integration-test)").exists();

        work = MonitoringFiles.path("target/dashboards-it");
        deleteRecursively(work);
        Files.createDirectories(work);
        cleanup = new Thread(this::stopProcesses, "dashboards-it-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);

        final int kafkaPort = freePort();
        demoLog = work.resolve("demo.log");
        final String java = ProcessHandle.current().info().command().orElse("java");
        demo = new ProcessBuilder(java, "-jar", jar.toString(), "demo", "--http-port", "0", "--http-bind", "127.0.0.1",
                "--kafka-port", Integer.toString(kafkaPort), "--month-seconds", "0.3",
                "--state-dir", work.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(demoLog.toFile()).start();
        final Matcher running = awaitLog(RUNNING, Duration.ofSeconds(120));
        final int httpPort = Integer.parseInt(running.group(1));
        demoUrl = "http://127.0.0.1:" + httpPort;

        // Prometheus from the start of the feed, so that the windowed Kafka Streams metrics
        // (latency, lag) hold values in the range the time-series panels show.
        final int prometheusPort = freePort();
        final Path config = work.resolve("prometheus.yml");
        // The shipped public_url external label as it is written (${PACEWATCH_PUBLIC_URL}), expanded by
        // Prometheus from the environment as in the stack.
        final String publicUrl = MonitoringFiles.yaml("prometheus/prometheus.yml")
                .path("global").path("external_labels").path("public_url").asText();
        assertThat(publicUrl).isEqualTo("${PACEWATCH_PUBLIC_URL}");
        Files.writeString(config, """
                # generated by DashboardQueriesIT: the repository's rules, scraping the demo every second
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                  external_labels:
                    public_url: "%s"
                rule_files:
                  - "%s"
                scrape_configs:
                  - job_name: pacewatch
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(publicUrl, MonitoringFiles.path("prometheus/rules").resolve("*.yml"), httpPort),
                StandardCharsets.UTF_8);
        final ProcessBuilder prometheusProcess = new ProcessBuilder(prometheusBin.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--storage.tsdb.retention.time=1h",
                // Prometheus 3 expands ${...} in external labels by default; 2.x needs the flag
                "--enable-feature=expand-external-labels");
        prometheusProcess.environment().put("PACEWATCH_PUBLIC_URL", PUBLIC_URL);
        prometheus = prometheusProcess
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        prometheusStart = Instant.now();
        awaitTrue("Prometheus ready", Duration.ofSeconds(60), () -> get("/-/ready").statusCode() == 200);

        // A malformed record and one for an unknown indicator: the dead-letter panels then show real
        // increases, not only the counters' zeros.
        sendBadRecords(kafkaPort);
        awaitLog(Pattern.compile("Illustrative feed done"), Duration.ofSeconds(240));
    }

    @AfterAll
    void stopAll() {
        stopProcesses();
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (final IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        System.out.printf(Locale.ROOT, "DashboardQueriesIT took %d s%n",
                Duration.between(started, Instant.now()).toSeconds());
    }

    @Test
    @Order(1)
    void promtoolChecksTheConfigurationAndTheRulesAndItsUnitTestsPass() throws Exception {
        assumeToolsInstalled();
        final Result config = ExternalTools.run(Duration.ofSeconds(60), promtool.toString(), "check", "config",
                "prometheus/prometheus.yml");
        assertThat(config.exitCode()).as(config.output()).isZero();
        final Result rules = ExternalTools.run(Duration.ofSeconds(60), ExternalTools.concat(
                List.of(promtool.toString(), "check", "rules"), MonitoringFiles.files("prometheus/rules", ".yml")));
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        final List<Path> tests = MonitoringFiles.files("prometheus/tests", ".yml");
        assertThat(tests).isNotEmpty();
        final Result unit = ExternalTools.run(Duration.ofSeconds(120), ExternalTools.concat(
                List.of(promtool.toString(), "test", "rules"), tests));
        assertThat(unit.exitCode()).as(unit.output()).isZero();
        assertThat(unit.output()).doesNotContain("FAILED");
    }

    @Test
    @Order(2)
    void alertmanagerConfigurationIsValid() throws Exception {
        assumeToolsInstalled();
        final Optional<Path> amtool = requiredOnCi("amtool", "prometheus-alertmanager");
        final Result result = ExternalTools.run(Duration.ofSeconds(60), amtool.get().toString(), "check-config",
                "alertmanager/alertmanager.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @Order(3)
    void composeFileIsValid() throws Exception {
        assumeToolsInstalled();
        final Optional<Path> compose = requiredOnCi("docker-compose", "docker-compose");
        final Result result = ExternalTools.run(Duration.ofSeconds(60),
                Map.of("GRAFANA_ADMIN_PASSWORD", "validation-only"),
                compose.get().toString(), "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @Order(4)
    void everyRuleEvaluatesWithoutError() throws Exception {
        assumeToolsInstalled();
        awaitTrue("every rule evaluated once", Duration.ofSeconds(60),
                () -> rules().stream().noneMatch(r -> "unknown".equals(r.path("health").asText())));
        final List<JsonNode> rules = rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rules.stream().filter(r -> !"ok".equals(r.path("health").asText()))
                .map(r -> r.path("name").asText() + ": " + r.path("health").asText() + " " + r.path("lastError").asText())
                .toList()).as("rules that do not evaluate").isEmpty();
    }

    /** The demo ends with industrial value added behind, budget revenue and fixed-asset investment at risk. */
    @Test
    @Order(5)
    void theBehindPaceAlertFiresForTheLaggingIndicator() throws Exception {
        assumeToolsInstalled();
        awaitTrue("PacewatchBehindPace firing for INDUSTRIAL_VALUE_ADDED", Duration.ofSeconds(150),
                () -> firing("PacewatchBehindPace").contains("INDUSTRIAL_VALUE_ADDED"));
        awaitTrue("PacewatchAtRisk firing for BUDGET_REVENUE and FIXED_ASSET_INVESTMENT", Duration.ofSeconds(120),
                () -> firing("PacewatchAtRisk").containsAll(List.of("BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT")));
        final JsonNode alerts = getJson("/api/v1/alerts").path("data").path("alerts");
        for (final JsonNode alert : alerts) {
            final JsonNode labels = alert.path("labels");
            // The demo's invented sibling districts may be behind on it too; this is about luohu's.
            if (labels.path("alertname").asText().equals("PacewatchBehindPace")
                    && labels.path("indicator").asText().equals("INDUSTRIAL_VALUE_ADDED")
                    && labels.path("region").asText().equals(REGION)) {
                assertThat(labels.path("year").asText()).isEqualTo(YEAR);
                assertThat(labels.path("severity").asText()).isEqualTo("critical");
                assertThat(labels.path("indicator_name_zh").asText()).isEqualTo("规模以上工业增加值");
                // issue #12: people read the region's names (pacewatch_region_info), the labels keep the code
                assertThat(alert.path("annotations").path("summary").asText())
                        .isEqualTo("【滞后】罗湖区 规模以上工业增加值 2023: behind pace");
                assertThat(alert.path("annotations").path("description").asText())
                        .startsWith("Industrial value added above designated size (规模以上工业增加值), Luohu District (罗湖区) 2023, ");
                // the gap of the latest evaluation (-1.4 pp once the feed is through)
                assertThat(alert.path("annotations").path("description").asText())
                        .containsPattern("is behind pace: gap -\\d+\\.\\d pp\\. Details: /api/progress/luohu/INDUSTRIAL_VALUE_ADDED/2023");
                // links from the external label public_url, expanded from the environment
                assertThat(alert.path("annotations").path("dashboard").asText()).isEqualTo(PUBLIC_URL
                        + ":3000/d/pacewatch-indicator?var-region=luohu&var-year=2023&var-indicator=INDUSTRIAL_VALUE_ADDED");
                assertThat(alert.path("annotations").path("runbook_url").asText())
                        .isEqualTo(PUBLIC_URL + ":8080/runbook#pacewatchbehindpace");
            }
        }
        // Which other indicators fired on the way depends on how fast the machine replays the feed
        // (an indicator behind for a minute of replay fires, and keeps firing 15 minutes); these never do.
        assertThat(firing("PacewatchStreamsNotRunning")).isEmpty();
        assertThat(firing("PacewatchDataOverdue")).isEmpty();
        assertThat(firing("PacewatchDown")).isEmpty();
        assertThat(firing("PacewatchBrokerUnreachable")).isEmpty();
    }

    /** The heartbeat fires from the first evaluation, its runbook link on the public URL from the environment. */
    @Test
    @Order(6)
    void theWatchdogFiresWithItsRunbookLinkOnThePublicUrl() throws Exception {
        assumeToolsInstalled();
        awaitTrue("Watchdog firing", Duration.ofSeconds(30), () -> !firing("Watchdog").isEmpty());
        final List<String> links = new ArrayList<>();
        for (final JsonNode alert : getJson("/api/v1/alerts").path("data").path("alerts")) {
            if (alert.path("labels").path("alertname").asText().equals("Watchdog")) {
                links.add(alert.path("annotations").path("runbook_url").asText());
            }
        }
        assertThat(links).containsExactly(PUBLIC_URL + ":8080/runbook#watchdog");
    }

    /**
     * Every query of every panel, with the dashboard's variables set as Grafana would set them
     * (region luohu, year 2023, "All" where a variable allows it; on the indicator detail each
     * indicator in turn), returns at least one number: instant panels by an instant query, the
     * others by a range query since Prometheus started. A query that finds nothing fails.
     */
    @Test
    @Order(7)
    void everyQueryOfEveryDashboardPanelReturnsData() throws Exception {
        assumeToolsInstalled();
        final List<Query> queries = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            queries.addAll(queriesOf(dashboard, problems));
        }
        assertThat(problems).as("dashboard variables").isEmpty();

        final Map<String, List<Query>> byTarget = new LinkedHashMap<>();
        queries.forEach(q -> byTarget.computeIfAbsent(q.panelKey(), k -> new ArrayList<>()).add(q));
        final Map<String, List<String>> withData = new TreeMap<>();
        for (final Map.Entry<String, List<Query>> target : byTarget.entrySet()) {
            withData.put(target.getKey(), variantsWithData(target.getValue()));
        }
        // Kafka client metrics created after pacewatch started (per topic, per task) reach /metrics
        // at Micrometer's next refresh, up to a minute later: look again for a while before calling
        // a query empty. Only queries without data for any variable value are asked again.
        final Instant firstPass = Instant.now();
        final List<String> late = emptyTargets(withData);
        if (!late.isEmpty()) {
            try {
                await("data for " + late).atMost(Duration.ofSeconds(75))
                        .pollDelay(Duration.ofSeconds(5)).pollInterval(Duration.ofSeconds(5))
                        .until(() -> {
                            for (final String key : emptyTargets(withData)) {
                                withData.put(key, variantsWithData(byTarget.get(key)));
                            }
                            return emptyTargets(withData).isEmpty();
                        });
            } catch (final ConditionTimeoutException stillWithout) {
                // Those still without data are reported and fail below.
            }
        }
        final List<String> failing = emptyTargets(withData);
        if (!late.isEmpty()) {
            System.out.printf(Locale.ROOT, "Without data %d s after Prometheus started, looked again for %d s: %s%n",
                    Duration.between(prometheusStart, firstPass).toSeconds(),
                    Duration.between(firstPass, Instant.now()).toSeconds(), late);
        }
        final List<String> failed = failing.stream().map(key -> key + ": " + byTarget.get(key).get(0).promql()).toList();
        System.out.printf(Locale.ROOT, "Dashboard queries: %d panel queries (%d PromQL queries with the variables set) "
                        + "in %d dashboards, %d returned data%n", byTarget.size(), queries.size(),
                MonitoringFiles.dashboards().size(), byTarget.size() - failed.size());
        withData.forEach((key, variants) -> {
            if (byTarget.get(key).get(0).variant() != null) {
                System.out.println("  " + key + " has data for " + variants);
            }
        });
        assertThat(failed).as("panel queries that return no data from Prometheus (logs in %s)", work).isEmpty();
        assertThat(byTarget).hasSizeGreaterThan(50);
        // 上年同期: the demo publishes last year's budget revenue (illustrative-2022.jsonl), so the
        // indicator detail's same-period gap has data for it, beside the judged gap.
        assertThat(withData.get("indicator-detail.json / 差距 Gap (pp) / B"))
                .as("the same-period gap (pacewatch:prior_year_gap:pp) of the indicator detail").contains("BUDGET_REVENUE");
        assertThat(withData.get("indicator-detail.json / 差距 Gap (pp) / A")).contains("BUDGET_REVENUE");
    }

    private void assumeToolsInstalled() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    // ------------------------------------------------------------------ queries

    record Query(String dashboard, String panel, String refId, String variant, String promql, boolean instant) {
        String panelKey() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    private List<Query> queriesOf(final Dashboard dashboard, final List<String> problems) throws Exception {
        // Variables in order, each from its label_values() query with the ones before it set.
        final Map<String, String> fixed = new LinkedHashMap<>(BUILT_IN);
        String iterated = null;
        List<String> iteratedValues = List.of();
        for (final JsonNode variable : dashboard.variables()) {
            final String name = variable.path("name").asText();
            final List<String> values = labelValues(substitute(variable.path("definition").asText(), fixed));
            if (values.isEmpty()) {
                problems.add(dashboard.name() + ": $" + name + " has no values");
                continue;
            }
            if (variable.path("includeAll").asBoolean()) {
                fixed.put(name, variable.path("allValue").asText());
            } else if (name.equals("region")) {
                assertThat(values).as("$region of " + dashboard.name()).contains(REGION);
                fixed.put(name, REGION);
            } else if (name.equals("year")) {
                assertThat(values).as("$year of " + dashboard.name()).contains(YEAR);
                fixed.put(name, YEAR);
            } else {
                iterated = name;
                iteratedValues = values;
            }
        }
        final List<Query> out = new ArrayList<>();
        for (final JsonNode panel : dashboard.panels()) {
            for (final JsonNode target : panel.path("targets")) {
                final boolean instant = target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false);
                final String expr = MonitoringFiles.expr(target);
                if (iterated == null) {
                    out.add(new Query(dashboard.name(), panel.path("title").asText(), target.path("refId").asText(),
                            null, substitute(expr, fixed), instant));
                } else {
                    for (final String value : iteratedValues) {
                        final Map<String, String> vars = new LinkedHashMap<>(fixed);
                        vars.put(iterated, value);
                        out.add(new Query(dashboard.name(), panel.path("title").asText(),
                                target.path("refId").asText(), value, substitute(expr, vars), instant));
                    }
                }
            }
        }
        return out;
    }

    private static String substitute(final String text, final Map<String, String> values) {
        final Matcher m = VARIABLE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            final String name = Stream.of(m.group(1), m.group(2), m.group(3)).filter(s -> s != null).findFirst().orElseThrow();
            final String value = values.get(name);
            if (value == null) {
                throw new AssertionError("unknown variable $" + name + " in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Grafana's label_values(selector, label), asked of Prometheus as count by (label) (selector). */
    private List<String> labelValues(final String definition) throws Exception {
        final Matcher m = LABEL_VALUES.matcher(definition.strip());
        assertThat(m.matches()).as("a label_values(metric, label) variable: " + definition).isTrue();
        final String label = m.group(2);
        final JsonNode result = query("/api/v1/query", Map.of("query", "count by (" + label + ") (" + m.group(1) + ")"));
        final List<String> values = new ArrayList<>();
        result.path("data").path("result").forEach(s -> values.add(s.path("metric").path(label).asText()));
        values.sort(Comparator.naturalOrder());
        return values;
    }

    /** The variable values (or "all") for which the query returns a number. */
    private List<String> variantsWithData(final List<Query> variants) throws Exception {
        final List<String> out = new ArrayList<>();
        for (final Query q : variants) {
            if (withoutData(List.of(q)).isEmpty()) {
                out.add(q.variant() == null ? "all" : q.variant());
            }
        }
        return out;
    }

    private List<Query> withoutData(final List<Query> queries) throws Exception {
        final List<Query> empty = new ArrayList<>();
        final long now = Instant.now().getEpochSecond();
        for (final Query q : queries) {
            final JsonNode answer = q.instant()
                    ? query("/api/v1/query", Map.of("query", q.promql()))
                    : query("/api/v1/query_range", Map.of("query", q.promql(),
                            "start", Long.toString(prometheusStart.getEpochSecond()),
                            "end", Long.toString(now), "step", "2"));
            if (!"success".equals(answer.path("status").asText())) {
                throw new AssertionError(q.panelKey() + ": " + answer + "\n" + q.promql());
            }
            if (!hasNumber(answer.path("data").path("result"))) {
                empty.add(q);
            }
        }
        return empty;
    }

    private static boolean hasNumber(final JsonNode result) {
        for (final JsonNode series : result) {
            final List<JsonNode> samples = new ArrayList<>();
            if (series.has("value")) {
                samples.add(series.path("value"));
            }
            series.path("values").forEach(samples::add);
            for (final JsonNode sample : samples) {
                final double v = Double.parseDouble(sample.get(1).asText());
                if (!Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ Prometheus API

    private List<JsonNode> rules() throws Exception {
        final List<JsonNode> out = new ArrayList<>();
        getJson("/api/v1/rules").path("data").path("groups").forEach(g -> g.path("rules").forEach(out::add));
        return out;
    }

    /** The indicators for which the alert is firing. */
    private List<String> firing(final String alertname) throws Exception {
        final List<String> out = new ArrayList<>();
        for (final JsonNode alert : getJson("/api/v1/alerts").path("data").path("alerts")) {
            if (alertname.equals(alert.path("labels").path("alertname").asText())
                    && "firing".equals(alert.path("state").asText())) {
                out.add(alert.path("labels").path("indicator").asText(alert.path("labels").path("instance").asText()));
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The join docs/metrics.md gives for region names, run as written against the demo's metrics. */
    @Test
    @Order(8)
    void theDocumentedRegionJoinNamesTheRegions() throws Exception {
        assumeToolsInstalled();
        final String doc = Files.readString(MonitoringFiles.path("docs/metrics.md"), StandardCharsets.UTF_8);
        final java.util.regex.Matcher block = java.util.regex.Pattern.compile("### Region names.*?```promql\n(.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("the promql block of the Region names section").isTrue();
        final String promql = block.group(1).strip();

        awaitTrue("the documented join finds luohu", Duration.ofSeconds(60), () -> query("/api/v1/query",
                Map.of("query", promql)).path("data").path("result").toString().contains("\"region\":\"luohu\""));
        for (final JsonNode series : query("/api/v1/query", Map.of("query", promql)).path("data").path("result")) {
            final JsonNode labels = series.path("metric");
            if (REGION.equals(labels.path("region").asText())) {
                assertThat(labels.path("name_zh").asText()).isEqualTo("罗湖区");
                assertThat(labels.path("name_en").asText()).isEqualTo("Luohu District");
                assertThat(labels.path("parent").asText()).isEqualTo("shenzhen");
                assertThat(labels.has("instance")).isFalse();
            }
        }
    }

    /**
     * Issue #12: the peer rankings panel's query, with the dashboard's variables set to luohu and 2023,
     * gives, per indicator, the four districts of Shenzhen the demo publishes with the ranks pacewatch's
     * own ranking (GET /api/ranking/shenzhen/{indicator}/2023) gives them, named from the region
     * catalogue, worst (highest rank) first: the order the bar gauge draws (DashboardFilesTest pins
     * that the panel keeps the query's order).
     */
    @Test
    @Order(9)
    void thePeerRankingPanelShowsShenzhensDistrictsByNameWorstFirst() throws Exception {
        assumeToolsInstalled();
        final Dashboard dashboard = MonitoringFiles.dashboards().stream()
                .filter(d -> d.name().equals("peer-rankings.json")).findFirst().orElseThrow();
        final String expr = MonitoringFiles.expr(dashboard.panels().get(0).path("targets").get(0));
        final Map<String, String> names = Map.of("luohu", "罗湖区", "futian", "福田区", "nanshan", "南山区",
                "yantian", "盐田区");
        for (final String indicator : DEMO_INDICATORS) {
            final String promql = substitute(expr, Map.of("region", REGION, "year", YEAR, "indicator", indicator));
            final Map<String, Integer> expected = rankingOfShenzhen(indicator);
            assertThat(expected).as("GET /api/ranking/shenzhen/%s/2023 ranks", indicator)
                    .containsOnlyKeys(names.keySet());
            awaitTrue("the panel shows the ranks of /api/ranking for " + indicator, Duration.ofSeconds(60),
                    () -> ranksByRegion(panelBars(promql)).equals(expected));
            final List<JsonNode> bars = panelBars(promql);
            assertThat(ranksByRegion(bars)).as(indicator).isEqualTo(expected);
            final List<Integer> shown = bars.stream().map(DashboardQueriesIT::rank).toList();
            assertThat(shown).as("%s worst first: %s", indicator, bars).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(shown.get(0)).as(indicator).isGreaterThan(shown.get(shown.size() - 1));
            for (final JsonNode bar : bars) {
                final JsonNode labels = bar.path("metric");
                assertThat(labels.path("name_zh").asText()).as(indicator + " " + labels)
                        .isEqualTo(names.get(labels.path("region").asText()));
                assertThat(labels.path("name_en").asText()).as(indicator + " " + labels).endsWith(" District");
                assertThat(labels.path("indicator").asText()).isEqualTo(indicator);
                assertThat(labels.path("indicator_name_zh").asText()).as(indicator + " " + labels).isNotBlank();
                assertThat(labels.path("parent").asText()).isEqualTo("shenzhen");
            }
            if (indicator.equals("INDUSTRIAL_VALUE_ADDED")) {
                // the demo's tie (并列): yantian level with luohu on industrial growth
                assertThat(expected.get("yantian")).isEqualTo(expected.get("luohu"));
            }
        }
        // "All" indicators: every ranked district of every indicator, still worst first across them
        final List<JsonNode> all = panelBars(substitute(expr, Map.of("region", REGION, "year", YEAR, "indicator", ".+")));
        assertThat(all).hasSize(names.size() * DEMO_INDICATORS.size());
        assertThat(all.stream().map(DashboardQueriesIT::rank).toList()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    /** The instant query's series, in the order Prometheus returns them. */
    private List<JsonNode> panelBars(final String promql) throws IOException, InterruptedException {
        final JsonNode answer = query("/api/v1/query", Map.of("query", promql));
        assertThat(answer.path("status").asText()).as(answer + "\n" + promql).isEqualTo("success");
        final List<JsonNode> bars = new ArrayList<>();
        answer.path("data").path("result").forEach(bars::add);
        return bars;
    }

    private static int rank(final JsonNode bar) {
        return (int) Double.parseDouble(bar.path("value").get(1).asText());
    }

    private static Map<String, Integer> ranksByRegion(final List<JsonNode> bars) {
        final Map<String, Integer> ranks = new TreeMap<>();
        bars.forEach(bar -> ranks.put(bar.path("metric").path("region").asText(), rank(bar)));
        return ranks;
    }

    /** The ranked regions of the demo's Shenzhen and their ranks, from pacewatch's ranking API. */
    private Map<String, Integer> rankingOfShenzhen(final String indicator) throws Exception {
        final Map<String, Integer> ranks = new TreeMap<>();
        awaitTrue("GET /api/ranking/shenzhen/" + indicator + "/2023", Duration.ofSeconds(30), () -> {
            final HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
                    demoUrl + "/api/ranking/shenzhen/" + indicator + "/" + YEAR)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return false;
            }
            for (final JsonNode entry : MonitoringFiles.JSON.readTree(answer.body()).path("entries")) {
                if (entry.path("rank").isInt()) {
                    ranks.put(entry.path("region").asText(), entry.path("rank").asInt());
                }
            }
            return true;
        });
        return ranks;
    }

    private JsonNode getJson(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return MonitoringFiles.JSON.readTree(response.body());
    }

    private JsonNode query(final String path, final Map<String, String> form) throws IOException, InterruptedException {
        final StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return MonitoringFiles.JSON.readTree(response.body());
    }

    // ------------------------------------------------------------------ processes

    private Optional<Path> requiredOnCi(final String tool, final String debianPackage) {
        final Optional<Path> found = ExternalTools.onPath(tool);
        if (found.isEmpty()) {
            final String message = tool + " is not installed (Debian: apt-get install " + debianPackage
                    + "; .ci/run does it)";
            if (ExternalTools.onCi()) {
                fail(message + " - on CI it must be there");
            }
            Assumptions.abort(message);
        }
        return found;
    }

    private void sendBadRecords(final int kafkaPort) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("pacewatch.releases", "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("pacewatch.releases", ("{\"region\":\"luohu\",\"indicator\":"
                    + "\"NO_SUCH_INDICATOR\",\"period\":\"2023-03\",\"value\":1.0,\"unit\":\"亿元\","
                    + "\"publishedAt\":\"2023-04-12T09:30:00+08:00\"}").getBytes(StandardCharsets.UTF_8)))
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private Matcher awaitLog(final Pattern pattern, final Duration timeout) throws IOException {
        try {
            return await("'" + pattern + "' from pacewatch demo").atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .failFast("pacewatch demo exited", () -> !demo.isAlive())
                    .until(() -> pattern.matcher(readDemoLog()), Matcher::find);
        } catch (final ConditionTimeoutException | TerminalFailureException e) {
            return fail((demo.isAlive() ? "no '" + pattern + "' from pacewatch demo within " + timeout
                    : "pacewatch demo exited (" + demo.exitValue() + ") before '" + pattern + "'") + ":\n"
                    + tail(readDemoLog()), e);
        }
    }

    private String readDemoLog() throws IOException {
        return Files.exists(demoLog) ? Files.readString(demoLog, StandardCharsets.UTF_8) : "";
    }

    /** The panel queries that returned data for no value of their variables. */
    private static List<String> emptyTargets(final Map<String, List<String>> withData) {
        return withData.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    interface Check {
        boolean test() throws Exception;
    }

    private void awaitTrue(final String what, final Duration timeout, final Check check) {
        await(what + " - logs in " + work).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("prometheus exited, see " + work.resolve("prometheus.log"),
                        () -> prometheus != null && !prometheus.isAlive())
                .until(check::test);
    }

    private synchronized void stopProcesses() {
        for (final Process process : new Process[] {prometheus, demo}) {
            if (process == null || !process.isAlive()) {
                continue;
            }
            final List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(final String log) {
        final String[] lines = log.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        Utils.delete(dir.toFile());
    }
}
