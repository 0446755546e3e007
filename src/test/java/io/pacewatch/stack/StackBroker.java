package io.pacewatch.stack;

import io.pacewatch.broker.EmbeddedKafkaBroker;
import java.util.concurrent.CountDownLatch;

/**
 * The stack test's Kafka broker, in a JVM of its own as the compose file's {@code kafka} service is a
 * process of its own: a single KRaft node ({@link EmbeddedKafkaBroker}) on a free loopback port. It
 * prints {@value #READY} and the bootstrap address once clients can use it, and runs until stopped;
 * SIGTERM closes it and deletes its files.
 */
public final class StackBroker {

    /** The line prefix the test waits for; the bootstrap address follows it. */
    static final String READY = "STACK BROKER READY ";

    private StackBroker() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "stack-broker-shutdown"));
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
