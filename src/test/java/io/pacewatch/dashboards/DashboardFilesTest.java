package io.pacewatch.dashboards;

import static io.pacewatch.dashboards.MonitoringFiles.DATASOURCE_UID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.dashboards.MonitoringFiles.Dashboard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files, read without running anything: the Grafana dashboards (parse, unique
 * uids, the provisioned datasource everywhere, a description and a unit on every panel), their
 * provisioning and the compose file agreeing on paths, the alerting rules complete and each one
 * unit-tested. {@link DashboardQueriesIT} runs the same queries and rules on a real Prometheus.
 */
class DashboardFilesTest {

    private static final Pattern RECORDED = Pattern.compile("\\bpacewatch:[a-z0-9_]+:[a-z0-9_]+\\b");
    private static final Set<String> ALERTS = Set.of("PacewatchBehindPace", "PacewatchAtRisk",
            "PacewatchDataOverdue", "PacewatchDown", "PacewatchStreamsNotRunning", "PacewatchBrokerUnreachable",
            "PacewatchDeadLetterGrowing", "Watchdog");
    /** The heartbeat: always firing, no hold times, severity none. */
    private static final String WATCHDOG = "Watchdog";
    private static final String LINK_BASE = "{{ or $externalLabels.public_url \"http://localhost\" }}";

    @Test
    void theDashboardsParseAndHaveUniqueUidsAndTitles() {
        final List<Dashboard> dashboards = MonitoringFiles.dashboards();
        assertThat(dashboards).extracting(Dashboard::name).containsAll(MonitoringFiles.DASHBOARDS);
        final List<String> uids = dashboards.stream().map(Dashboard::uid).toList();
        assertThat(uids).allSatisfy(uid -> assertThat(uid).isNotBlank().hasSizeLessThanOrEqualTo(40))
                .doesNotHaveDuplicates();
        assertThat(dashboards).extracting(d -> d.json().path("title").asText())
                .allSatisfy(title -> assertThat(title).isNotBlank()).doesNotHaveDuplicates();
        for (final Dashboard dashboard : dashboards) {
            assertThat(dashboard.json().path("editable").asBoolean(true)).as("%s is read-only", dashboard.name())
                    .isFalse();
            assertThat(dashboard.json().path("schemaVersion").asInt()).as(dashboard.name()).isPositive();
            final List<Integer> ids = dashboard.panels().stream().map(p -> p.path("id").asInt()).toList();
            assertThat(ids).as("panel ids of %s", dashboard.name()).doesNotHaveDuplicates();
        }
    }

    /** Issue #10 item 13: worst first, amount and growth gaps apart, the detail on this year. */
    @Test
    void theOverviewPutsTheWorstFirstAndKeepsAmountAndGrowthGapsApart() {
        final Dashboard overview = byName("overview.json");
        final Dashboard detail = byName("indicator-detail.json");
        assertThat(detail.json().path("time").path("from").asText()).as("the detail opens on this year").isEqualTo("now/y");

        final List<String> panelExprs = overview.panels().stream()
                .map(p -> p.findValuesAsText("expr").stream().reduce("", (a, b) -> a + "\n" + b)).toList();
        assertThat(panelExprs).as("no panel draws amount gaps (pp against time progress) beside growth gaps")
                .noneMatch(e -> e.contains("pacewatch:completion_gap:pp") && e.contains("pacewatch:growth_gap:pp")
                        && !e.contains("pacewatch:attention:rank"));
        assertThat(panelExprs).anyMatch(e -> e.contains("pacewatch:completion_gap:pp"))
                .anyMatch(e -> e.contains("pacewatch:growth_gap:pp"));

        final JsonNode table = overview.panels().stream().filter(p -> "table".equals(p.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(table.findValuesAsText("expr")).anyMatch(e -> e.startsWith("pacewatch:attention:rank"));
        final JsonNode sortBy = table.path("options").path("sortBy");
        assertThat(sortBy.size()).as("the table sorts by the attention rank").isEqualTo(1);
        assertThat(sortBy.get(0).path("displayName").asText()).isEqualTo("rank");
        assertThat(sortBy.get(0).path("desc").asBoolean()).isTrue();
    }

    /**
     * Issue #12: the regions of the selected region's parent, ranked in the stream, worst (highest rank)
     * first, by name. The order is the query's (sort_desc around the whole expression, an instant query):
     * a bar gauge draws the series in the order they come, so no transformation may sort them again.
     */
    @Test
    void thePeerRankingsShowTheRegionsOfTheSelectedRegionsParentWorstFirstByName() {
        final JsonNode panel = byName("peer-rankings.json").panels().get(0);
        final JsonNode target = panel.path("targets").get(0);
        final String expr = MonitoringFiles.expr(target);
        assertThat(expr).startsWith("sort_desc(").endsWith(")").contains("pacewatch_peer_rank{year=\"$year\"")
                .contains("group by (parent, indicator, year) (pacewatch_peer_rank{region=\"$region\"")
                .contains("* on(region) group_left(name_zh, name_en) pacewatch:region_info:max");
        assertThat(parenthesesClosedAtTheEnd(expr)).as("sort_desc( encloses the whole query: " + expr).isTrue();
        assertThat(target.path("instant").asBoolean()).as("sort_desc orders an instant query only").isTrue();
        assertThat(panel.path("type").asText()).isEqualTo("bargauge");
        assertThat(panel.path("transformations")).as("nothing re-sorts the query's order").isEmpty();
        // People read names; the codes stay on the series and in the link to the indicator detail.
        assertThat(target.path("legendFormat").asText()).contains("{{name_zh}}").doesNotContain("{{region}}");
        assertThat(panel.path("fieldConfig").path("defaults").path("links").get(0).path("url").asText())
                .contains("var-region=${__field.labels.region}");
    }

    /** Whether the first opening parenthesis of {@code expr} closes at its last character. */
    private static boolean parenthesesClosedAtTheEnd(final String expr) {
        int depth = 0;
        for (int i = expr.indexOf('('); i < expr.length(); i++) {
            depth += expr.charAt(i) == '(' ? 1 : expr.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i == expr.length() - 1;
            }
        }
        return false;
    }

    private static Dashboard byName(final String name) {
        return MonitoringFiles.dashboards().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyPanelTargetAndVariableUsesTheProvisionedDatasource() {
        final JsonNode datasources = MonitoringFiles.yaml("grafana/provisioning/datasources/prometheus.yml");
        assertThat(datasources.path("datasources")).hasSize(1);
        final JsonNode datasource = datasources.path("datasources").get(0);
        assertThat(datasource.path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");

        final List<String> wrong = new ArrayList<>();
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            for (final JsonNode panel : dashboard.panels()) {
                final String where = dashboard.name() + " / " + panel.path("title").asText();
                if (!isProvisioned(panel.path("datasource"))) {
                    wrong.add(where + ": panel datasource " + panel.path("datasource"));
                }
                for (final JsonNode target : panel.path("targets")) {
                    if (!isProvisioned(target.path("datasource"))) {
                        wrong.add(where + " " + target.path("refId").asText() + ": " + target.path("datasource"));
                    }
                }
            }
            for (final JsonNode variable : dashboard.variables()) {
                if ("query".equals(variable.path("type").asText()) && !isProvisioned(variable.path("datasource"))) {
                    wrong.add(dashboard.name() + " variable " + variable.path("name").asText());
                }
            }
        }
        assertThat(wrong).as("datasources other than uid %s", DATASOURCE_UID).isEmpty();
    }

    @Test
    void everyPanelHasATitleADescriptionAUnitAndQueries() {
        final List<String> problems = new ArrayList<>();
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            for (final JsonNode panel : dashboard.panels()) {
                final String where = dashboard.name() + " / " + panel.path("title").asText("(no title)");
                if (panel.path("title").asText().isBlank()) {
                    problems.add(where + ": no title");
                }
                if (panel.path("description").asText().strip().length() < 20) {
                    problems.add(where + ": no description");
                }
                if (panel.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
                    problems.add(where + ": no unit");
                }
                final JsonNode grid = panel.path("gridPos");
                if (grid.path("w").asInt() <= 0 || grid.path("x").asInt() + grid.path("w").asInt() > 24
                        || grid.path("h").asInt() <= 0) {
                    problems.add(where + ": gridPos " + grid);
                }
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                final Set<String> refIds = new HashSet<>();
                for (final JsonNode target : panel.path("targets")) {
                    if (MonitoringFiles.expr(target).isBlank()) {
                        problems.add(where + ": empty query " + target.path("refId").asText());
                    }
                    if (!refIds.add(target.path("refId").asText())) {
                        problems.add(where + ": refId " + target.path("refId").asText() + " twice");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Percent and 亿元 are shown as such: a query's leading metric decides which unit its panel needs. */
    @Test
    void unitsFitWhatTheQueriesReturn() {
        final List<String> problems = new ArrayList<>();
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            for (final JsonNode panel : dashboard.panels()) {
                final Set<String> units = units(panel);
                for (final JsonNode target : panel.path("targets")) {
                    final String lead = MonitoringFiles.expr(target).split("\\s(and|unless|or)\\s")[0];
                    final String where = dashboard.name() + " / " + panel.path("title").asText() + " "
                            + target.path("refId").asText() + " (units " + units + ")";
                    if (lead.contains(":yi_yuan") && !units.contains("suffix:亿元")) {
                        problems.add(where + ": an amount in 亿元 without the unit suffix:亿元");
                    }
                    if (lead.contains(":percent") && !units.contains("percent")) {
                        problems.add(where + ": a percentage without the unit percent");
                    }
                    if (lead.matches("(?s).*pacewatch:[a-z_]+:pp\\b.*") && !units.contains("suffix: pp")) {
                        problems.add(where + ": percentage points without the unit 'suffix: pp'");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        final Set<String> all = new TreeSet<>();
        MonitoringFiles.dashboards().forEach(d -> d.panels().forEach(p -> all.addAll(units(p))));
        assertThat(all).contains("percent", "suffix:亿元", "suffix: pp");
    }

    @Test
    void theLeadersDashboardsHaveRegionYearAndIndicatorVariables() {
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            final List<String> names = dashboard.variables().stream().map(v -> v.path("name").asText()).toList();
            if (!dashboard.name().equals("pipeline-health.json")) {
                assertThat(names).as(dashboard.name()).containsExactly("region", "year", "indicator");
            } else {
                assertThat(names).as(dashboard.name()).contains("instance", "indicator");
            }
            for (final JsonNode variable : dashboard.variables()) {
                assertThat(variable.path("definition").asText()).as(dashboard.name() + " $" + variable.path("name"))
                        .startsWith("label_values(");
                if (variable.path("includeAll").asBoolean()) {
                    assertThat(variable.path("allValue").asText()).isEqualTo(".+");
                }
            }
        }
    }

    /** Every recording rule a dashboard or an alert reads exists. */
    @Test
    void everyRecordedSeriesTheDashboardsAndAlertsUseIsRecorded() {
        final Set<String> recorded = new HashSet<>();
        final Set<String> used = new TreeSet<>();
        for (final Path file : MonitoringFiles.files("prometheus/rules", ".yml")) {
            for (final JsonNode group : MonitoringFiles.yaml("prometheus/rules/" + file.getFileName()).path("groups")) {
                for (final JsonNode rule : group.path("rules")) {
                    if (rule.has("record")) {
                        recorded.add(rule.path("record").asText());
                    }
                    used.addAll(recordedIn(rule.path("expr").asText()));
                    // the alerts' texts query recorded series too (the region names)
                    rule.path("annotations").forEach(text -> used.addAll(recordedIn(text.asText())));
                }
            }
        }
        for (final Dashboard dashboard : MonitoringFiles.dashboards()) {
            dashboard.panels().forEach(p -> p.path("targets").forEach(t -> used.addAll(recordedIn(MonitoringFiles.expr(t)))));
        }
        assertThat(used).isNotEmpty();
        assertThat(recorded).containsAll(used);
    }

    /**
     * Each alert is complete (hold times, severity, texts, an absolute runbook link to its own section of
     * docs/runbook.md) and a promtool test makes it fire.
     */
    @Test
    void everyAlertHasHoldTimesTextsAndAPromtoolTestThatFiresIt() {
        final Map<String, JsonNode> alerts = new HashMap<>();
        for (final JsonNode group : MonitoringFiles.yaml("prometheus/rules/pacewatch-alerts.yml").path("groups")) {
            for (final JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.put(rule.path("alert").asText(), rule);
                }
            }
        }
        assertThat(alerts.keySet()).containsExactlyInAnyOrderElementsOf(ALERTS);
        final Set<String> runbookSections = runbookSections();
        alerts.forEach((name, rule) -> {
            if (name.equals(WATCHDOG)) {
                assertThat(rule.path("labels").path("severity").asText()).as(name).isEqualTo("none");
                assertThat(rule.has("for")).as(name + " fires at once").isFalse();
            } else {
                assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smh]");
                assertThat(rule.path("keep_firing_for").asText()).as(name + " keep_firing_for").matches("\\d+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
            }
            assertThat(rule.path("labels").path("service").asText()).as(name).isEqualTo("pacewatch");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
            final String anchor = name.toLowerCase(Locale.ROOT);
            assertThat(rule.path("annotations").path("runbook_url").asText()).as(name + " runbook_url")
                    .isEqualTo(LINK_BASE + ":8080/runbook#" + anchor);
            assertThat(runbookSections).as("docs/runbook.md has a section ## " + name).contains(anchor);
            final String dashboard = rule.path("annotations").path("dashboard").asText();
            if (!dashboard.isEmpty()) {
                assertThat(dashboard).as(name + " dashboard").startsWith(LINK_BASE + ":3000/d/pacewatch-");
            }
        });

        final Set<String> firedInTests = new HashSet<>();
        for (final Path file : MonitoringFiles.files("prometheus/tests", ".yml")) {
            final JsonNode test = MonitoringFiles.yaml("prometheus/tests/" + file.getFileName());
            assertThat(test.path("rule_files")).as(file.toString()).isNotEmpty();
            for (final JsonNode group : test.path("tests")) {
                for (final JsonNode alertTest : group.path("alert_rule_test")) {
                    if (!alertTest.path("exp_alerts").isEmpty()) {
                        firedInTests.add(alertTest.path("alertname").asText());
                    }
                }
            }
        }
        assertThat(firedInTests).as("alerts a promtool test expects to fire").containsAll(ALERTS);
    }

    /** Every alert, recording rule and exported pacewatch metric the rules read is described in docs/metrics.md. */
    @Test
    void docsMetricsDescribesEveryAlertRuleAndMetricTheRulesRead() throws IOException {
        final String doc = Files.readString(MonitoringFiles.path("docs/metrics.md"), StandardCharsets.UTF_8);
        final Set<String> names = new TreeSet<>();
        final Pattern exported = Pattern.compile("\\bpacewatch_[a-z0-9_]+\\b");
        for (final Path file : MonitoringFiles.files("prometheus/rules", ".yml")) {
            for (final JsonNode group : MonitoringFiles.yaml("prometheus/rules/" + file.getFileName()).path("groups")) {
                for (final JsonNode rule : group.path("rules")) {
                    names.add(rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText());
                    final Matcher m = exported.matcher(rule.path("expr").asText());
                    while (m.find()) {
                        names.add(m.group());
                    }
                }
            }
        }
        assertThat(names).filteredOn(name -> !doc.contains("`" + name + "`") && !doc.contains("`" + name + "{"))
                .as("not in docs/metrics.md").isEmpty();
    }

    /** Grafana's provisioning and the compose file agree on where the dashboards are. */
    @Test
    void grafanaProvisioningMatchesTheComposeFile() {
        final JsonNode compose = MonitoringFiles.yaml("docker-compose.yml");
        final JsonNode grafana = compose.path("services").path("grafana");
        final Map<String, String> mounts = new HashMap<>();
        grafana.path("volumes").forEach(v -> {
            final String[] parts = v.asText().split(":");
            mounts.put(parts[0], parts[1]);
        });
        assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
        final String dashboardsPath = mounts.get("./grafana/dashboards");
        assertThat(dashboardsPath).isNotNull();

        final JsonNode providers = MonitoringFiles.yaml("grafana/provisioning/dashboards/pacewatch.yml").path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.get(0).path("options").path("path").asText()).isEqualTo(dashboardsPath);
        assertThat(providers.get(0).path("allowUiUpdates").asBoolean(true)).isFalse();

        final JsonNode env = grafana.path("environment");
        assertThat(env.path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText())
                .isEqualTo(dashboardsPath + "/overview.json");
        assertThat(env.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("true");
        assertThat(env.path("GF_AUTH_ANONYMOUS_ORG_ROLE").asText()).isEqualTo("Viewer");
        assertThat(env.path("GF_SECURITY_ADMIN_PASSWORD").asText())
                .as("the admin password comes from the environment, with no default")
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
    }

    @Test
    void theComposeStackStartsInOrderWithHealthChecks() throws IOException {
        final JsonNode services = MonitoringFiles.yaml("docker-compose.yml").path("services");
        final Set<String> names = new LinkedHashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "pacewatch", "prometheus", "alertmanager", "grafana", "demo-feed");

        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
        for (final String name : List.of("kafka", "prometheus", "alertmanager", "grafana")) {
            assertThat(services.path(name).path("healthcheck").path("test")).as(name + " healthcheck").isNotEmpty();
        }
        assertThat(services.path("pacewatch").path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("demo-feed").path("depends_on").path("pacewatch").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("demo-feed").path("restart").asText()).isEqualTo("no");
        assertThat(services.path("grafana").path("depends_on").path("prometheus").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("prometheus").path("depends_on").path("alertmanager").path("condition").asText())
                .isEqualTo("service_healthy");

        // pacewatch's health check is the image's own (Dockerfile HEALTHCHECK on /health/ready)
        final String dockerfile = Files.readString(MonitoringFiles.path("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).contains("FROM maven:3-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre",
                "HEALTHCHECK", "/health/ready");
        final Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        while (copy.find()) {
            assertThat(MonitoringFiles.path(copy.group(1))).as("COPY source").exists();
        }
    }

    /** The anchors GitHub and pacewatch's /runbook give the "## Name" headings of docs/runbook.md. */
    private static Set<String> runbookSections() {
        try {
            final Set<String> out = new HashSet<>();
            final Matcher m = Pattern.compile("(?m)^## (\\S+)\\s*$")
                    .matcher(Files.readString(MonitoringFiles.path("docs/runbook.md"), StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(m.group(1).toLowerCase(Locale.ROOT));
            }
            return out;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isProvisioned(final JsonNode datasource) {
        return DATASOURCE_UID.equals(datasource.path("uid").asText())
                && "prometheus".equals(datasource.path("type").asText());
    }

    private static Set<String> units(final JsonNode panel) {
        final Set<String> units = new HashSet<>();
        units.add(panel.path("fieldConfig").path("defaults").path("unit").asText());
        for (final JsonNode override : panel.path("fieldConfig").path("overrides")) {
            for (final JsonNode property : override.path("properties")) {
                if ("unit".equals(property.path("id").asText())) {
                    units.add(property.path("value").asText());
                }
            }
        }
        return units;
    }

    private static Set<String> recordedIn(final String expr) {
        final Set<String> out = new HashSet<>();
        final Matcher m = RECORDED.matcher(expr);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
