package io.pacewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bench JVM's CPU in one phase by the kind of Java thread that spent it, in milliseconds: Kafka
 * Streams' stream threads (which run the pipeline), Kafka's own client and housekeeping threads (the
 * producers' senders, heartbeats, admin clients, the state updater), and every other Java thread. What
 * the process spent beyond them went to threads outside Java (garbage collection, the JIT compiler) or
 * to Java threads that ended during the phase. A pipeline that costs less per release shows in the
 * first figure even when the process's total does not move.
 */
record ThreadCpu(long streamThreadsMillis, long kafkaThreadsMillis, long otherJavaMillis) {

    static final ThreadCpu UNKNOWN = new ThreadCpu(-1, -1, -1);

    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");
    private static final Pattern KAFKA_THREAD = Pattern.compile("kafka-.*|.*-StateUpdater-\\d+|.*-CleanupThread");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    boolean known() {
        return streamThreadsMillis >= 0;
    }

    long javaMillis() {
        return streamThreadsMillis + kafkaThreadsMillis + otherJavaMillis;
    }

    /** CPU nanoseconds of every live Java thread by id; empty where the JVM does not measure thread CPU. */
    static Map<Long, Long> snapshot() {
        final Map<Long, Long> cpu = new HashMap<>();
        if (THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()) {
            for (final long id : THREADS.getAllThreadIds()) {
                final long nanos = THREADS.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
        }
        return cpu;
    }

    /** What each live thread spent since {@code start} (a thread started since: all of its time), by kind. */
    static ThreadCpu since(final Map<Long, Long> start) {
        if (start.isEmpty()) {
            return UNKNOWN;
        }
        long stream = 0;
        long kafka = 0;
        long other = 0;
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            final long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            final long spent = now - start.getOrDefault(info.getThreadId(), 0L);
            final String name = info.getThreadName();
            if (STREAM_THREAD.matcher(name).matches()) {
                stream += spent;
            } else if (KAFKA_THREAD.matcher(name).matches()) {
                kafka += spent;
            } else {
                other += spent;
            }
        }
        return new ThreadCpu(stream / 1_000_000, kafka / 1_000_000, other / 1_000_000);
    }
}
