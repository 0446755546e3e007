package io.pacewatch.health;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster to describe itself ({@code DescribeCluster}): a small metadata request that any broker
 * answers from its cache, the same call Kafka's own tools use to see whether a cluster is up. It proves a
 * broker answered a request (an open TCP connection does not), reaches the cluster as pacewatch's own
 * clients do (the same bootstrap servers, TLS and SASL settings), and does not care which broker answers,
 * so a rolling restart of one broker of several is no outage.
 *
 * <p>Why not the Streams clients' metrics, watched through a 15 s outage (BrokerOutageIT): the restore
 * consumer's {@code connection-count} stayed at 2 throughout, sockets to a stopped broker that nobody had
 * used yet; the stream thread's {@code last-poll-seconds-ago} grew, but only because the thread was stuck
 * in an exactly-once commit, and it grows as well when one record is slow to process; the coordinator's
 * {@code last-heartbeat-seconds-ago} grew too, but its healthy range depends on
 * {@code heartbeat.interval.ms} and the group protocol, and it stops during rebalances. Each would need
 * its own threshold and would still say something else than "a broker answers".
 */
public final class AdminBrokerProbe implements BrokerProbe, AutoCloseable {

    /** The admin client's own deadline comes first; this only bounds a client that fails to honour it. */
    private static final long GRACE_MS = 1000;

    private final Admin admin;

    private AdminBrokerProbe(final Admin admin) {
        this.admin = admin;
    }

    /** A dedicated admin client, with pacewatch's connection settings ({@code kafka} as for Kafka Streams). */
    public static AdminBrokerProbe create(final Properties kafka) {
        return new AdminBrokerProbe(Admin.create(kafka));
    }

    @Override
    public void check(final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        final int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                .clusterId()
                .get(millis + GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Without waiting: a probe still in flight has nothing worth finishing. */
    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
