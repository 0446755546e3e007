package io.pacewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long BUSY_NANOS = 50_000_000;

    @Test
    @DisplayName("CPU spent in a phase is put down to stream threads, Kafka's threads or other Java threads by thread name")
    void classifiesByThreadName() throws InterruptedException {
        final Map<Long, Long> start = ThreadCpu.snapshot();
        assertThat(start).as("this JVM measures thread CPU").isNotEmpty();

        final Object parked = new Object();
        final Thread stream = busyThenPark("pacewatch-1a2b-StreamThread-1", parked);
        final Thread kafka = busyThenPark("kafka-producer-network-thread | pacewatch-1a2b-StreamThread-1-producer", parked);
        final ThreadCpu spent = ThreadCpu.since(start);
        synchronized (parked) {
            parked.notifyAll();
        }
        stream.join();
        kafka.join();

        assertThat(spent.streamThreadsMillis()).isGreaterThanOrEqualTo(BUSY_NANOS / 1_000_000);
        assertThat(spent.kafkaThreadsMillis()).isGreaterThanOrEqualTo(BUSY_NANOS / 1_000_000);
    }

    /** A thread that spins until it has spent {@link #BUSY_NANOS} of CPU, then waits (alive, so it is counted). */
    private static Thread busyThenPark(final String name, final Object parked) throws InterruptedException {
        final Object ready = new Object();
        final boolean[] busyDone = {false};
        final Thread thread = new Thread(() -> {
            final long begin = THREADS.getCurrentThreadCpuTime();
            long spin = 0;
            while (THREADS.getCurrentThreadCpuTime() - begin < BUSY_NANOS) {
                spin++;
            }
            synchronized (parked) {
                synchronized (ready) {
                    busyDone[0] = spin >= 0;
                    ready.notifyAll();
                }
                try {
                    parked.wait();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, name);
        synchronized (ready) {
            thread.start();
            while (!busyDone[0]) {
                ready.wait();
            }
        }
        return thread;
    }
}
