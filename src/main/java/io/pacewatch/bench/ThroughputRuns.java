package io.pacewatch.bench;

import io.pacewatch.broker.GroupLag;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The three readers of the same pre-produced releases topic: a plain consumer (the machine's
 * ceiling), a trivial exactly-once Streams aggregate (the peer ceiling) and pacewatch itself.
 * Each Streams application starts with a fresh application id and state directory and counts as
 * done when its group has committed the end of all its inputs ({@link GroupLag}).
 */
final class ThroughputRuns {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(60);
    static final Duration LAG_POLL = Duration.ofMillis(100);

    /** One timed run. Times are {@link System#nanoTime()}; {@code runningNanos} is -1 for the plain consumer. */
    record Result(String name, long records, long startNanos, long runningNanos, long doneNanos,
                  ResourceMonitor.Usage usage) {

        double seconds() {
            return (doneNanos - startNanos) / 1e9;
        }

        double processingSeconds() {
            return runningNanos < 0 ? seconds() : (doneNanos - runningNanos) / 1e9;
        }

        double rate() {
            return records / seconds();
        }

        double processingRate() {
            return records / processingSeconds();
        }
    }

    private final BenchContext context;

    ThroughputRuns(final BenchContext context) {
        this.context = context;
    }

    /** Reads the whole releases topic with one KafkaConsumer, no group, no processing. */
    Result rawConsumer(final long expected) {
        final ResourceMonitor.Phase phase = context.monitor.begin("raw consumer");
        final Properties props = context.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pwbench-raw-consumer");
        final long start = System.nanoTime();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RELEASES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                records += consumer.poll(Duration.ofMillis(100)).count();
            }
        }
        final long done = System.nanoTime();
        if (records != expected) {
            context.say("raw consumer read " + records + " records, expected " + expected);
        }
        return new Result("raw KafkaConsumer", records, start, -1, done, phase.end());
    }

    /** groupByKey().count() over the releases, exactly_once_v2, RocksDB, counts written to a topic. */
    Result trivialAggregate(final String applicationId, final long records) throws InterruptedException {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RELEASES, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("release-counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(BenchContext.TRIVIAL_OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        final Path stateDir = context.freshDir("state-" + applicationId);
        return timed("trivial count, exactly-once", "trivial count (EOS)", builder.build(),
                context.exactlyOnceProperties(applicationId, stateDir), stateDir, List.of(Topics.RELEASES), records);
    }

    /** {@link ContractFloor}: pacewatch's record traffic per release without its computing. */
    Result contractFloor(final String applicationId, final String scope, final long records,
                         final ContractFloor.Traffic traffic) throws InterruptedException {
        final ContractFloor.Traffic own = traffic.copiesUnder(applicationId);
        ContractFloor.createCopies(context, own);
        final Path stateDir = context.freshDir("state-" + applicationId);
        final String name = "contract floor, " + scope;
        return timed(name + ", exactly-once", name, ContractFloor.topology(own),
                context.exactlyOnceProperties(applicationId, stateDir), stateDir,
                ContractFloor.sources(own), records);
    }

    private Result timed(final String name, final String phaseName, final Topology topology, final Properties props,
                         final Path stateDir, final List<String> sources, final long records) throws InterruptedException {
        final String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        final ResourceMonitor.Phase phase = context.monitor.begin(phaseName);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            final long running = awaitRunning(streams::state, failure);
            final long done = new GroupLag(context.admin, applicationId, sources)
                    .awaitCaughtUp(RUN_TIMEOUT, LAG_POLL, () -> failure.get() != null);
            final ResourceMonitor.Usage usage = phase.end();
            streams.close(Duration.ofSeconds(60));
            return new Result(name, records, start, running, done, usage);
        } finally {
            BenchContext.deleteRecursively(stateDir);
        }
    }

    /**
     * Real PacewatchServices on the pre-produced topics, {@code instances} of them with one application
     * id, as a deployment would run them (each with its own state directory, inside the first's so that
     * the state is measured and wiped as one). Returns with them running, so that the later phases can
     * use them; the caller closes them. RUNNING is when the last of them was first seen RUNNING.
     */
    Result pacewatch(final String applicationId, final Path stateDir, final int instances, final long records,
                     final List<PacewatchService> started, final Runnable onRunning) throws Exception {
        final ResourceMonitor.Phase phase = context.monitor.begin("pacewatch backfill (EOS)");
        final long start = System.nanoTime();
        for (int i = 1; i <= instances; i++) {
            final Path own = i == 1 ? stateDir : Files.createDirectories(stateDir.resolve("instance-" + i));
            started.add(PacewatchService.start(context.serviceSettings(applicationId, own)));
        }
        long running = 0;
        for (final PacewatchService service : started) {
            running = Math.max(running, awaitRunning(service::state, new AtomicReference<>()));
        }
        onRunning.run();
        final long done = new GroupLag(context.admin, applicationId, GroupLag.pacewatchSources())
                .awaitCaughtUp(RUN_TIMEOUT, LAG_POLL, () -> started.stream().map(PacewatchService::state)
                        .anyMatch(state -> state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                                || state == KafkaStreams.State.PENDING_ERROR));
        return new Result(instances == 1 ? "pacewatch, exactly-once" : "pacewatch, exactly-once, " + instances
                + " instances", records, start, running, done, phase.end());
    }

    /** Polls the state every 5 ms; returns the {@link System#nanoTime()} RUNNING was first seen. */
    static long awaitRunning(final java.util.function.Supplier<KafkaStreams.State> state,
                             final AtomicReference<Throwable> failure) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            final KafkaStreams.State now = state.get();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
                    || now == KafkaStreams.State.PENDING_ERROR || failure.get() != null) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING: " + now, failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within 10 minutes: " + now);
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }
}
