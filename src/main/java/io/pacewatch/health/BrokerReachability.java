package io.pacewatch.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Kafka broker has answered recently. Kafka Streams stays RUNNING through a broker outage (its
 * clients just retry), so its state alone cannot tell an orchestrator that this instance has stopped
 * making progress; this can. A {@link BrokerProbe} runs several times per window on a daemon thread, and
 * the broker counts as unreachable once no probe has succeeded for {@code unreachableAfter}.
 *
 * <p>Time is monotonic ({@code nanoTime}), never the service clock: the demo simulates that one, and a
 * wall-clock step must not make a live broker look silent.
 */
public final class BrokerReachability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerReachability.class);
    private static final int MAX_ERROR_LENGTH = 300;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

    private final BrokerProbe probe;
    private final Duration unreachableAfter;
    private final LongSupplier nanoTime;
    private volatile long lastAnswerNanos;
    private volatile String lastError;
    /** Only the probing thread reads and writes it: it makes the log say each change once. */
    private boolean reportedUnreachable;
    private ScheduledExecutorService scheduler;

    /**
     * Starts out reachable: the service has just talked to the cluster to check its topics, and Kafka
     * Streams is not RUNNING yet anyway, so readiness does not depend on the first probe's timing.
     */
    BrokerReachability(final BrokerProbe probe, final Duration unreachableAfter, final LongSupplier nanoTime) {
        if (unreachableAfter == null || unreachableAfter.isNegative() || unreachableAfter.isZero()) {
            throw new IllegalArgumentException("unreachableAfter must be positive: " + unreachableAfter);
        }
        this.probe = probe;
        this.unreachableAfter = unreachableAfter;
        this.nanoTime = nanoTime;
        this.lastAnswerNanos = nanoTime.getAsLong();
    }

    /** Probes now and then every {@link #interval} until closed; the probe itself stays the caller's to close. */
    public static BrokerReachability start(final BrokerProbe probe, final Duration unreachableAfter) {
        final BrokerReachability reachability = new BrokerReachability(probe, unreachableAfter, System::nanoTime);
        reachability.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "pacewatch-broker-probe");
            thread.setDaemon(true);
            return thread;
        });
        // Fixed delay, not rate: against a silent broker each probe takes its whole timeout, and probes
        // must not pile up behind it.
        reachability.scheduler.scheduleWithFixedDelay(reachability::probeOnce, 0,
                interval(unreachableAfter).toMillis(), TimeUnit.MILLISECONDS);
        return reachability;
    }

    /** Five probes per window, so one slow or lost answer never makes a live broker look unreachable. */
    static Duration interval(final Duration unreachableAfter) {
        final Duration fifth = unreachableAfter.dividedBy(5);
        return fifth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : fifth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : fifth;
    }

    /** One probe, bounded by the window: an answer slower than that is no better than none. */
    void probeOnce() {
        try {
            probe.check(unreachableAfter);
            final long now = nanoTime.getAsLong();
            if (reportedUnreachable) {
                LOG.info("a Kafka broker answers again, after {} without an answer", show(now - lastAnswerNanos));
                reportedUnreachable = false;
            }
            lastAnswerNanos = now;
            lastError = null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            lastError = describe(e);
            final Optional<String> problem = problem();
            if (problem.isPresent() && !reportedUnreachable) {
                LOG.warn("{}; /health/ready answers 503 until a broker answers again", problem.get());
                reportedUnreachable = true;
            }
        }
    }

    /** Empty while a broker answered within the window; otherwise what an operator should read. */
    public Optional<String> problem() {
        final long silentNanos = nanoTime.getAsLong() - lastAnswerNanos;
        if (silentNanos <= unreachableAfter.toNanos()) {
            return Optional.empty();
        }
        final String error = lastError;
        return Optional.of("broker unreachable for " + show(silentNanos) + (error == null ? "" : " (" + error + ")"));
    }

    public boolean reachable() {
        return problem().isEmpty();
    }

    /** Whole seconds, as operators read them; milliseconds only for sub-second windows (tests). */
    private static String show(final long nanos) {
        return nanos < TimeUnit.SECONDS.toNanos(1) ? TimeUnit.NANOSECONDS.toMillis(nanos) + " ms"
                : TimeUnit.NANOSECONDS.toSeconds(nanos) + " s";
    }

    private static String describe(final Exception e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        final String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }

    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the broker probe did not stop within 5 s");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
