package io.pacewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pacewatch.app.PacewatchService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Static guards on the shipped docker-compose.yml for issue #10, items 1 to 5: they read the file as
 * Compose reads it (YAML), and fail when one of the fixes is undone. They are regression checks, not
 * proof that the stack runs: no Docker engine runs where they were written (README "With Docker";
 * .github/workflows/docker-stack.yml starts the stack where one does).
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PUBLIC_URL = Pattern.compile("^\\$\\{PACEWATCH_PUBLIC_URL:-([^}]+)}(.*)$");
    private static final Pattern LISTENER = Pattern.compile("(\\w+)://([^:,]*):(\\d+)");
    private static final Pattern IMAGE = Pattern.compile("^([\\w./-]+):([\\w.-]+)$");
    private static final Pattern DURATION = Pattern.compile("^(?:(\\d+)m)?(?:(\\d+)s)?$");

    private final JsonNode compose = yaml("docker-compose.yml");
    private final JsonNode services = compose.path("services");

    @Test
    @DisplayName("1. one service builds pacewatch's image; the others run it and never pull it")
    void theImageIsBuiltOnce() {
        final List<String> builders = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("build")) {
                builders.add(s.getKey());
            }
        });
        assertThat(builders).as("services with a build section").containsExactly("pacewatch");
        final String image = services.path("pacewatch").path("image").asText();
        assertThat(image).as("the tag the build produces").isNotEmpty();
        assertThat(services.path("pacewatch").path("pull_policy").asText()).as("the builder never pulls its tag")
                .isEqualTo("build");

        final List<String> users = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            if (!s.getKey().equals("pacewatch") && image.equals(s.getValue().path("image").asText())) {
                users.add(s.getKey());
                assertThat(s.getValue().path("pull_policy").asText()).as(s.getKey() + " pull_policy").isEqualTo("never");
            }
        });
        assertThat(users).as("services that run pacewatch's image").contains("demo-feed");
    }

    @Test
    @DisplayName("2. Kafka keeps its log directory on the named volume kafka-data")
    void kafkaDataIsOnANamedVolume() {
        final JsonNode kafka = services.path("kafka");
        final String logDirs = kafka.path("environment").path("KAFKA_LOG_DIRS").asText();
        assertThat(logDirs).as("KAFKA_LOG_DIRS").startsWith("/");
        final Map<String, String> mounts = mounts(kafka);
        assertThat(mounts).as("kafka's volumes").containsKey("kafka-data");
        for (final String dir : logDirs.split(",")) {
            assertThat(Path.of(dir).startsWith(Path.of(mounts.get("kafka-data"))))
                    .as(dir + " lies on kafka-data (" + mounts.get("kafka-data") + ")").isTrue();
        }
        assertThat(compose.path("volumes").has("kafka-data")).as("kafka-data declared as a named volume").isTrue();
        assertThat(mounts(services.path("pacewatch"))).as("pacewatch's state").containsKey("pacewatch-state");
    }

    @Test
    @DisplayName("3. the illustrative feed is published only with --profile demo")
    void theDemoFeedIsBehindAProfile() {
        assertThat(texts(services.path("demo-feed").path("profiles"))).containsExactly("demo");
        services.fields().forEachRemaining(s -> {
            final JsonNode service = s.getValue();
            if (texts(service.path("profiles")).isEmpty()) {
                assertThat(service.path("depends_on").has("demo-feed"))
                        .as(s.getKey() + " must not pull demo-feed into a plain `up`").isFalse();
                assertThat(service.path("command").toString() + service.path("entrypoint"))
                        .as(s.getKey() + " publishes nothing").doesNotContain("publish", "targets load");
            }
        });
    }

    @Test
    @DisplayName("4. an external listener, advertised as localhost and published on loopback, for the host")
    void hostClientsHaveAListener() {
        final JsonNode env = services.path("kafka").path("environment");
        final Map<String, String> advertised = listeners(env.path("KAFKA_ADVERTISED_LISTENERS").asText());
        final String hostListener = advertised.entrySet().stream()
                .filter(e -> e.getValue().startsWith("localhost:"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        assertThat(hostListener).as("a listener advertised on localhost, in " + advertised).isNotNull();
        final String port = advertised.get(hostListener).substring("localhost:".length());
        assertThat(listeners(env.path("KAFKA_LISTENERS").asText())).as("KAFKA_LISTENERS")
                .containsEntry(hostListener, ":" + port);
        assertThat(env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).contains(hostListener + ":");
        assertThat(texts(services.path("kafka").path("ports"))).contains("127.0.0.1:" + port + ":" + port);
        assertThat(advertised).as("the containers' listener").containsValue("kafka:9092");
        assertThat(services.path("pacewatch").path("environment").path("PACEWATCH_BOOTSTRAP_SERVERS").asText())
                .isEqualTo("kafka:9092");
        assertThat(read("README.md")).contains("--bootstrap-servers localhost:" + port);
    }

    @Test
    @DisplayName("5. Prometheus, Alertmanager and Kafka on loopback only; Grafana and pacewatch public, Grafana read-only")
    void onlyTheReadOnlyPortsArePublic() {
        final Set<String> publicPorts = new HashSet<>();
        services.fields().forEachRemaining(s -> {
            for (final String mapping : texts(s.getValue().path("ports"))) {
                if (!mapping.startsWith("127.0.0.1:")) {
                    publicPorts.add(s.getKey() + " " + mapping);
                }
            }
        });
        assertThat(publicPorts).containsExactlyInAnyOrder("grafana 3000:3000", "pacewatch 8080:8080");
        assertThat(texts(services.path("prometheus").path("ports"))).containsExactly("127.0.0.1:9090:9090");
        assertThat(texts(services.path("alertmanager").path("ports"))).containsExactly("127.0.0.1:9093:9093");
        final JsonNode grafana = services.path("grafana").path("environment");
        assertThat(grafana.path("GF_AUTH_ANONYMOUS_ORG_ROLE").asText()).isEqualTo("Viewer");
        assertThat(grafana.path("GF_USERS_ALLOW_SIGN_UP").asText()).isEqualTo("false");
    }

    @Test
    @DisplayName("5. pacewatch is given at least its close timeout to stop")
    void stopGracePeriodCoversTheCloseTimeout() throws ReflectiveOperationException {
        final var field = PacewatchService.class.getDeclaredField("CLOSE_TIMEOUT");
        field.setAccessible(true);
        final Duration closeTimeout = (Duration) field.get(null);
        final Duration grace = duration(services.path("pacewatch").path("stop_grace_period").asText());
        assertThat(grace).as("pacewatch's stop_grace_period").isGreaterThan(closeTimeout);
    }

    @Test
    @DisplayName("5. one PACEWATCH_PUBLIC_URL feeds Grafana's root URL and both external URLs")
    void onePublicUrlForEveryLink() {
        final Map<String, String> urls = new HashMap<>();
        urls.put("grafana", services.path("grafana").path("environment").path("GF_SERVER_ROOT_URL").asText());
        urls.put("prometheus", flag(services.path("prometheus"), "--web.external-url="));
        urls.put("alertmanager", flag(services.path("alertmanager"), "--web.external-url="));
        urls.put("prometheus environment",
                services.path("prometheus").path("environment").path("PACEWATCH_PUBLIC_URL").asText());
        final Set<String> defaults = new HashSet<>();
        urls.forEach((who, url) -> {
            final Matcher m = PUBLIC_URL.matcher(url);
            assertThat(m.matches()).as(who + ": " + url + " comes from ${PACEWATCH_PUBLIC_URL:-…}").isTrue();
            defaults.add(m.group(1));
        });
        assertThat(defaults).as("one default for all").containsExactly("http://localhost");
        assertThat(suffix(urls.get("grafana"))).isEqualTo(":3000/");
        assertThat(suffix(urls.get("prometheus"))).isEqualTo(":9090/");
        assertThat(suffix(urls.get("alertmanager"))).isEqualTo(":9093/");
        assertThat(suffix(urls.get("prometheus environment"))).isEmpty();
    }

    @Test
    @DisplayName("5. every image is pinned to a version: no latest, Grafana 12 or later, Prometheus 3, Kafka as the pom")
    void imagesArePinned() throws IOException {
        final Map<String, String> tags = new HashMap<>();
        services.fields().forEachRemaining(s -> {
            final String image = s.getValue().path("image").asText();
            final Matcher m = IMAGE.matcher(image);
            assertThat(m.matches()).as(s.getKey() + " image " + image + " has a tag").isTrue();
            assertThat(m.group(2)).as(s.getKey() + " tag").isNotEqualTo("latest");
            tags.put(m.group(1), m.group(2));
        });
        assertThat(major(tags.get("grafana/grafana"))).as("Grafana major version").isGreaterThanOrEqualTo(12);
        assertThat(major(tags.get("prom/prometheus"))).as("Prometheus major version (env in external labels)")
                .isGreaterThanOrEqualTo(3);
        assertThat(tags.get("prom/alertmanager")).as("Alertmanager").isNotNull();
        final Matcher kafka = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(read("pom.xml"));
        assertThat(kafka.find()).isTrue();
        assertThat(tags.get("apache/kafka")).as("broker image = the pom's Kafka").isEqualTo(kafka.group(1));
        final Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(read("Dockerfile"));
        while (from.find()) {
            assertThat(from.group(1)).as("Dockerfile FROM").contains(":").doesNotEndWith(":latest");
        }
    }

    @Test
    @DisplayName("the README shows the Docker commands and says what was never run here")
    void theReadmeShowsTheCommands() {
        final String readme = read("README.md");
        assertThat(readme).contains("docker compose up -d --build", "docker compose --profile demo up -d --build",
                "PACEWATCH_PUBLIC_URL", "docs/operations.md", "None of this was ever run on a Docker engine");
    }

    @Test
    @DisplayName("the Docker workflow parses and runs each check the issue lists")
    void theWorkflowRunsTheChecks() {
        final JsonNode workflow = yaml(".github/workflows/docker-stack.yml");
        final StringBuilder runs = new StringBuilder();
        workflow.path("jobs").forEach(job -> {
            assertThat(job.path("runs-on").asText()).as("a runner with Docker").startsWith("ubuntu-");
            assertThat(job.path("timeout-minutes").asInt()).as("every job is bounded").isBetween(1, 60);
            job.path("steps").forEach(step -> runs.append(step.path("run").asText()).append('\n'));
        });
        assertThat(runs.toString()).contains("docker compose", "--profile demo", "--wait", "/api/health",
                "/api/search", "/api/ds/query", "/api/v1/targets", "/api/v2/alerts", "PacewatchBehindPace",
                "docker compose down", "kafka-topics.sh", "mvn -B verify", "/runbook");
    }

    @Test
    @DisplayName("the image carries the runbook: the build context admits docs/runbook.md and the build copies it")
    void theImageCarriesTheRunbook() {
        // The pom bundles docs/runbook.md; Maven skips a missing resource folder without a word, so an
        // image built without it would answer every alert's runbook_url with 404.
        assertThat(read(".dockerignore").lines().map(String::strip)).contains("!docs/runbook.md");
        assertThat(read("Dockerfile")).containsPattern("(?m)^COPY docs/runbook\\.md \\S+");
    }

    @Test
    @DisplayName("public_url feeds the links only: it is dropped from the alerts, so changing it re-pages nobody")
    void publicUrlIsNotPartOfAnAlertsIdentity() {
        final JsonNode prometheus = yaml("prometheus/prometheus.yml");
        assertThat(prometheus.path("global").path("external_labels").has("public_url")).isTrue();
        final StringBuilder dropped = new StringBuilder();
        prometheus.path("alerting").path("alert_relabel_configs").forEach(rule -> {
            if ("labeldrop".equals(rule.path("action").asText())) {
                dropped.append(rule.path("regex").asText());
            }
        });
        assertThat(dropped.toString()).isEqualTo("public_url");
    }

    @Test
    @DisplayName("Prometheus' alert validity outlasts a short outage of Prometheus itself (resend delay 5 minutes or more)")
    void prometheusResendDelayOutlastsARestart() {
        final String delay = flag(services.path("prometheus"), "--rules.alert.resend-delay=");
        assertThat(delay).as("--rules.alert.resend-delay").matches("([5-9]|[1-5][0-9])m");
    }

    /**
     * What Compose itself makes of the file: Debian's docker-compose (1.29, a validator without an
     * engine) interpolates PACEWATCH_PUBLIC_URL into all three URLs. Skipped where it is not installed;
     * .ci/run installs it.
     */
    @Test
    @DisplayName("docker-compose config interpolates PACEWATCH_PUBLIC_URL into the three URLs")
    void composeInterpolatesThePublicUrl() throws Exception {
        assumeThat(onPath("docker-compose")).as("docker-compose installed").isTrue();
        final ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config")
                .directory(root().toFile()).redirectErrorStream(true);
        builder.environment().put("GRAFANA_ADMIN_PASSWORD", "validation-only");
        builder.environment().put("PACEWATCH_PUBLIC_URL", "https://pace.example.org");
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        final JsonNode resolved = YAML.readTree(out).path("services");
        assertThat(resolved.path("grafana").path("environment").path("GF_SERVER_ROOT_URL").asText())
                .isEqualTo("https://pace.example.org:3000/");
        assertThat(flag(resolved.path("prometheus"), "--web.external-url=")).isEqualTo("https://pace.example.org:9090/");
        assertThat(flag(resolved.path("alertmanager"), "--web.external-url=")).isEqualTo("https://pace.example.org:9093/");
        assertThat(resolved.path("prometheus").path("environment").path("PACEWATCH_PUBLIC_URL").asText())
                .isEqualTo("https://pace.example.org");
    }

    // ---- reading the files ----

    /** The repository root: Maven runs the tests there; nearest folder up that holds pom.xml otherwise. */
    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("") : dir;
    }

    private static JsonNode yaml(final String relative) {
        try {
            return YAML.readTree(root().resolve(relative).toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException(relative + " does not parse as YAML", e);
        }
    }

    private static String read(final String relative) {
        try {
            return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Named volumes and bind mounts of a service: source → path in the container. */
    private static Map<String, String> mounts(final JsonNode service) {
        final Map<String, String> out = new HashMap<>();
        for (final String volume : texts(service.path("volumes"))) {
            final String[] parts = volume.split(":");
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    /** name → host:port of a Kafka listener list ({@code NAME://host:port,…}). */
    private static Map<String, String> listeners(final String list) {
        final Map<String, String> out = new HashMap<>();
        final Matcher m = LISTENER.matcher(list);
        while (m.find()) {
            out.put(m.group(1), m.group(2) + ":" + m.group(3));
        }
        return out;
    }

    /** The value of a {@code --flag=value} in a service's command, or "" without one. */
    private static String flag(final JsonNode service, final String prefix) {
        return texts(service.path("command")).stream().filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length())).findFirst().orElse("");
    }

    private static String suffix(final String url) {
        final Matcher m = PUBLIC_URL.matcher(url);
        assertThat(m.matches()).isTrue();
        return m.group(2);
    }

    private static int major(final String tag) {
        assertThat(tag).as("image tag").isNotNull().matches("v?\\d+(\\.\\d+)*");
        return Integer.parseInt(tag.replaceFirst("^v", "").split("\\.")[0]);
    }

    /** A Compose duration such as {@code 45s} or {@code 1m30s}. */
    private static Duration duration(final String text) {
        final Matcher m = DURATION.matcher(text);
        assertThat(text).as("a duration").isNotEmpty();
        assertThat(m.matches()).as(text + " is a duration in m/s").isTrue();
        return Duration.ofMinutes(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusSeconds(m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
    }

    private static boolean onPath(final String command) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (final String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
