package io.pacewatch.bench;

import io.pacewatch.broker.GroupLag;

import io.pacewatch.bench.Predictor.Expectation;
import io.pacewatch.bench.SyntheticLoad.Item;
import io.pacewatch.bench.SyntheticLoad.Type;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Publish → progress and publish → alert latency at a steady rate. A fresh year of releases for a
 * few regions is sent by a rate-limited producer (targets first, and awaited); for each release
 * the {@link Predictor} says which progress record (key {@code region|indicator|year|<period>}) and
 * which alert (by id) it must cause, and a read_committed consumer times each from the moment just
 * before {@code send()} to the moment the record is returned by {@code poll()}: what a downstream
 * consumer sees under exactly-once, commit interval included.
 */
final class LatencyRun {

    /** Latencies in nanoseconds, and what was expected but never seen. */
    record Result(double ratePerSecond, long sent, long seconds, List<Long> progressNanos, List<Long> alertNanos,
                  int progressMissing, int alertsMissing, long actualMillis, ResourceMonitor.Usage usage) {
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);
    /**
     * One series' releases are sent at least this far apart, as a bureau's are (months apart in life),
     * so that each release is timed on its own, not queued behind the previous one of its series.
     */
    private static final double SERIES_GAP_SECONDS = 1.0;

    private final BenchContext context;

    LatencyRun(final BenchContext context) {
        this.context = context;
    }

    Result run(final String applicationId, final SyntheticLoad load, final double rate) throws Exception {
        final int year = load.shape().firstYear();
        final Predictor predictor = new Predictor(context.catalogue);

        final List<Item> targets = new ArrayList<>();
        load.targets(year, targets::add);
        try (KafkaProducer<String, byte[]> producer = Preload.producer(context, false)) {
            for (final Item target : targets) {
                producer.send(new ProducerRecord<>(target.topic(), null, target.timestamp(), target.key(), target.value()));
                predictor.target(target.key(), target.value());
            }
        }
        new GroupLag(context.admin, applicationId, GroupLag.pacewatchSources())
                .awaitCaughtUp(Duration.ofMinutes(5), Duration.ofMillis(100), () -> false);

        final List<Item> generated = new ArrayList<>();
        load.releases(year, generated::add);
        final List<Item> schedule = spaced(generated, (int) Math.ceil(rate * SERIES_GAP_SECONDS));
        final List<Expectation> expectations = new ArrayList<>(schedule.size());
        for (final Item item : schedule) {
            expectations.add(item.type() == Type.BAD ? Expectation.NONE : predictor.release(item.key(), item.value()));
        }
        context.say(String.format("latency: %,d records (%,d progress records and %,d alerts expected) at %.0f/s",
                schedule.size(), expectations.stream().filter(e -> e.progressKey() != null).count(),
                expectations.stream().filter(e -> e.alertId() != null).count(), rate));

        final Map<String, Long> pendingProgress = new ConcurrentHashMap<>();
        final Map<String, Long> pendingAlerts = new ConcurrentHashMap<>();
        final List<Long> progressNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Long> alertNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        final CountDownLatch positioned = new CountDownLatch(1);
        final Thread reader = new Thread(() -> read(pendingProgress, pendingAlerts, progressNanos, alertNanos, stop,
                positioned, readerFailure), "pwbench-latency-reader");
        reader.start();
        positioned.await();

        final ResourceMonitor.Phase phase = context.monitor.begin("latency at " + (long) rate + "/s");
        final long interval = (long) (1e9 / rate);
        final long begin = System.nanoTime() + 50_000_000;
        try (KafkaProducer<String, byte[]> producer = Preload.producer(context, true)) {
            for (int i = 0; i < schedule.size(); i++) {
                final long due = begin + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                final Item item = schedule.get(i);
                final Expectation expected = expectations.get(i);
                final long now = System.nanoTime();
                if (expected.progressKey() != null) {
                    pendingProgress.put(expected.progressKey(), now);
                }
                if (expected.alertId() != null) {
                    pendingAlerts.put(expected.alertId(), now);
                }
                producer.send(new ProducerRecord<>(item.topic(), null, item.timestamp(), item.key(), item.value()));
            }
        }
        final long sendingMillis = (System.nanoTime() - begin) / 1_000_000;
        final long deadline = System.nanoTime() + DRAIN.toNanos();
        while ((!pendingProgress.isEmpty() || !pendingAlerts.isEmpty()) && System.nanoTime() < deadline
                && readerFailure.get() == null) {
            Thread.sleep(20);
        }
        final ResourceMonitor.Usage usage = phase.end();
        stop.set(true);
        reader.join();
        if (readerFailure.get() != null) {
            throw new IllegalStateException("the latency reader failed", readerFailure.get());
        }
        return new Result(rate, schedule.size(), Math.round(schedule.size() / rate), List.copyOf(progressNanos),
                List.copyOf(alertNanos), pendingProgress.size(), pendingAlerts.size(), sendingMillis, usage);
    }

    /**
     * The records in their order, except that a record whose series had a record fewer than
     * {@code gap} places before waits until it is that far behind it.
     */
    static List<Item> spaced(final List<Item> records, final int gap) {
        final List<Item> out = new ArrayList<>(records.size());
        final Map<String, Integer> lastPlace = new java.util.HashMap<>();
        final java.util.ArrayDeque<Item> waiting = new java.util.ArrayDeque<>();
        int next = 0;
        while (next < records.size() || !waiting.isEmpty()) {
            Item chosen = null;
            for (final java.util.Iterator<Item> it = waiting.iterator(); it.hasNext(); ) {
                final Item candidate = it.next();
                if (farEnough(candidate, lastPlace, out.size(), gap)) {
                    chosen = candidate;
                    it.remove();
                    break;
                }
            }
            while (chosen == null && next < records.size()) {
                final Item candidate = records.get(next++);
                if (farEnough(candidate, lastPlace, out.size(), gap)) {
                    chosen = candidate;
                } else {
                    waiting.add(candidate);
                }
            }
            if (chosen == null) {
                chosen = waiting.poll();
            }
            lastPlace.put(chosen.series(), out.size());
            out.add(chosen);
        }
        return out;
    }

    private static boolean farEnough(final Item item, final Map<String, Integer> lastPlace, final int place,
                                     final int gap) {
        final Integer last = lastPlace.get(item.series());
        return last == null || place - last >= gap;
    }

    private void read(final Map<String, Long> pendingProgress, final Map<String, Long> pendingAlerts,
                      final List<Long> progressNanos, final List<Long> alertNanos, final AtomicBoolean stop,
                      final CountDownLatch positioned, final AtomicReference<Throwable> failure) {
        final Properties props = context.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pwbench-latency-reader");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : List.of(Topics.PROGRESS, Topics.ALERTS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (!stop.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
                    final long now = System.nanoTime();
                    if (record.topic().equals(Topics.PROGRESS)) {
                        final Long sent = pendingProgress.remove(record.key());
                        if (sent != null) {
                            progressNanos.add(now - sent);
                        }
                    } else if (record.value() != null) {
                        final Long sent = pendingAlerts.remove(alertId(record.value()));
                        if (sent != null) {
                            alertNanos.add(now - sent);
                        }
                    }
                }
            }
        } catch (final RuntimeException | IOException e) {
            failure.set(e);
        } finally {
            positioned.countDown();
        }
    }

    private static String alertId(final byte[] value) throws IOException {
        return Json.MAPPER.readTree(value).path("id").asText();
    }
}
