package io.pacewatch.bench;

import io.pacewatch.app.ServiceSettings;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.app.StreamsSettings;
import io.pacewatch.wire.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.utils.Utils;

/** What every phase of a bench run shares: the broker, the catalogue, the topics, the work directory. */
final class BenchContext implements AutoCloseable {

    /** The trivial aggregate's output topic. */
    static final String TRIVIAL_OUTPUT = "pwbench.trivial-counts";

    final String bootstrap;
    final Admin admin;
    final IndicatorCatalogue catalogue;
    final int partitions;
    final int streamThreads;
    final Map<String, String> streamsOverrides;
    final Path workDir;
    final ResourceMonitor monitor;
    final PrintStream log;

    BenchContext(final String bootstrap, final IndicatorCatalogue catalogue, final int partitions,
                 final int streamThreads, final Map<String, String> streamsOverrides, final Path workDir,
                 final ResourceMonitor monitor, final PrintStream log) {
        this.bootstrap = bootstrap;
        this.catalogue = catalogue;
        this.partitions = partitions;
        this.streamThreads = streamThreads;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.workDir = workDir;
        this.monitor = monitor;
        this.log = log;
        this.admin = Admin.create(clientProperties());
    }

    Properties clientProperties() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    /** Every committed record of a topic, from its beginning to its end as they were when called. */
    void readCommitted(final String topic, final Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            final List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Offsets from each partition's start to its end, summed: the records, with compaction's gaps and commit markers. */
    long committedRecords(final String topic) {
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            final List<TopicPartition> partitions = partitionsOf(consumer, topic);
            final Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - starts.get(end.getKey())).sum();
        }
    }

    private KafkaConsumer<String, byte[]> committedReader() {
        final Properties props = clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pwbench-reader");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(final KafkaConsumer<?, ?> consumer, final String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Connection, application id, threads and any --streams-property, for pacewatch and the trivial app alike. */
    Properties streamsProperties(final String applicationId, final Path stateDir) {
        final Properties props = clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The trivial count commits as often as pacewatch does, so the two differ only in the work per record.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(StreamsSettings.COMMIT_INTERVAL_MS));
        props.putAll(streamsOverrides);
        return props;
    }

    /** The trivial count's settings, which the contract floor shares: {@link #streamsProperties} and exactly_once_v2. */
    Properties exactlyOnceProperties(final String applicationId, final Path stateDir) {
        final Properties props = streamsProperties(applicationId, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /**
     * Settings for a PacewatchService: HTTP on a free loopback port, topics checked, not created. No
     * release calendar: the synthetic years lie in the past, where against the wall clock every series
     * would be overdue until its December figure, so pace alerts (what the latency goal is about) would
     * never be raised; the calendar's cost per judgement is one lookup.
     */
    ServiceSettings serviceSettings(final String applicationId, final Path stateDir) {
        final Properties props = streamsProperties(applicationId, stateDir);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                ProducedRecords.class.getName());
        return new ServiceSettings(props, catalogue, ReleaseCalendar.NONE,
                Clock.systemUTC(), "127.0.0.1", 0, "127.0.0.1", stateDir, false, partitions, (short) 1);
    }

    /** Creates pacewatch's topics and the trivial app's output topic, as `pacewatch run` would. */
    void createTopics() throws InterruptedException {
        final List<String> problems = new TopicSetup(admin).ensure(TopicSpec.all(), true, partitions, (short) 1);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("topics are not usable: " + problems);
        }
        try {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TRIVIAL_OUTPUT)) {
                admin.createTopics(List.of(new NewTopic(TRIVIAL_OUTPUT, partitions, (short) 1)
                        .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + TRIVIAL_OUTPUT, e);
        }
    }

    /**
     * Between two pacewatch runs: a fresh application would otherwise read the previous run's
     * progress and alerts back into its query views. Deletes the outputs and the previous run's
     * internal topics, and creates the outputs again.
     */
    void resetOutputs(final String previousApplicationId) throws InterruptedException {
        final List<String> outputs = List.of(Topics.PROGRESS, Topics.ALERTS, Topics.DEAD_LETTERS);
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> doomed = new ArrayList<>(outputs);
            existing.stream().filter(t -> t.startsWith(previousApplicationId + "-")).forEach(doomed::add);
            admin.deleteTopics(doomed.stream().filter(existing::contains).collect(Collectors.toList()))
                    .all().get(60, TimeUnit.SECONDS);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(doomed::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics were not deleted within 2 minutes: " + doomed);
                }
                Thread.sleep(100);
            }
            // Deletion completes asynchronously; creating a name still being deleted fails, so retry until it works.
            final List<NewTopic> fresh = TopicSpec.all().stream().filter(spec -> outputs.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), partitions, (short) 1).configs(spec.configs()))
                    .collect(Collectors.toList());
            while (true) {
                try {
                    final Set<String> now = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                    final List<NewTopic> missing = fresh.stream().filter(t -> !now.contains(t.name())).toList();
                    if (!missing.isEmpty()) {
                        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    }
                    admin.describeTopics(outputs).allTopicNames().get(30, TimeUnit.SECONDS);
                    if (admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(outputs)) {
                        return;
                    }
                } catch (final ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                Thread.sleep(250);
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset the output topics: " + e.getMessage(), e);
        }
    }

    Path freshDir(final String name) {
        final Path dir = workDir.resolve(name);
        deleteRecursively(dir);
        try {
            return Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long sizeOf(final Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (final IOException | UncheckedIOException e) {
            return -1;
        }
    }

    static void deleteRecursively(final Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void say(final String line) {
        log.println("[bench] " + line);
        log.flush();
    }

    @Override
    public void close() {
        admin.close();
    }
}
