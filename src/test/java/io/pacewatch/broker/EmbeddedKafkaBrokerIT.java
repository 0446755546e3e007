package io.pacewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.pacewatch.broker.EmbeddedKafkaBroker.EmbeddedKafkaException;
import io.pacewatch.testkit.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process broker behaves like a real single-node cluster: transactions, read_committed,
 * an exactly_once_v2 Streams app, restart on the same address, and clear start failures.
 * One broker serves the whole class so that each test pays only for what it checks.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;
    private static KafkaTestBroker kafka;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        kafka = KafkaTestBroker.connect(broker.bootstrapServers());
    }

    @AfterAll
    static void closeBroker() {
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void transactionalProducerWritesWhatReadCommittedConsumerReads() throws Exception {
        final String topic = kafka.uniqueTopicName("tx");
        kafka.createTopic(topic, 1);

        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "cpi", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "cpi", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "cpi", "aborted"));
            producer.flush();
            producer.abortTransaction();

            // A committed record after the aborted one tells the reader it has seen everything.
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "cpi", "last"));
            producer.commitTransaction();
        }

        final List<ConsumerRecord<String, String>> records = kafka.consumeUntil(topic,
                new StringDeserializer(), new StringDeserializer(),
                read -> read.stream().anyMatch(r -> "last".equals(r.value())), WAIT);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "last");
    }

    @Test
    void exactlyOnceStreamsAppReachesRunningAndProcessesRecords(@TempDir final Path stateDir) throws Exception {
        final String input = kafka.uniqueTopicName("streams-in");
        final String output = kafka.uniqueTopicName("streams-out");
        kafka.createTopic(input, 2);
        kafka.createTopic(output, 2);

        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));

        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-smoke-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);

        final CompletableFuture<KafkaStreams.State> settled = new CompletableFuture<>();
        final KafkaStreams streams = new KafkaStreams(builder.build(), props);
        try {
            streams.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.RUNNING || newState == KafkaStreams.State.ERROR
                        || newState == KafkaStreams.State.PENDING_ERROR) {
                    settled.complete(newState);
                }
            });
            streams.start();
            assertThat(settled.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(KafkaStreams.State.RUNNING);

            kafka.produce(input, "cpi", "behind pace");

            final List<ConsumerRecord<String, String>> out = kafka.consumeStrings(output, 1, WAIT);
            assertThat(out).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("cpi");
                assertThat(record.value()).isEqualTo("BEHIND PACE");
            });
        } finally {
            // close() without a timeout may wait forever; the test must stay bounded.
            streams.close(WAIT);
        }
    }

    @Test
    void restartKeepsAddressAndData() {
        final String topic = kafka.uniqueTopicName("restart");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, "gdp", "before-restart");
        final String address = broker.bootstrapServers();

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        // The shared admin client and new clients reconnect to the same address by themselves.
        kafka.produce(topic, "gdp", "after-restart");
        assertThat(kafka.consumeStrings(topic, 2, WAIT)).extracting(ConsumerRecord::value)
                .containsExactly("before-restart", "after-restart");
    }

    @Test
    void takenPortFailsFastWithClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            final int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(port))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void startsOnRequestedPort() throws IOException {
        final int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = probe.getLocalPort();
        }
        try (EmbeddedKafkaBroker fixed = EmbeddedKafkaBroker.start(port);
             KafkaTestBroker client = KafkaTestBroker.connect(fixed.bootstrapServers())) {
            assertThat(fixed.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            final String topic = client.uniqueTopicName("fixed-port");
            client.createTopic(topic, 1);
            client.produce(topic, "k", "v");
            assertThat(client.consumeStrings(topic, 1, WAIT)).singleElement()
                    .extracting(ConsumerRecord::value).isEqualTo("v");
        }
    }
}
