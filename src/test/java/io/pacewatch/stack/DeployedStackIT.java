package io.pacewatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacewatch.cli.PacewatchCli;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The stack test: the deployment's own files run on this machine, as docker compose would run them,
 * and a behind-pace alert goes through it from a release to the leaders' channel.
 *
 * <ul>
 *   <li>Kafka: a single KRaft broker in a JVM of its own ({@link StackBroker}).</li>
 *   <li>pacewatch: {@code java -jar target/pacewatch.jar run}, a JVM of its own, with the environment
 *       docker-compose.yml (and the Dockerfile's {@code ENV}) gives the container; its state directory on a
 *       folder standing for the {@code pacewatch-state} volume, kept across the restart.</li>
 *   <li>Prometheus and Alertmanager: Debian's {@code prometheus} and {@code prometheus-alertmanager},
 *       with the compose file's command lines and copies of {@code prometheus/} and {@code alertmanager/}.</li>
 *   <li>The leaders' channel: {@link AlertReceiver}, where alertmanager.yml's placeholder URL points.</li>
 * </ul>
 * The only changes: compose host names become loopback addresses with free ports ({@link Loopback}), the
 * HTTP servers bind to loopback only, and every hold time is 60 times shorter ({@link Timings}), in the
 * copies. The feed is the compose stack's demo feed (the bundled luohu 2023 targets and the illustrative
 * 2023 releases, published with {@code pacewatch targets load} and {@code pacewatch publish}); its year is
 * complete, so nothing is overdue, and it leaves luohu's industrial value added behind pace.
 *
 * <p>Prometheus starts once pacewatch has judged the feed: with hold times of a second or two it could
 * not ride out pacewatch's start and the replay of the feed as the deployment's minutes do. Its own start
 * cannot be shortened: it applies discovered targets and Alertmanagers after 5 s, five minutes in the
 * test's time, so PacewatchDown fires at its start (absent(up)). The test lets that pass (the stack
 * settles) and counts PacewatchDown notifications from the kill on.
 *
 * <p>Without prometheus or alertmanager on the PATH the class is skipped with a message, except on CI
 * ({@code CI=true}), where .ci/run installs them and their absence fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedStackIT {

    private static final String BEHIND_PACE = "PacewatchBehindPace";
    private static final String DOWN = "PacewatchDown";
    private static final Map<String, String> SERIES =
            Map.of("region", "luohu", "indicator", "INDUSTRIAL_VALUE_ADDED", "year", "2023");
    private static final String FIRING = "firing";
    private static final String RESOLVED = "resolved";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern BROKER_READY = Pattern.compile(Pattern.quote(StackBroker.READY) + "(\\S+)");
    private static final Path TARGET = Path.of("target");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Instant started = Instant.now();
    private final List<StackProcess> processes = new ArrayList<>();
    private Deployment deployment;
    private Path work;
    private AlertReceiver receiver;
    private Loopback loopback;
    private String bootstrap;
    private List<String> pacewatchCommand;
    private Map<String, String> pacewatchEnvironment;
    private StackProcess pacewatch;
    private int pacewatchPort;
    private int prometheusPort;
    private Duration keepFiringFor;
    private Duration groupInterval;

    @BeforeAll
    void startTheStack() throws Exception {
        final Optional<Path> prometheusBin = onPath("prometheus");
        // Debian names the Alertmanager binary prometheus-alertmanager; the upstream tarball, alertmanager.
        final Optional<Path> alertmanagerBin = onPath("alertmanager").or(() -> onPath("prometheus-alertmanager"));
        if (prometheusBin.isEmpty() || alertmanagerBin.isEmpty()) {
            final String message = "prometheus and alertmanager are not installed (Debian: apt-get install prometheus "
                    + "prometheus-alertmanager; .ci/run does it): the deployed stack is not tested";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " - on CI they must be there");
            }
            System.out.println("DeployedStackIT SKIPPED: " + message);
            Assumptions.abort(message);
        }
        final Path jar = TARGET.resolve("pacewatch.jar");
        assertThat(jar).as("target/pacewatch.jar (built by the package phase, before integration-test)").exists();
        deployment = Deployment.ofRepository();
        work = TARGET.resolve("stack-it").toAbsolutePath();
        Utils.delete(work.toFile());
        Files.createDirectories(work);
        receiver = new AlertReceiver();

        // The broker's log directory goes to its java.io.tmpdir: under target/, whatever becomes of the process.
        final Path brokerTmp = Files.createDirectories(work.resolve("kafka-tmp"));
        final StackProcess broker = start("kafka", List.of(java(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + brokerTmp, "-cp", String.join(File.pathSeparator, TARGET.resolve("test-classes").toString(), jar.toString(),
                        TARGET.resolve("lib").resolve("*").toString()),
                StackBroker.class.getName()), Map.of());
        within("the broker to start", START, () -> {
            assertAlive(broker);
            return broker.find(BROKER_READY).isPresent();
        });
        bootstrap = broker.find(BROKER_READY).orElseThrow().group(1);
        pacewatchPort = freePort();
        prometheusPort = freePort();
        final int alertmanagerPort = freePort();
        loopback = new Loopback(Map.of(
                "kafka:9092", bootstrap,
                "pacewatch:8080", Loopback.HOST + ":" + pacewatchPort,
                "alertmanager:9093", Loopback.HOST + ":" + alertmanagerPort,
                "localhost:9090", Loopback.HOST + ":" + prometheusPort));

        pacewatchEnvironment = environment("pacewatch");
        // Not in the compose file (the container's port is what is published there): loopback only here.
        pacewatchEnvironment.put("PACEWATCH_HTTP_BIND", Loopback.HOST);
        // The image's entrypoint, java -jar pacewatch.jar run, with a small heap for a small machine.
        pacewatchCommand = List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "run");
        System.out.println("DeployedStackIT: pacewatch run with the environment " + pacewatchEnvironment);
        startPacewatch();
        publishTheDemoFeed();
        within("pacewatch to judge luohu's industrial value added behind pace, as of December", START,
                this::seriesJudgedBehind);

        final Path alertmanagerConfig = MonitoringCopies.alertmanager(deployment.file("alertmanager"),
                work.resolve("alertmanager"), receiver);
        groupInterval = Timings.parse(Deployment.YAML.readTree(alertmanagerConfig.toFile())
                .path("route").path("group_interval").asText());
        final List<String> alertmanagerCommand = new ArrayList<>(List.of(alertmanagerBin.get().toString()));
        alertmanagerCommand.addAll(command("alertmanager"));
        alertmanagerCommand.add("--web.listen-address=" + loopback.address("alertmanager:9093"));
        // One Alertmanager: no cluster port (the default binds 9094 on every interface).
        alertmanagerCommand.add("--cluster.listen-address=");
        final StackProcess alertmanager = start("alertmanager", alertmanagerCommand, environment("alertmanager"));
        within("Alertmanager to be ready", START,
                () -> assertAlive(alertmanager) && status("http://" + loopback.address("alertmanager:9093") + "/-/ready") == 200);

        MonitoringCopies.prometheus(deployment.file("prometheus"), work.resolve("prometheus"), loopback);
        keepFiringFor = Timings.parse(MonitoringCopies.ruleField(work.resolve("prometheus").resolve("rules"),
                BEHIND_PACE, "keep_firing_for"));
        final List<String> prometheusCommand = new ArrayList<>(List.of(prometheusBin.get().toString()));
        prometheusCommand.addAll(command("prometheus"));
        prometheusCommand.add("--web.listen-address=" + Loopback.HOST + ":" + prometheusPort);
        // Debian's Prometheus 2.42 expands ${VAR} in external labels only with this feature flag.
        if (prometheusCommand.stream().noneMatch(arg -> arg.contains("expand-external-labels"))) {
            prometheusCommand.add("--enable-feature=expand-external-labels");
        }
        // the compose file's own resend delay is replaced (Prometheus refuses a flag given twice)
        prometheusCommand.removeIf(arg -> arg.startsWith("--rules.alert.resend-delay"));
        prometheusCommand.add("--rules.alert.resend-delay=" + Timings.RESEND_DELAY);
        final StackProcess prometheus = start("prometheus", prometheusCommand, environment("prometheus"));
        within("Prometheus to be ready", START,
                () -> assertAlive(prometheus) && status(prometheusUrl("/-/ready")) == 200);
        throughout("the stack to settle: Prometheus sends to Alertmanager, and " + DOWN + " of its start is over "
                + "(resolved, if it was notified)", groupInterval.multipliedBy(2), START, () ->
                !query("up{job=\"pacewatch\"} == 1").path("data").path("result").isEmpty()
                        && getJson(prometheusUrl("/api/v1/alertmanagers")).path("data").path("activeAlertmanagers").size() > 0
                        && !alertsInPrometheus().contains("\"alertname\":\"" + DOWN + "\"")
                        && receiver.count(DOWN, Map.of(), FIRING) == receiver.count(DOWN, Map.of(), RESOLVED));
    }

    @AfterAll
    void stopTheStack() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (receiver != null) {
            System.out.println("DeployedStackIT: the notifications the receiver got:" + receiver.summary());
            receiver.close();
        }
        System.out.printf(Locale.ROOT, "DeployedStackIT took %d s (logs and copies in %s)%n",
                Duration.between(started, Instant.now()).toSeconds(), work);
    }

    @Test
    @Order(1)
    void aBehindPaceNotificationArrivesOnce() {
        within("a firing " + BEHIND_PACE + " notification for " + SERIES, Duration.ofSeconds(60),
                () -> receiver.count(BEHIND_PACE, SERIES, FIRING) > 0);
        assertThat(receiver.count(BEHIND_PACE, SERIES, FIRING)).as(receiver.summary()).isEqualTo(1);
        // What the leaders read names the region (issue #12); the labels keep its code.
        final JsonNode annotations = receiver.alerts(BEHIND_PACE, SERIES, FIRING).get(0).path("annotations");
        assertThat(annotations.path("summary").asText()).isEqualTo("【滞后】罗湖区 规模以上工业增加值 2023: behind pace");
        assertThat(annotations.path("description").asText())
                .startsWith("Industrial value added above designated size (规模以上工业增加值), Luohu District (罗湖区) 2023, "
                        + "is behind pace: gap ")
                .endsWith("Details: /api/progress/luohu/INDUSTRIAL_VALUE_ADDED/2023");
    }

    @Test
    @Order(2)
    void aKilledPacewatchResolvesNothingAndFiresPacewatchDown() throws InterruptedException {
        // Long enough for the pace alert's keep_firing_for to run out, for Prometheus to send the resolved
        // alert and for Alertmanager to pass it on at its next group interval.
        final Duration killed = keepFiringFor.plus(groupInterval.multipliedBy(2))
                .plusSeconds(3 * Timings.INTERVAL_SECONDS);
        pacewatch.kill();
        final Instant killedAt = Instant.now();
        throughout("no resolved " + BEHIND_PACE + " notification while pacewatch is killed (keep_firing_for "
                + keepFiringFor.toMillis() + " ms)", killed, Duration.ofSeconds(10),
                () -> receiver.count(BEHIND_PACE, SERIES, RESOLVED) == 0);
        within("a firing " + DOWN + " notification while pacewatch is killed", Duration.ofSeconds(10),
                () -> receiver.count(DOWN, Map.of(), FIRING, killedAt) > 0);
    }

    @Test
    @Order(3)
    void afterARestartNoDuplicateNotificationArrives() {
        final Instant restartedAt = Instant.now();
        if (!pacewatch.isAlive()) {
            startPacewatch();
        }
        within(DOWN + " resolved once pacewatch is back", Duration.ofSeconds(60),
                () -> receiver.count(DOWN, Map.of(), RESOLVED, restartedAt) > 0);
        within("Prometheus scraping the series from the restarted pacewatch", Duration.ofSeconds(60),
                () -> !query("count({job=\"pacewatch\",region=\"luohu\",indicator=\"INDUSTRIAL_VALUE_ADDED\"})")
                        .path("data").path("result").isEmpty());
        throughout("still one firing " + BEHIND_PACE + " notification and no resolved one after the restart",
                groupInterval.multipliedBy(3).plusSeconds(2 * Timings.INTERVAL_SECONDS), Duration.ofSeconds(10),
                () -> receiver.count(BEHIND_PACE, SERIES, FIRING) == 1
                        && receiver.count(BEHIND_PACE, SERIES, RESOLVED) == 0);
    }

    // ------------------------------------------------------------------ the stack

    private void startPacewatch() {
        pacewatch = start("pacewatch", pacewatchCommand, pacewatchEnvironment);
        final StackProcess started = pacewatch;
        within("pacewatch to be ready (Kafka Streams RUNNING)", START,
                () -> assertAlive(started) && status(pacewatchUrl("/health/ready")) == 200);
    }

    /** What the compose file's demo-feed service runs, in this JVM: the same commands, the same files. */
    private void publishTheDemoFeed() {
        assertThat(PacewatchCli.commandLine().execute("targets", "load", "--bootstrap-servers", bootstrap,
                deployment.file("src/main/resources/targets/luohu-2023.jsonl").toString()))
                .as("pacewatch targets load").isZero();
        assertThat(PacewatchCli.commandLine().execute("targets", "load", "--bootstrap-servers", bootstrap,
                deployment.file("src/main/resources/demo/illustrative-siblings-targets-2023.jsonl").toString()))
                .as("pacewatch targets load (invented sibling districts)").isZero();
        assertThat(PacewatchCli.commandLine().execute("publish", "--bootstrap-servers", bootstrap,
                deployment.file("src/main/resources/demo/illustrative-2022.jsonl").toString()))
                .as("pacewatch publish (last year's figures)").isZero();
        assertThat(PacewatchCli.commandLine().execute("publish", "--bootstrap-servers", bootstrap,
                deployment.file("src/main/resources/demo/illustrative-2023.jsonl").toString()))
                .as("pacewatch publish").isZero();
    }

    private boolean seriesJudgedBehind() throws IOException {
        final String path = "/api/progress/" + SERIES.get("region") + "/" + SERIES.get("indicator") + "/"
                + SERIES.get("year");
        final HttpResponse<String> answer = get(pacewatchUrl(path));
        if (answer == null || answer.statusCode() != 200) {
            return false;
        }
        final JsonNode progress = JSON.readTree(answer.body());
        final JsonNode asOf = progress.findValue("asOfMonth");
        final JsonNode status = progress.findValue("status");
        return asOf != null && asOf.asInt() == 12 && status != null && "BEHIND".equals(status.asText());
    }

    /** The service's compose environment, addresses on loopback, paths in the test's folders. */
    private Map<String, String> environment(final String service) {
        final Map<String, Path> mounts = mounts(service);
        final Map<String, String> environment = new LinkedHashMap<>();
        deployment.environment(service).forEach((key, value) -> environment.put(key,
                Deployment.onHost(loopback.rewrite(service, value), mounts, work.resolve(service + "-root"))));
        return environment;
    }

    /** The service's compose command, paths in the test's folders. */
    private List<String> command(final String service) {
        final Map<String, Path> mounts = mounts(service);
        return deployment.command(service).stream()
                .map(arg -> Deployment.onHost(arg, mounts, work.resolve(service + "-root")))
                .toList();
    }

    /** The service's volumes: named ones in folders of the test, the repository's folders from their copies. */
    private Map<String, Path> mounts(final String service) {
        return deployment.mounts(service, work.resolve("volumes"), Map.of(
                "./prometheus", work.resolve("prometheus"), "./alertmanager", work.resolve("alertmanager")));
    }

    private StackProcess start(final String name, final List<String> command, final Map<String, String> environment) {
        final StackProcess process = StackProcess.start(name, command, environment, work.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    private static boolean assertAlive(final StackProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError(process + " exited:\n" + process.logTail(40));
        }
        return true;
    }

    // ------------------------------------------------------------------ waiting

    private void within(final String what, final Duration atMost, final Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost + explain(), e);
        }
    }

    /** {@code condition} holds for {@code during} on end, beginning within {@code slack} (it is polled again after a false). */
    private void throughout(final String what, final Duration during, final Duration slack,
                            final Callable<Boolean> condition) {
        try {
            await(what).during(during).atMost(during.plus(slack)).pollInterval(Duration.ofMillis(250))
                    .until(condition);
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError(what + ": did not hold for " + during + explain(), e);
        }
    }

    private String explain() {
        final String alerts = Optional.ofNullable(alertsInPrometheus()).orElse("(Prometheus does not answer)");
        return "\nnotifications received:" + receiver.summary() + "\nalerts in Prometheus: " + alerts
                + "\n" + processes.stream().map(p -> p.logTail(15)).collect(Collectors.joining("\n"));
    }

    /** Prometheus' alerts (JSON), null if it does not answer. */
    private String alertsInPrometheus() {
        final HttpResponse<String> answer = get(prometheusUrl("/api/v1/alerts"));
        return answer == null ? null : answer.body();
    }

    // ------------------------------------------------------------------ HTTP

    private String pacewatchUrl(final String path) {
        return "http://" + Loopback.HOST + ":" + pacewatchPort + path;
    }

    private String prometheusUrl(final String path) {
        return "http://" + Loopback.HOST + ":" + prometheusPort + path;
    }

    private JsonNode query(final String promql) throws IOException {
        return getJson(prometheusUrl("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    private JsonNode getJson(final String url) throws IOException {
        final HttpResponse<String> answer = get(url);
        if (answer == null || answer.statusCode() != 200) {
            throw new AssertionError(url + ": " + (answer == null ? "no answer" : answer.statusCode() + " " + answer.body()));
        }
        return JSON.readTree(answer.body());
    }

    private int status(final String url) {
        final HttpResponse<String> answer = get(url);
        return answer == null ? -1 : answer.statusCode();
    }

    /** The answer, or null when nothing answers. */
    private HttpResponse<String> get(final String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            return null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ the machine

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<Path> onPath(final String name) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
