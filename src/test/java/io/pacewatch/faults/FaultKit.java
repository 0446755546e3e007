package io.pacewatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.wire.Topics;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fault tests share: bounded waits, HTTP, in-process instances, a per-partition barrier, and
 * comparing the outputs of two runs of the same feed under different region names.
 */
final class FaultKit {

    static final Logger LOG = LoggerFactory.getLogger("io.pacewatch.faults");
    /** Partitions for the pacewatch topics when a fault test is the first to create them. */
    static final int PARTITIONS_IF_NEW = 4;
    /**
     * Where a fresh application starts reading the shared input topics. They hold everything every
     * earlier test of the JVM published; {@code latest} spares each fault test replaying all of it, and
     * {@link #sync} makes sure the application then reads from the first record the test sends.
     */
    static final Map<String, String> START_AT_LATEST = Map.of("auto.offset.reset", "latest");

    /** The prefix of the fault tests' application ids, hence of their internal topics. */
    static final String APPLICATION_ID_PREFIX = "pacewatch-faults-";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String MARKER_INDICATOR = "BUDGET_REVENUE";
    private static final Duration MARKER_RESEND = Duration.ofSeconds(5);
    private static final int SHOWN = 3;

    private FaultKit() {
    }

    // ---- waiting ----

    /**
     * Awaitility, polling {@code condition} every 100 ms in the calling thread (the conditions read
     * {@link TopicWatch}es, whose consumers belong to the test thread) until it holds; fails with
     * {@code what} and {@code detail}, computed once, otherwise.
     */
    static void await(final String what, final Duration timeout, final BooleanSupplier condition,
                      final Supplier<String> detail) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(condition::getAsBoolean);
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": " + detail.get(), e);
        }
    }

    static void await(final String what, final Duration timeout, final BooleanSupplier condition) {
        await(what, timeout, condition, () -> "condition still false");
    }

    // ---- HTTP ----

    /** An HTTP answer, or status -1 with the error as body when nothing answered. */
    record Answer(int status, String body) {
        JsonNode json() {
            return parse(body);
        }
    }

    static Answer get(final int port, final String path) {
        final URI uri = URI.create("http://127.0.0.1:" + port + path);
        try {
            final HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (final IOException e) {
            return new Answer(-1, e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- instances and topics ----

    /**
     * Writes (once) and returns a release calendar file without rules, for {@code --calendar}: a deployment
     * without release deadlines, where nothing is ever overdue. The fault tests feed a past year; with the
     * bundled calendar every month after a series' latest figure is overdue, so the pace changes of a
     * backfill are folded into one OVERDUE and one RELEASED alert. Without deadlines every change of
     * pace alerts as the figures arrive, which gives the exactly-once checks many more alerts to count.
     */
    static synchronized Path noDeadlinesCalendar() throws IOException {
        final Path file = PacewatchProcess.TARGET.resolve("faults").resolve("no-deadlines-calendar.json");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"zone\": \"Asia/Shanghai\", \"rules\": []}\n");
        }
        return file;
    }

    /** Starts an in-process instance with the bundled release calendar; see {@link #startService(String, String, Path, Map, ReleaseCalendar)}. */
    static PacewatchService startService(final String bootstrapServers, final String applicationId, final Path stateDir,
                                         final Map<String, String> overrides) throws Exception {
        return startService(bootstrapServers, applicationId, stateDir, overrides, CalendarLoader.bundled());
    }

    /** Starts an in-process instance on a free HTTP port and waits until Kafka Streams is RUNNING. */
    static PacewatchService startService(final String bootstrapServers, final String applicationId, final Path stateDir,
                                         final Map<String, String> overrides, final ReleaseCalendar calendar)
            throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("application.id", applicationId);
        props.putAll(overrides);
        final PacewatchService service = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(),
                calendar, Clock.systemUTC(), "127.0.0.1", 0, "127.0.0.1", stateDir, true, PARTITIONS_IF_NEW, (short) 1));
        if (!service.awaitRunning(Duration.ofSeconds(120))) {
            final String state = service.state().toString();
            service.close();
            throw new AssertionError(applicationId + " did not reach RUNNING within 120 s (state " + state + ")");
        }
        return service;
    }

    /** {@link #START_AT_LATEST} plus {@code more}. */
    static Map<String, String> settings(final Map<String, String> more) {
        final Map<String, String> settings = new HashMap<>(START_AT_LATEST);
        settings.putAll(more);
        return settings;
    }

    /**
     * Creates the pacewatch topics as {@code pacewatch run} would, if no test did before (they are shared
     * by the whole test JVM), so that they can be watched before any instance starts.
     */
    static void ensureTopics(final Admin admin) throws InterruptedException {
        final List<String> problems = new TopicSetup(admin).ensure(TopicSpec.all(), true, PARTITIONS_IF_NEW, (short) 1);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("pacewatch topics unusable: " + problems);
        }
    }

    static int partitionsOf(final Admin admin, final String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        }
    }

    /** The partition the default partitioner (and pacewatch's SeriesPartitioner) picks for a series id. */
    static int partitionOf(final String seriesId, final int partitions) {
        return Utils.toPositive(Utils.murmur2(seriesId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** How many members the consumer group of {@code applicationId} has now, or -1 if that is unknown. */
    static int groupMembers(final Admin admin, final String applicationId) {
        try {
            return admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
                    .get(10, TimeUnit.SECONDS).members().size();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (final ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /**
     * A barrier on every partition: for each partition of the input topics, a marker series that lands
     * on it gets a target and a release, resent as a new version until its progress shows that version.
     * Once it returns, the application has processed everything sent to any input partition before the
     * call (a partition's records are processed in order, through the repartition topics too).
     *
     * <p>On a fresh application reading from {@code latest} ({@link #START_AT_LATEST}) it also proves that
     * the starting offsets are fixed (a version sent before that is skipped, the next one is not), and it
     * leaves committed offsets on every input and repartition partition, so that a task which moves to
     * another instance (a rebalance, a failover) resumes there instead of jumping to the end.
     */
    static void sync(final KafkaTestBroker kafka, final TopicWatch progress, final String regionPrefix,
                     final Duration timeout) {
        final int partitions = partitionsOf(kafka.admin(), Topics.RELEASES);
        if (partitionsOf(kafka.admin(), Topics.TARGETS) != partitions) {
            throw new IllegalStateException("the releases and targets topics have different partition counts");
        }
        final Map<Integer, String> markers = new TreeMap<>();
        for (int k = 0; markers.size() < partitions; k++) {
            final String region = regionPrefix + "-" + k;
            markers.putIfAbsent(partitionOf(Feed.seriesId(region, MARKER_INDICATOR), partitions), region);
        }
        final Set<String> pending = new TreeSet<>(markers.values());
        final long versions = Math.max(1, timeout.toMillis() / MARKER_RESEND.toMillis());
        for (int version = 1; ; version++) {
            final String targetPublishedAt = String.format("2023-01-10T09:%02d:00+08:00", version % 60);
            final List<KeyValue<String, String>> targets = new ArrayList<>();
            final List<KeyValue<String, String>> releases = new ArrayList<>();
            for (final String region : pending) {
                final String id = Feed.seriesId(region, MARKER_INDICATOR);
                targets.add(KeyValue.pair(id, Feed.target(region, MARKER_INDICATOR, targetPublishedAt, null)));
                releases.add(KeyValue.pair(id, Feed.release(region, Feed.BUDGET, 2, Feed.ON_PACE, version)));
            }
            kafka.produceStrings(Topics.TARGETS, targets);
            kafka.produceStrings(Topics.RELEASES, releases);
            final int judged = version;
            try {
                // A version sent before the application fixed its starting offsets is never judged: after a
                // while without it, the next version is sent (see above).
                Awaitility.await("markers " + pending + " judged at version " + version).atMost(MARKER_RESEND)
                        .pollInterval(Duration.ofMillis(10)).pollInSameThread()
                        .until(() -> {
                            progress.poll();
                            pending.removeIf(region -> shows(progress.latest().get(Feed.seriesId(region,
                                    MARKER_INDICATOR)), judged, targetPublishedAt));
                            return pending.isEmpty();
                        });
                return;
            } catch (final ConditionTimeoutException notYet) {
                if (version >= versions) {
                    throw new AssertionError("the application did not judge the markers " + pending + " within "
                            + timeout);
                }
                LOG.info("marker version {} not judged yet for {}; sending another", version, pending);
            }
        }
    }

    private static boolean shows(final String progressJson, final int revision, final String targetPublishedAt) {
        if (progressJson == null) {
            return false;
        }
        final JsonNode progress = parse(progressJson);
        final JsonNode versions = progress.get("releaseVersions");
        // The marker's release and target come from two topics: the release may be judged first, before
        // the target is there (targetPublishedAt null). Not yet synced, then; the next poll looks again.
        final JsonNode targetAt = progress.get("targetPublishedAt");
        return versions.size() == 1 && versions.get(0).get("revision").asInt() == revision
                && targetAt != null && !targetAt.isNull()
                && Instant.parse(targetAt.asText())
                        .equals(OffsetDateTime.parse(targetPublishedAt).toInstant());
    }

    /**
     * Puts the shared pacewatch topics back as a fresh broker has them: deletes them and creates them
     * again, empty, with the partition count they had (and deletes the fault tests' own internal topics).
     * Every integration test that starts a fresh application replays the pacewatch topics from the
     * beginning, input and output alike (the progress topic feeds the progress view); the thousands of
     * records a fault test leaves would slow each of them down and make their views lag behind. Test
     * classes run one after another and every instance of the calling class is closed by now, so nothing
     * in them is needed any more. (Deleting the records instead would leave partitions whose end offset
     * is above zero yet hold nothing, which a fresh application never commits an offset for.)
     */
    static void resetSharedTopics(final Admin admin) {
        try {
            final int partitions = partitionsOf(admin, Topics.RELEASES);
            final Set<String> shared = TopicSpec.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
            final Set<String> doomed = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> shared.contains(name) || name.startsWith(APPLICATION_ID_PREFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
            admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
            // Until the old topics are gone, creating them fails ("already exists" / "marked for deletion").
            Awaitility.await("the pacewatch topics recreated").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IllegalStateException.class)
                    .until(() -> {
                        final List<String> problems = new TopicSetup(admin)
                                .ensure(TopicSpec.all(), true, partitions, (short) 1);
                        if (!problems.isEmpty()) {
                            throw new IllegalStateException("recreated topics unusable: " + problems);
                        }
                        return true;
                    });
            await("the recreated pacewatch topics to have leaders", Duration.ofSeconds(30), () -> led(admin, shared));
            LOG.info("reset the shared topics {} ({} partitions); deleted {} topics in all", shared, partitions,
                    doomed.size());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("could not reset the shared topics: {}", e.toString());
        }
    }

    private static boolean led(final Admin admin, final Set<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (final ExecutionException | TimeoutException e) {
            return false;
        }
    }

    static void deleteRecursively(final Path dir) {
        try {
            Utils.delete(dir == null ? null : dir.toFile());
        } catch (final IOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }

    // ---- reading records ----

    static JsonNode parse(final String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The month a progress record stands as of; -1 for no record. */
    static int asOfMonth(final String progressJson) {
        return progressJson == null ? -1 : parse(progressJson).get("asOfMonth").asInt();
    }

    static String status(final String progressJson) {
        return progressJson == null ? null : parse(progressJson).get("status").asText();
    }

    // ---- comparing two runs ----

    /**
     * The latest progress per key of the keys starting with {@code regionToken}, with that token replaced
     * by a neutral one in keys and values, numbers compared by value: two runs of the same input under
     * other region names compare equal. Every field of a progress record is derived from the inputs
     * (updatedAt is the newest input's publication time), so nothing is left out.
     */
    static Map<String, String> neutralProgress(final Map<String, String> latest, final String regionToken) {
        final Map<String, String> neutral = new TreeMap<>();
        latest.forEach((key, value) -> {
            if (key.startsWith(regionToken)) {
                neutral.put(neutral(key, regionToken), canonical(parse(neutral(value, regionToken))));
            }
        });
        return neutral;
    }

    /**
     * The alerts of the keys starting with {@code regionToken}, neutralised likewise and without their id
     * (a digest that includes the region), sorted: a multiset to compare two runs with.
     */
    static List<String> neutralAlerts(final Collection<ConsumerRecord<String, String>> alerts, final String regionToken) {
        return alerts.stream()
                .filter(r -> r.key().startsWith(regionToken))
                .map(r -> {
                    final ObjectNode alert = (ObjectNode) parse(neutral(r.value(), regionToken));
                    alert.remove("id");
                    return neutral(r.key(), regionToken) + " " + canonical(alert);
                })
                .sorted()
                .collect(Collectors.toList());
    }

    private static String neutral(final String text, final String regionToken) {
        return text.replace(regionToken, "R-");
    }

    /** A JSON value re-serialised with decimals compared by value (0.50 and 0.5 are the same number). */
    static String canonical(final JsonNode node) {
        return normaliseNumbers(node.deepCopy()).toString();
    }

    private static JsonNode normaliseNumbers(final JsonNode node) {
        if (node.isObject()) {
            final ObjectNode object = (ObjectNode) node;
            final List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, normaliseNumbers(object.get(name))));
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, normaliseNumbers(node.get(i)));
            }
            return node;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            return Json.MAPPER.getNodeFactory().textNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }

    /** The alert ids that occur more than once among {@code alerts}, with their counts. */
    static Map<String, Long> duplicateIds(final Collection<ConsumerRecord<String, String>> alerts) {
        return alerts.stream()
                .collect(Collectors.groupingBy(r -> parse(r.value()).get("id").asText(), TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Fails, with the first few differences only, unless two maps (e.g. neutral progress) are equal. */
    static void assertSameMap(final String what, final Map<String, String> expected,
                                   final Map<String, String> actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": " + difference(expected, actual));
        }
    }

    /** Fails, with a summary and the first few differences only, unless two sorted multisets are equal. */
    static void assertSameAlerts(final String what, final List<String> expected, final List<String> actual) {
        if (expected.equals(actual)) {
            return;
        }
        final List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        final List<String> unexpected = new ArrayList<>(actual);
        expected.forEach(unexpected::remove);
        throw new AssertionError(what + ": expected " + expected.size() + " alerts, got " + actual.size() + "; "
                + missing.size() + " expected but missing, e.g. " + abbreviate(missing) + "; " + unexpected.size()
                + " not expected (or extra copies), e.g. " + abbreviate(unexpected));
    }

    /** A short description of where two maps differ, for failure messages. */
    static String difference(final Map<String, String> expected, final Map<String, String> actual) {
        final Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        final List<String> differing = keys.stream()
                .filter(k -> !Objects.equals(expected.get(k), actual.get(k)))
                .toList();
        final StringBuilder out = new StringBuilder(differing.size() + " of " + keys.size() + " keys differ");
        differing.stream().limit(SHOWN).forEach(key -> out.append("\n  ").append(key)
                .append("\n    expected ").append(expected.get(key))
                .append("\n    actual   ").append(actual.get(key)));
        return out.toString();
    }

    private static String abbreviate(final List<String> items) {
        return items.stream().limit(SHOWN)
                .map(s -> s.length() > 400 ? s.substring(0, 400) + "…" : s)
                .collect(Collectors.joining("\n    ", "[\n    ", "]"));
    }
}
