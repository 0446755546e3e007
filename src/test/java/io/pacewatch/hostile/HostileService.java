package io.pacewatch.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.wire.CatalogueLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One pacewatch instance on the shared test broker, with what the hostile-input tests need around it:
 * a byte producer that can send 1 MB records, bounded reads that never fail (so the assertions after
 * them say what is missing), "caught up" by committed offsets, the rejection counters and HTTP.
 */
final class HostileService implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(40);
    /** Enough for the 1 MB cases; the broker still refuses anything over its own 1 MiB limit. */
    static final int MAX_REQUEST_SIZE = 4 * 1024 * 1024;

    private static final Pattern REJECTED = Pattern.compile(
            "^pacewatch_records_rejected_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Unique per instance: region codes of the valid records and the application id are built from it. */
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String applicationId;
    final KafkaTestBroker kafka;
    final PacewatchService service;
    private final Path stateDir;
    private final HttpClient http = HttpClient.newHttpClient();

    private HostileService(final KafkaTestBroker kafka, final String name) throws Exception {
        this.kafka = kafka;
        this.applicationId = "pacewatch-" + name + "-" + run;
        this.stateDir = Files.createTempDirectory("pacewatch-hostile");
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", applicationId);
        // Commit often, so that "caught up" (committed offsets at the end of the topic) is reached quickly.
        props.put("commit.interval.ms", "200");
        this.service = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0,
                "127.0.0.1", stateDir, true, 2, (short) 1));
    }

    /** Starts an instance with a unique application id and waits until it is RUNNING. */
    static HostileService start(final KafkaTestBroker kafka, final String name) throws Exception {
        final HostileService started = new HostileService(kafka, name);
        assertThat(started.service.awaitRunning(WAIT)).as("Kafka Streams reaches RUNNING").isTrue();
        return started;
    }

    @Override
    public void close() throws IOException {
        service.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    KafkaProducer<byte[], byte[]> producer(final boolean idempotent) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        if (!idempotent) {
            config.put(ProducerConfig.RETRIES_CONFIG, 0);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Reads committed records of {@code topic} from the beginning until {@code done} holds (or, when it is
     * null, up to the last stable offsets seen at the start), and returns what was read; never fails, so
     * that the assertions afterwards can say exactly what is missing.
     */
    <K, V> List<ConsumerRecord<K, V>> readUntil(final String topic, final Deserializer<K> keys, final Deserializer<V> values,
                                                final Predicate<List<ConsumerRecord<K, V>>> done) throws Exception {
        final Map<TopicPartition, Long> end = endOffsets(topic, IsolationLevel.READ_COMMITTED);
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_REQUEST_SIZE);
        final List<ConsumerRecord<K, V>> read = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            // In this thread: the consumer belongs to it. Each poll waits up to 100 ms for records.
            Awaitility.await("reading " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                        return done != null ? done.test(read)
                                : end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    });
        } catch (final ConditionTimeoutException e) {
            // What was read is returned: the caller's assertions say what is missing.
        }
        return read;
    }

    /** Waits until the service has committed everything on {@code topic}; false if it did not within the wait. */
    boolean awaitCaughtUp(final String topic) {
        try {
            Awaitility.await("the service to commit everything on " + topic).atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        final Map<TopicPartition, Long> end = endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
                        final Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
                                .listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS);
                        return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue());
                    });
            return true;
        } catch (final ConditionTimeoutException e) {
            return false;
        }
    }

    Map<TopicPartition, Long> endOffsets(final String topic, final IsolationLevel isolation) throws Exception {
        final Map<TopicPartition, OffsetSpec> request = kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return kafka.admin().listOffsets(request, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** {@code pacewatch_records_rejected_total} of one source topic (null: all topics), by reason. */
    Map<String, Double> rejectedCounts(final String topic) throws Exception {
        final HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        final Map<String, Double> counts = new TreeMap<>();
        final Matcher m = REJECTED.matcher(metrics.body());
        while (m.find()) {
            final Map<String, String> labels = new HashMap<>();
            final Matcher label = LABEL.matcher(m.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (topic == null || topic.equals(labels.get("topic"))) {
                counts.merge(labels.get("reason"), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return counts;
    }

    static Map<String, Integer> deltas(final Map<String, Double> before, final Map<String, Double> after) {
        final Map<String, Integer> deltas = new TreeMap<>();
        after.forEach((reason, count) -> {
            final int delta = (int) Math.round(count - before.getOrDefault(reason, 0.0));
            if (delta != 0) {
                deltas.put(reason, delta);
            }
        });
        return deltas;
    }

    HttpResponse<String> get(final String path) throws Exception {
        final URI uri = URI.create("http://127.0.0.1:" + service.httpAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int httpPort() {
        return service.httpAddress().getPort();
    }

    static String source(final RecordMetadata metadata) {
        return metadata.partition() + "@" + metadata.offset();
    }

    /** partition@offset of the record a DLQ record came from, if it came from {@code topic}; else "". */
    static String sourceOf(final ConsumerRecord<byte[], byte[]> dlq, final String topic) {
        if (!topic.equals(header(dlq, "__streams.errors.topic"))) {
            return "";
        }
        return header(dlq, "__streams.errors.partition") + "@" + header(dlq, "__streams.errors.offset");
    }

    static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(final String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** What must never reach a terminal or a log unescaped: controls, format (bidi, zero-width), separators, lone surrogates. */
    static boolean isHidden(final int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    static List<String> hiddenIn(final String text) {
        return text.codePoints().filter(HostileService::isHidden).mapToObj(cp -> String.format("U+%04X", cp)).toList();
    }
}
