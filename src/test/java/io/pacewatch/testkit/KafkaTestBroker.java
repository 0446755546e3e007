package io.pacewatch.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.pacewatch.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test gets from {@link KafkaBrokerExtension}: the address of a running Kafka broker and
 * a few blocking helpers around it (create topics, produce, consume with a bounded wait).
 *
 * <p>The broker is shared by every test class of the JVM, so tests should not assume an empty
 * cluster: use {@link #uniqueTopicName(String)} for topics and random {@code application.id}s /
 * group ids.
 *
 * <p>The consume helpers read every partition from the beginning without a consumer group
 * (nothing is committed, no rebalance to wait for) and with {@code read_committed}, so the
 * output of a transactional or exactly-once producer is seen as downstream consumers see it.
 * They fail with an {@link AssertionError} describing what did arrive when the wait runs out.
 *
 * <p>Also usable without the extension, e.g. against a Testcontainers broker:
 * {@code try (KafkaTestBroker kafka = KafkaTestBroker.connect(container.getBootstrapServers()))}.
 */
public final class KafkaTestBroker implements AutoCloseable {

    /** A generous bound for CI machines; each helper also has an overload taking a timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicInteger TOPIC_COUNTER = new AtomicInteger();
    private static final int RECORDS_SHOWN_ON_FAILURE = 20;

    private final String bootstrapServers;
    private final String description;
    // Present only when the tests run against the in-process broker, which can be restarted.
    private final EmbeddedKafkaBroker embeddedBroker;
    private final Object adminLock = new Object();
    private SharedAdmin admin;

    KafkaTestBroker(final String bootstrapServers, final String description, final EmbeddedKafkaBroker embeddedBroker) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.description = Objects.requireNonNull(description, "description");
        this.embeddedBroker = embeddedBroker;
    }

    /** A handle on any reachable broker, e.g. a Testcontainers {@code KafkaContainer}. Close it after use. */
    public static KafkaTestBroker connect(final String bootstrapServers) {
        return new KafkaTestBroker(bootstrapServers, "Kafka at " + bootstrapServers, null);
    }

    /** The {@code bootstrap.servers} value for clients under test. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A fresh mutable map holding only {@code bootstrap.servers}, to build client configs from. */
    public Map<String, Object> clientConfig() {
        final Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /**
     * An {@link Admin} client shared by the tests of this handle. Closing it does nothing: a test that
     * closes it (a try-with-resources is easily written) would otherwise break every later test.
     */
    public Admin admin() {
        synchronized (adminLock) {
            if (admin == null) {
                admin = new SharedAdmin(clientConfig());
            }
            return admin;
        }
    }

    /** The shared admin client: only {@link KafkaTestBroker#close()} closes it. */
    private static final class SharedAdmin extends ForwardingAdmin {

        SharedAdmin(final Map<String, Object> config) {
            super(config);
        }

        @Override
        public void close(final Duration timeout) {
            // shared: see KafkaTestBroker#admin()
        }

        void closeShared(final Duration timeout) {
            super.close(timeout);
        }
    }

    /**
     * A topic name no other test of this JVM uses, e.g. {@code releases-7-3f9a2c1d}, because the
     * broker and its topics outlive each test class.
     */
    public String uniqueTopicName(final String prefix) {
        return prefix + "-" + TOPIC_COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a topic with the given partition count, replication factor 1, delete cleanup. */
    public void createTopic(final String name, final int partitions) {
        createTopic(name, partitions, false);
    }

    /** Creates a topic, log-compacted if {@code compacted}, and waits until it exists. */
    public void createTopic(final String name, final int partitions, final boolean compacted) {
        final NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        createTopics(List.of(topic));
    }

    /**
     * Creates all given topics and waits until the broker serves them: every partition has a
     * leader, so producing, consuming or describing them right away works.
     */
    public void createTopics(final Collection<NewTopic> topics) {
        final List<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toList());
        await(admin().createTopics(topics).all(), DEFAULT_TIMEOUT, "creating topics " + names);
        awaitTopicsServed(names, DEFAULT_TIMEOUT);
    }

    /** Produces one string record and waits until the broker acknowledged it. */
    public void produce(final String topic, final String key, final String value) {
        produceStrings(topic, List.of(KeyValue.pair(key, value)));
    }

    /** Produces string records in order and waits until the broker acknowledged all of them. */
    public void produceStrings(final String topic, final List<KeyValue<String, String>> records) {
        produce(topic, new StringSerializer(), new StringSerializer(), records);
    }

    /**
     * Produces records in order with an idempotent {@code acks=all} producer and waits until the
     * broker acknowledged all of them, so a test can rely on them being readable afterwards.
     */
    public <K, V> void produce(final String topic, final Serializer<K> keySerializer, final Serializer<V> valueSerializer,
                               final List<KeyValue<K, V>> records) {
        final Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Fail within the helper's bound rather than Kafka's two-minute default; Kafka requires
        // delivery.timeout.ms >= linger.ms + request.timeout.ms, hence the shorter request timeout.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_TIMEOUT.toMillis());
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keySerializer, valueSerializer)) {
            final List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (final KeyValue<K, V> record : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, record.key, record.value)));
            }
            producer.flush();
            for (final Future<RecordMetadata> ack : acks) {
                await(ack, DEFAULT_TIMEOUT, "producing to " + topic);
            }
        }
    }

    /** Reads string records from the beginning of {@code topic} until at least {@code count} arrived. */
    public List<ConsumerRecord<String, String>> consumeStrings(final String topic, final int count) {
        return consume(topic, new StringDeserializer(), new StringDeserializer(), count, DEFAULT_TIMEOUT);
    }

    /** Reads string records from the beginning of {@code topic} until at least {@code count} arrived. */
    public List<ConsumerRecord<String, String>> consumeStrings(final String topic, final int count, final Duration timeout) {
        return consume(topic, new StringDeserializer(), new StringDeserializer(), count, timeout);
    }

    /**
     * Reads committed records from the beginning of every partition of {@code topic} until at
     * least {@code count} arrived, and returns all that were read (possibly more than
     * {@code count} if they came in the same poll).
     *
     * @throws AssertionError if fewer than {@code count} arrive within {@code timeout}
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(final String topic, final Deserializer<K> keyDeserializer,
                                                     final Deserializer<V> valueDeserializer, final int count,
                                                     final Duration timeout) {
        return consumeUntil(topic, keyDeserializer, valueDeserializer, records -> records.size() >= count, timeout,
                "at least " + count + " records");
    }

    /**
     * Reads committed records from the beginning of every partition of {@code topic} until
     * {@code done} holds for everything read so far, and returns that.
     *
     * @throws AssertionError if {@code done} does not hold within {@code timeout}
     */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(final String topic, final Deserializer<K> keyDeserializer,
                                                          final Deserializer<V> valueDeserializer,
                                                          final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                          final Duration timeout) {
        return consumeUntil(topic, keyDeserializer, valueDeserializer, done, timeout, "the expected records");
    }

    /** Stops the broker (keeping ports and data) to test behaviour during an outage; needs the embedded broker. */
    public void stopBroker() {
        requireEmbedded("stopping the broker").stop();
    }

    /** Brings the broker back on the same address after {@link #stopBroker()}; needs the embedded broker. */
    public void restartBroker() {
        requireEmbedded("restarting the broker").restart();
    }

    /** Closes the shared admin client; the broker itself belongs to whoever started it. */
    @Override
    public void close() {
        synchronized (adminLock) {
            if (admin != null) {
                admin.closeShared(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private <K, V> List<ConsumerRecord<K, V>> consumeUntil(final String topic, final Deserializer<K> keyDeserializer,
                                                           final Deserializer<V> valueDeserializer,
                                                           final Predicate<? super List<ConsumerRecord<K, V>>> done,
                                                           final Duration timeout, final String expectation) {
        final Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keyDeserializer, valueDeserializer)) {
            final List<TopicPartition> partitions = awaitPartitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // In this thread: the consumer belongs to it. Each poll waits up to 200 ms for records.
            Awaitility.await(expectation + " from " + topic).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).pollInSameThread()
                    .until(() -> {
                        if (!done.test(received)) {
                            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        }
                        return done.test(received);
                    });
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError("Expected " + expectation + " from topic " + topic + " within " + timeout
                    + " but got " + received.size() + ": " + describe(received), e);
        }
        return received;
    }

    /**
     * CreateTopics answers once the controller committed the topics; the broker's metadata
     * cache catches up a moment later, and until then requests for them fail with
     * UnknownTopicOrPartition.
     */
    private void awaitTopicsServed(final List<String> names, final Duration timeout) {
        try {
            Awaitility.await("topics " + names + " served").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        try {
                            return admin().describeTopics(names).allTopicNames().get(timeout.toMillis(),
                                            TimeUnit.MILLISECONDS).values().stream()
                                    .flatMap(description -> description.partitions().stream())
                                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                        } catch (final ExecutionException e) {
                            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                                return false;
                            }
                            throw new IllegalStateException("describing topics " + names + " failed: " + e.getCause(),
                                    e.getCause());
                        } catch (final TimeoutException e) {
                            return false;
                        }
                    });
        } catch (final ConditionTimeoutException e) {
            throw new IllegalStateException("Topics " + names + " were created but not served within " + timeout, e);
        }
    }

    /** Right after creation the topic may not have reached the broker's metadata cache yet. */
    private static List<TopicPartition> awaitPartitions(final KafkaConsumer<?, ?> consumer, final String topic,
                                                        final Duration timeout) {
        try {
            return Awaitility.await("partitions of " + topic).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).pollInSameThread()
                    .until(() -> consumer.partitionsFor(topic, timeout), infos -> infos != null && !infos.isEmpty())
                    .stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toList());
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError("Topic " + topic + " does not exist (auto-creation is off: create it first)", e);
        }
    }

    private static String describe(final List<? extends ConsumerRecord<?, ?>> records) {
        final String shown = records.stream()
                .limit(RECORDS_SHOWN_ON_FAILURE)
                .map(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value())
                .collect(Collectors.joining(", ", "[", ""));
        return shown + (records.size() > RECORDS_SHOWN_ON_FAILURE ? ", ...]" : "]");
    }

    private EmbeddedKafkaBroker requireEmbedded(final String what) {
        if (embeddedBroker == null) {
            // Skip rather than fail: the test is fine, this broker just cannot do it.
            return Assumptions.abort(what + " needs the in-process broker (" + KafkaBrokerExtension.BROKER_SELECTOR
                    + "=embedded), but the tests run against " + description);
        }
        return embeddedBroker;
    }

    private static <T> T await(final Future<T> future, final Duration timeout, final String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + timeout, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        }
    }
}
