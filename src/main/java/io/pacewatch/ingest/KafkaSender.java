package io.pacewatch.ingest;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends prepared records with an idempotent producer ({@code acks=all}, {@code enable.idempotence}),
 * so that a retry after a lost acknowledgement cannot write a record twice or out of order within a
 * partition; these two settings override whatever the connection options say. Waits for every
 * acknowledgement. After the first failure nothing more is sent: later records would otherwise land
 * while an earlier one of the same series is missing.
 */
public final class KafkaSender {

    private static final long PROGRESS_POLL_MILLIS = 100;

    private final Properties clientProperties;
    private final String clientId;

    public KafkaSender(final Properties clientProperties, final String clientId) {
        this.clientProperties = clientProperties;
        this.clientId = clientId;
    }

    public SendOutcome send(final String topic, final List<OutgoingRecord> records, final SendProgress progress) {
        return send(topic, records, progress, new RecordHeaders());
    }

    /** Sends without a progress bar, with {@code headers} on every record (the HTTP intake's sender). */
    public SendOutcome send(final String topic, final List<OutgoingRecord> records, final Headers headers) {
        return send(topic, records, SendProgress.NONE, headers);
    }

    private SendOutcome send(final String topic, final List<OutgoingRecord> records, final SendProgress progress,
                             final Headers headers) {
        final Deliveries deliveries = new Deliveries();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            int sent = 0;
            for (final OutgoingRecord record : records) {
                if (deliveries.failure() != null) {
                    break;
                }
                producer.send(new ProducerRecord<>(topic, null, record.timestampMillis(), record.key(), record.value(),
                        headers),
                        deliveries);
                sent++;
                progress.update(deliveries.acknowledged());
            }
            // Waiting here rather than only in flush() keeps the bar moving while the last batches are in flight.
            while (!deliveries.awaitCompleted(sent, PROGRESS_POLL_MILLIS)) {
                progress.update(deliveries.acknowledged());
            }
            producer.flush();
            progress.finish(deliveries.acknowledged());
            return new SendOutcome(deliveries.acknowledged(), deliveries.failure());
        } catch (final KafkaException e) {
            // From the constructor (bad configuration) or from send() itself (e.g. authorisation, record too large).
            progress.finish(deliveries.acknowledged());
            return new SendOutcome(deliveries.acknowledged(), deliveries.failure() != null ? deliveries.failure() : e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome(deliveries.acknowledged(), e);
        }
    }

    private Properties producerConfig() {
        final Properties config = new Properties();
        config.putAll(clientProperties);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /** Counts acknowledgements as the producer's I/O thread reports them; keeps the first failure. */
    private static final class Deliveries implements Callback {

        private int acknowledged;
        private int completed;
        private Exception failure;

        @Override
        public synchronized void onCompletion(final RecordMetadata metadata, final Exception exception) {
            completed++;
            if (exception == null) {
                acknowledged++;
            } else if (failure == null) {
                failure = exception;
            }
            notifyAll();
        }

        synchronized int acknowledged() {
            return acknowledged;
        }

        synchronized Exception failure() {
            return failure;
        }

        /** Whether {@code expected} sends have completed, waiting at most {@code millis} for it. */
        synchronized boolean awaitCompleted(final int expected, final long millis) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            long remaining = millis;
            while (completed < expected && remaining > 0) {
                wait(remaining);
                remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            }
            return completed >= expected;
        }
    }

    /**
     * A validated record as it will be sent: serialised before anything is sent, so that nothing can
     * fail half-way for a reason the validation could have found. {@code indicator} is for the summary.
     */
    public record OutgoingRecord(String key, byte[] value, long timestampMillis, String indicator) {
    }

    /** How sending ended: how many records the brokers acknowledged, and the first failure if any. */
    public record SendOutcome(int acknowledged, Exception failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }
}
