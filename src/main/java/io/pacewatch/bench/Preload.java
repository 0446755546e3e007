package io.pacewatch.bench;

import io.pacewatch.bench.SyntheticLoad.Item;
import io.pacewatch.bench.SyntheticLoad.Type;
import io.pacewatch.domain.RejectionReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces the synthetic load to the broker before anything consumes it, and counts what was sent. */
final class Preload {

    /** What was sent. */
    static final class Tally {
        final Map<Type, Long> records = new EnumMap<>(Type.class);
        final Map<Type, Long> bytes = new EnumMap<>(Type.class);
        final Map<RejectionReason, Long> badByReason = new TreeMap<>();
        /** Where each bad record landed, so that a dead letter missing for it can be named. */
        final List<BadRecord> badRecords = java.util.Collections.synchronizedList(new ArrayList<>());
        long nanos;

        void add(final Item item) {
            records.merge(item.type(), 1L, Long::sum);
            bytes.merge(item.type(), (long) item.value().length + (item.key() == null ? 0 : item.key().length()), Long::sum);
            if (item.reason() != null) {
                badByReason.merge(item.reason(), 1L, Long::sum);
            }
        }

        long count(final Type type) {
            return records.getOrDefault(type, 0L);
        }

        /** Records on the releases topic: first publications, revisions and bad records. */
        long releaseTopicRecords() {
            return count(Type.RELEASE) + count(Type.REVISION) + count(Type.LATE) + count(Type.BAD);
        }

        long releaseTopicBytes() {
            return bytes.getOrDefault(Type.RELEASE, 0L) + bytes.getOrDefault(Type.REVISION, 0L)
                    + bytes.getOrDefault(Type.LATE, 0L) + bytes.getOrDefault(Type.BAD, 0L);
        }

        long total() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A refused-to-be record as the broker stored it. */
    record BadRecord(String topic, int partition, long offset, RejectionReason reason) {
    }

    private Preload() {
    }

    static KafkaProducer<String, byte[]> producer(final BenchContext context, final boolean lowLatency) {
        final Properties props = context.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lowLatency ? "0" : "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, lowLatency ? "16384" : "262144");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, lowLatency ? "pwbench-paced-producer" : "pwbench-preload");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every record of {@code load} and waits for every acknowledgement. */
    static Tally produce(final BenchContext context, final SyntheticLoad load) {
        final Tally tally = new Tally();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(context, false)) {
            load.forEach(item -> {
                if (failure.get() != null) {
                    throw new IllegalStateException("producing the load failed", failure.get());
                }
                producer.send(new ProducerRecord<>(item.topic(), null, item.timestamp(), item.key(), item.value()),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else if (item.type() == Type.BAD) {
                                tally.badRecords.add(new BadRecord(metadata.topic(), metadata.partition(),
                                        metadata.offset(), item.reason()));
                            }
                        });
                tally.add(item);
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing the load failed", failure.get());
        }
        tally.nanos = System.nanoTime() - start;
        return tally;
    }
}
