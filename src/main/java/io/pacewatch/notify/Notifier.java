package io.pacewatch.notify;

import com.fasterxml.jackson.databind.ObjectReader;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.SafeText;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts from the alerts topic to the configured routes, on one thread.
 *
 * <p>Each turn of the loop polls the alerts topic (consumer group, {@code read_committed}, no
 * auto-commit), hands the alerts to the {@link DeliveryEngine}, makes the attempts that are due,
 * appends a record per delivery to the {@link DeliveryLog} and waits for the broker to acknowledge
 * it, and only then commits, per partition, the offset of the first alert that some route has not
 * received yet. So:
 * <ul>
 *   <li>an alert is never committed before every route it is for has it: a failing receiver holds
 *       the offset (not the other routes) until it answers, however long that takes;</li>
 *   <li>whatever is read again after a restart, a rebalance or an offset reset is checked against
 *       the delivery log, so what was delivered is not sent again;</li>
 *   <li>the one gap: a receiver accepted a message and the process died before the delivery record
 *       reached the broker. That alert is sent again, with the same {@code Idempotency-Key}:
 *       delivery is at least once, and exactly once for receivers that honour the key.</li>
 * </ul>
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LOG_CATCH_UP = Duration.ofMinutes(2);
    /**
     * Alerts from a newer pacewatch may carry fields or kinds this one does not know; they are still
     * delivered (routing needs only the id, series and severity; the messages are already written).
     */
    private static final ObjectReader ALERT_READER = Json.tolerantReaderFor(Alert.class);

    private final NotifierSettings settings;
    private final DeliveredSet delivered;
    private final DeliveryLog log;
    private final WebhookClient http;
    private final DeliveryEngine engine;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile Throwable failure;

    private Notifier(final NotifierSettings settings, final DeliveryLog log, final DeliveredSet delivered) {
        this.settings = settings;
        this.log = log;
        this.delivered = delivered;
        this.http = new WebhookClient(settings.httpTimeout());
        this.engine = new DeliveryEngine(settings.routes(), delivered, http, settings.backoff(), settings.clock(),
                () -> ThreadLocalRandom.current().nextDouble(), settings.reader());
        this.consumer = new KafkaConsumer<>(consumerConfig(settings), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "pacewatch-notify");
    }

    /**
     * Sets up the delivery log (creating the topic if allowed), reads it, and starts delivering on
     * a thread of its own.
     */
    public static Notifier start(final NotifierSettings settings) throws InterruptedException {
        try (Admin admin = Admin.create(settings.client())) {
            DeliveryLog.ensureTopic(admin, settings.deliveriesTopic(), settings.createTopics(),
                    settings.deliveriesPartitions(), settings.replicationFactor());
            warnIfMissing(admin, settings.alertsTopic());
        }
        final DeliveredSet delivered = new DeliveredSet();
        final DeliveryLog log = new DeliveryLog(settings.client(), settings.deliveriesTopic(), delivered);
        final Notifier notifier;
        try {
            log.catchUp(LOG_CATCH_UP);
            notifier = new Notifier(settings, log, delivered);
        } catch (final RuntimeException e) {
            log.close();
            throw e;
        }
        LOG.info("pacewatch notify: {} route(s) {}, reading {} as group {}, delivery log {} ({} delivered)",
                settings.routes().size(), settings.routes(), settings.alertsTopic(), settings.groupId(),
                settings.deliveriesTopic(), notifier.delivered.size());
        notifier.thread.start();
        return notifier;
    }

    private static void warnIfMissing(final Admin admin, final String topic) throws InterruptedException {
        try {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                LOG.warn("alerts topic {} does not exist yet; waiting for it (run `pacewatch run` to create it)", topic);
            }
        } catch (final java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    private static Properties consumerConfig(final NotifierSettings settings) {
        final Properties config = new Properties();
        config.putAll(settings.client());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                settings.startFrom().kind() == StartFrom.Kind.LATEST ? "latest" : "earliest");
        return config;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.alertsTopic()), new Rebalance());
            while (running.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    final Alert alert = decode(record);
                    if (alert != null) {
                        engine.accept(new Inbound(record.topic(), record.partition(), record.offset(),
                                record.timestamp(), alert, record.value()));
                    }
                }
                final List<DeliveryRecord> done = engine.deliverDue();
                if (!done.isEmpty()) {
                    log.append(done);
                }
                commit(consumer.assignment());
                applyBackpressure();
            }
        } catch (final WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (final Throwable e) {
            failure = e;
            LOG.error("pacewatch notify stops: {}; nothing past the undelivered alerts was committed", e.toString(), e);
        } finally {
            try {
                if (failure == null) {
                    commit(consumer.assignment());
                }
            } catch (final RuntimeException e) {
                LOG.warn("final commit failed ({}); the next start re-reads those alerts and skips what was delivered",
                        e.toString());
            } finally {
                closeQuietly();
                stopped.countDown();
            }
        }
    }

    /** The alert, or null for a record that is not one (logged, then passed over: it cannot be delivered). */
    private static Alert decode(final ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            final Alert alert = ALERT_READER.readValue(record.value());
            if (alert == null || blank(alert.id()) || blank(alert.region()) || blank(alert.indicator())
                    || alert.severity() == null) {
                throw new IOException("id, region, indicator and a known severity are required");
            }
            return alert;
        } catch (final IOException | RuntimeException e) {
            LOG.error("{}-{}@{} (key {}) is not an alert pacewatch can deliver; passed over: {}", record.topic(),
                    record.partition(), record.offset(), SafeText.quote(record.key()), SafeText.excerpt(e.getMessage()));
            return null;
        }
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    /**
     * Commits, per partition, up to the first alert some route still has to receive. A commit that
     * cannot be made now is made on a later turn: committing late only means reading again, and
     * the delivery log makes that harmless.
     */
    private void commit(final Collection<TopicPartition> partitions) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (final TopicPartition partition : partitions) {
                final long position = engine.firstPending(partition).orElseGet(() -> consumer.position(partition));
                final Long last = committed.get(partition);
                if (last == null || position > last) {
                    offsets.put(partition, new OffsetAndMetadata(position));
                }
            }
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
        } catch (final RebalanceInProgressException | CommitFailedException e) {
            LOG.info("commit deferred by a rebalance: {}", e.getMessage());
        } catch (final RetriableException e) {
            LOG.warn("commit deferred: {}", e.toString());
        }
    }

    /** A receiver that is down for a very long time: stop reading its partitions rather than buffer without end. */
    private void applyBackpressure() {
        final List<TopicPartition> pause = new ArrayList<>();
        final List<TopicPartition> resume = new ArrayList<>();
        for (final TopicPartition partition : consumer.assignment()) {
            final boolean full = engine.buffered(partition) >= settings.maxBuffered();
            if (full && paused.add(partition)) {
                pause.add(partition);
            } else if (!full && paused.remove(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            LOG.warn("{} alerts wait for delivery on {}; reading paused until they are delivered",
                    settings.maxBuffered(), pause);
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                commit(partitions);
            } finally {
                forget(partitions);
            }
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // Whatever the previous owner delivered before it committed is in the log by now.
            log.catchUp(LOG_CATCH_UP);
            if (settings.startFrom().kind() == StartFrom.Kind.INSTANT) {
                seekToInstant(partitions);
            }
            LOG.info("reading alerts from {}", partitions);
        }

        private void forget(final Collection<TopicPartition> partitions) {
            engine.drop(partitions);
            partitions.forEach(committed::remove);
            paused.removeAll(partitions);
        }

        private void seekToInstant(final Collection<TopicPartition> partitions) {
            final Map<TopicPartition, OffsetAndMetadata> existing = consumer.committed(new HashSet<>(partitions));
            final Map<TopicPartition, Long> fresh = new HashMap<>();
            for (final TopicPartition partition : partitions) {
                if (existing.get(partition) == null) {
                    fresh.put(partition, settings.startFrom().instant().toEpochMilli());
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            final Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(fresh);
            for (final TopicPartition partition : fresh.keySet()) {
                final OffsetAndTimestamp at = found.get(partition);
                if (at == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, at.offset());
                }
            }
        }
    }

    /** Blocks until the notifier has stopped; true when it stopped because it was closed, false on a failure. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failure == null;
    }

    /** Why it stopped on its own, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Finishes the attempts in flight, commits what was delivered, leaves the group. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                if (!stopped.await(settings.httpTimeout().multipliedBy(3).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("pacewatch notify did not stop in time");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeQuietly() {
        try {
            consumer.close();
        } catch (final RuntimeException e) {
            LOG.warn("closing the alerts consumer: {}", e.toString());
        }
        try {
            log.close();
        } catch (final RuntimeException e) {
            LOG.warn("closing the delivery log: {}", e.toString());
        }
        http.close();
    }
}
