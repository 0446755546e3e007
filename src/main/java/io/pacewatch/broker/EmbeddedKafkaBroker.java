package io.pacewatch.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running inside
 * this JVM, built from the same Maven artifacts as a packaged Kafka distribution.
 *
 * <p>It is started the way {@code kafka-storage.sh format --standalone} and
 * {@code kafka-server-start.sh} would do it: write a {@code server.properties}, format the
 * storage with {@link StorageTool}, then run {@link KafkaRaftServer}. Nothing is mocked, so
 * transactions, compaction and Kafka Streams exactly-once behave as on a real cluster, just
 * with replication factor 1.
 *
 * <p>Used by {@code pacewatch demo} and by the integration tests when no Docker engine is
 * around. The broker listens on {@code 127.0.0.1} only (PLAINTEXT, no authentication): it is a
 * development and test broker, not something to expose on a network.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *     String bootstrap = broker.bootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the log directory, so clients
 * configured with {@link #bootstrapServers()} reconnect to the restarted broker and find their
 * data again (useful to test behaviour during a broker outage). {@link #close()} stops the
 * broker for good and deletes its files.
 *
 * <p>Thread-safe: lifecycle methods are serialised on the instance.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** How long {@link #start()} and {@link #restart()} wait for the broker to serve clients. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    // Kafka's defaults (50) exist to spread coordinator load over many brokers; on one node they
    // only make the first consumer group or transaction wait for 50 partitions to be created.
    private static final int COORDINATOR_TOPIC_PARTITIONS = 4;
    // When ports are picked for us, another process may grab one between our probe and Kafka's
    // bind; a couple of fresh attempts make that race practically invisible.
    private static final int MAX_START_ATTEMPTS = 3;

    private final Path workDir;
    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Properties serverProperties;
    private final KafkaConfig config;
    private final Duration readyTimeout;

    // Null while stopped; guarded by "this".
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(final Path workDir, final int brokerPort, final int controllerPort,
                                final Duration readyTimeout, final Map<String, String> overrides) {
        this.workDir = workDir;
        this.logDir = workDir.resolve("kraft-logs");
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.readyTimeout = readyTimeout;
        this.serverProperties = serverProperties(logDir, brokerPort, controllerPort, readyTimeout);
        this.serverProperties.putAll(overrides);
        this.config = new KafkaConfig(serverProperties, false);
    }

    /**
     * Formats a fresh log directory and starts a broker on free ports, returning once clients
     * can use it.
     *
     * @throws EmbeddedKafkaException if the broker fails to start or is not ready within
     *                                {@link #DEFAULT_READY_TIMEOUT}
     */
    public static EmbeddedKafkaBroker start() {
        return start(0);
    }

    /**
     * Like {@link #start()}, but the client (PLAINTEXT) listener binds to {@code brokerPort} on
     * {@code 127.0.0.1}, so that tools outside this JVM can be pointed at a known address.
     *
     * @param brokerPort the client port, or 0 to pick a free one
     * @throws IllegalArgumentException if the port is out of range
     * @throws EmbeddedKafkaException   if the port is taken or the broker fails to start in time
     */
    public static EmbeddedKafkaBroker start(final int brokerPort) {
        return start(brokerPort, DEFAULT_READY_TIMEOUT);
    }

    /**
     * Like {@link #start(int)} with an explicit bound on how long to wait for readiness.
     */
    public static EmbeddedKafkaBroker start(final int brokerPort, final Duration readyTimeout) {
        return start(brokerPort, readyTimeout, Map.of());
    }

    /**
     * Like {@link #start(int, Duration)} with broker settings added to (or replacing) this class's
     * own, e.g. a short {@code log.retention.check.interval.ms} for a test of time-based retention.
     */
    public static EmbeddedKafkaBroker start(final int brokerPort, final Duration readyTimeout,
                                            final Map<String, String> overrides) {
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new IllegalArgumentException("broker port must be 0 (pick a free one) or 1-65535: " + brokerPort);
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("ready timeout must be positive: " + readyTimeout);
        }
        final boolean portsArePicked = brokerPort == 0;
        if (!portsArePicked) {
            // Kafka would find out too, but only after starting its controller, and would log
            // pages of stack traces; `demo --kafka-port` deserves a one-line answer.
            ensurePortFree(brokerPort);
        }
        final int attempts = portsArePicked ? MAX_START_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            final int clientPort = portsArePicked ? freePort() : brokerPort;
            final int ctlPort = freePortOtherThan(clientPort);
            try {
                return startOnce(clientPort, ctlPort, readyTimeout, overrides);
            } catch (final EmbeddedKafkaException e) {
                if (!causedByBindFailure(e) || attempt >= attempts) {
                    throw e;
                }
                LOG.warn("Port {} or {} was taken before Kafka could bind it; retrying on other ports",
                        clientPort, ctlPort);
            }
        }
    }

    private static EmbeddedKafkaBroker startOnce(final int brokerPort, final int controllerPort,
                                                 final Duration readyTimeout, final Map<String, String> overrides) {
        final Path workDir;
        try {
            workDir = Files.createTempDirectory("pacewatch-kafka-");
        } catch (final IOException e) {
            throw new EmbeddedKafkaException("Cannot create a temporary directory for the Kafka broker", e);
        }
        final long startNanos = System.nanoTime();
        try {
            final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(workDir, brokerPort, controllerPort, readyTimeout, overrides);
            broker.formatStorage();
            synchronized (broker) {
                broker.startServer(startNanos);
            }
            LOG.info("Kafka broker ready at {} in {} ms (log dir {})", broker.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), broker.logDir);
            return broker;
        } catch (final RuntimeException e) {
            deleteRecursively(workDir);
            throw e instanceof EmbeddedKafkaException ke
                    ? ke
                    : new EmbeddedKafkaException("Kafka broker failed to start on " + HOST + ":" + brokerPort, e);
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** The port of the client (PLAINTEXT) listener; stays the same across {@link #restart()}. */
    public int brokerPort() {
        return brokerPort;
    }

    /** Whether the broker is currently running (started and not stopped or closed). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Shuts the broker down and waits for it, keeping its ports and data so that
     * {@link #restart()} can bring it back. Does nothing if it is already stopped.
     */
    public synchronized void stop() {
        ensureNotClosed();
        stopServer();
    }

    /**
     * Starts the broker again on the same ports and log directory, stopping it first if it is
     * running; returns once clients can use it. Topics, committed offsets and transactions
     * survive, as they would across a real broker restart.
     *
     * @throws EmbeddedKafkaException if it does not come back within the ready timeout
     */
    public synchronized void restart() {
        ensureNotClosed();
        stopServer();
        final long startNanos = System.nanoTime();
        startServer(startNanos);
        LOG.info("Kafka broker restarted at {} in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Stops the broker and deletes its files. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            deleteRecursively(workDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", controller port " + controllerPort + "]";
    }

    private void formatStorage() {
        final Path propertiesFile = workDir.resolve("server.properties");
        writeProperties(propertiesFile, serverProperties);
        final long startNanos = System.nanoTime();
        final String clusterId = Uuid.randomUuid().toString();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // execute() rather than main(): main() calls System.exit.
            exitCode = StorageTool.execute(new String[] {
                "format", "-t", clusterId, "-c", propertiesFile.toString(), "--standalone"}, out);
        } catch (final RuntimeException e) {
            throw new EmbeddedKafkaException("Formatting Kafka storage in " + logDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8).strip(), e);
        }
        if (exitCode != 0) {
            throw new EmbeddedKafkaException("Formatting Kafka storage in " + logDir + " failed with exit code "
                    + exitCode + ": " + output.toString(StandardCharsets.UTF_8).strip());
        }
        LOG.debug("Formatted Kafka storage in {} (cluster id {}) in {} ms", logDir, clusterId,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    // Caller holds the lock. The ready timeout counts from startNanos.
    private void startServer(final long startNanos) {
        final KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Blocks until the broker is registered and unfenced, bounded by server.max.startup.time.ms.
            candidate.startup();
            awaitClientsServed(startNanos);
        } catch (final RuntimeException e) {
            shutDownQuietly(candidate);
            throw e instanceof EmbeddedKafkaException ke
                    ? ke
                    : new EmbeddedKafkaException("Kafka broker failed to start on " + bootstrapServers(), e);
        }
        server = candidate;
    }

    // Caller holds the lock.
    private void stopServer() {
        final KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        running.shutdown();
        running.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    /**
     * {@code startup()} returning means the broker thinks it is serving; asking it for the
     * cluster through the client listener proves that a real client gets an answer too.
     */
    private void awaitClientsServed(final long startNanos) {
        final long remainingMs = readyTimeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (remainingMs <= 0) {
            throw new EmbeddedKafkaException("Kafka broker at " + bootstrapServers()
                    + " did not become ready within " + readyTimeout);
        }
        final int timeoutMs = (int) Math.min(Integer.MAX_VALUE, remainingMs);
        final Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        try (Admin admin = Admin.create(adminConfig)) {
            final int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes()
                    .get(remainingMs, TimeUnit.MILLISECONDS)
                    .size();
            if (nodes != 1) {
                throw new EmbeddedKafkaException("Kafka broker at " + bootstrapServers()
                        + " reports " + nodes + " nodes instead of 1");
            }
        } catch (final TimeoutException e) {
            throw new EmbeddedKafkaException("Kafka broker at " + bootstrapServers()
                    + " did not answer describeCluster within " + readyTimeout, e);
        } catch (final ExecutionException e) {
            throw new EmbeddedKafkaException("Kafka broker at " + bootstrapServers()
                    + " did not answer describeCluster within " + readyTimeout, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the Kafka broker at "
                    + bootstrapServers(), e);
        }
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static Properties serverProperties(final Path logDir, final int brokerPort, final int controllerPort,
                                               final Duration readyTimeout) {
        final Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        // A dynamic (KIP-853) quorum bootstrapped with "format --standalone", as Kafka 4 docs do it.
        props.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());

        // One node: every internal topic must accept replication factor and min ISR 1, or
        // consumer groups, transactions (hence exactly_once_v2) and share groups never start.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", Integer.toString(COORDINATOR_TOPIC_PARTITIONS));
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", Integer.toString(COORDINATOR_TOPIC_PARTITIONS));
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.num.partitions", Integer.toString(COORDINATOR_TOPIC_PARTITIONS));
        // Kafka Streams creates its changelog and repartition topics with the broker default.
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("num.partitions", "1");

        // Nobody else will join: the 3 s wait for more group members only slows every first poll.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose; a typo in a topic name must fail, not create a topic.
        props.setProperty("auto.create.topics.enable", "false");
        // The log cleaner allocates its dedupe buffer eagerly (128 MiB by default); a dev broker
        // sharing a JVM with the application or the tests does not need that much.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // Bounds startup() itself, so a broker that can never become ready fails instead of hanging.
        props.setProperty("server.max.startup.time.ms", Long.toString(readyTimeout.toMillis()));
        return props;
    }

    private static void writeProperties(final Path file, final Properties props) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Generated by " + EmbeddedKafkaBroker.class.getName());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new EmbeddedKafkaException("Cannot find a free port on " + HOST, e);
        }
    }

    private static int freePortOtherThan(final int taken) {
        final int port = freePort();
        return port != taken ? port : freePortOtherThan(taken);
    }

    private static void ensurePortFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (final IOException e) {
            throw new EmbeddedKafkaException("Cannot start the Kafka broker on " + HOST + ":" + port
                    + ": the port is already in use", e);
        }
    }

    private static boolean causedByBindFailure(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static void shutDownQuietly(final KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (final RuntimeException e) {
            LOG.warn("Error while shutting down a Kafka broker that failed to start", e);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (final IOException e) {
            LOG.warn("Could not delete Kafka broker directory {}", dir, e);
        }
    }

    /** Thrown when the embedded broker cannot be started or does not become ready in time. */
    public static final class EmbeddedKafkaException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public EmbeddedKafkaException(final String message) {
            super(message);
        }

        public EmbeddedKafkaException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
