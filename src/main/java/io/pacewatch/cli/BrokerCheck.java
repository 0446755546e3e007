package io.pacewatch.cli;

import io.pacewatch.health.AdminBrokerProbe;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Before a command starts its Kafka clients: does a broker at the bootstrap servers answer? Kafka's own
 * clients retry an address that never answers for a minute or more, logging a warning at every attempt,
 * and then blame something else ("Topic … not present in metadata"). This asks once, bounded, and says
 * which address did not answer and what to check.
 */
public final class BrokerCheck {

    /** Room for a remote cluster's TLS and SASL handshakes; short enough that a mistake is told promptly. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Logs a warning for every failed connection attempt, several a second: the failure is told once instead. */
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

    private BrokerCheck() {
    }

    /** Returns once a broker has answered; throws {@link Unreachable} if none did within {@link #TIMEOUT}. */
    public static void requireReachable(final Properties kafka) {
        final String servers = kafka.getProperty("bootstrap.servers");
        final Level level = LogManager.getLogger(NETWORK_CLIENT).getLevel();
        Configurator.setLevel(NETWORK_CLIENT, Level.ERROR);
        try (AdminBrokerProbe probe = AdminBrokerProbe.create(kafka)) {
            probe.check(TIMEOUT);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(servers, e);
        } catch (final KafkaException | ExecutionException | java.util.concurrent.TimeoutException e) {
            // KafkaException: the client could not even be created, e.g. no bootstrap address resolves.
            throw new Unreachable(servers, e);
        } finally {
            Configurator.setLevel(NETWORK_CLIENT, level);
        }
    }

    /** No broker answered: the message says where and what to check, the cause keeps the details. */
    public static final class Unreachable extends RuntimeException {

        Unreachable(final String servers, final Exception cause) {
            super("no Kafka broker answered at " + servers + " within " + TIMEOUT.toSeconds() + " s ("
                    + describe(cause) + "). Check the address and port (--bootstrap-servers,"
                    + " PACEWATCH_BOOTSTRAP_SERVERS); that a broker listener on that port is reachable from here and"
                    + " advertises an address this host can reach; and that the TLS/SASL settings (security.protocol,"
                    + " ssl.*, sasl.* in --kafka-config, --kafka-property or PACEWATCH_KAFKA_*) match that listener",
                    cause);
        }

        private static String describe(final Throwable e) {
            Throwable cause = e;
            while (cause instanceof ExecutionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            final Throwable root = cause.getCause() != null && cause instanceof KafkaException ? cause.getCause() : cause;
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
    }
}
