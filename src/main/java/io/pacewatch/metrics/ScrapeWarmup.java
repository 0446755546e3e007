package io.pacewatch.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the scrape-time snapshots of the store-backed collectors as soon as the instance holds its
 * stores (Kafka Streams RUNNING: after a start, a restore or a rebalance), on a thread of its own. Left
 * to the first scrape, that work (decoding every local series) fell on a request Prometheus times out
 * after 10 s by default, and at national size it takes about that long (docs/benchmarks.md). The
 * collectors keep what they made and build under one lock, so a scrape that arrives meanwhile waits
 * for this work instead of doing it again, and one that arrives after it only reads what changed since.
 */
public final class ScrapeWarmup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeWarmup.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final List<MultiCollector> collectors;
    /** How long each warm-up took: the first scrape after a start would have taken as long itself. */
    private final Timer made;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        final Thread t = new Thread(task, "pacewatch-scrape-warmup");
        t.setDaemon(true);
        return t;
    });
    /** A warm-up is queued and has not started: a second request before it starts adds nothing. */
    private final AtomicBoolean queued = new AtomicBoolean();

    public ScrapeWarmup(final List<MultiCollector> collectors, final MeterRegistry registry) {
        this.collectors = List.copyOf(collectors);
        this.made = Timer.builder("pacewatch.scrape.warmup")
                .description("Making the scrape snapshots from the local stores when Kafka Streams reached RUNNING")
                .register(registry);
    }

    /** The stores were (re)assigned and are ready: make the snapshots from them now. */
    public void storesReady() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            queued.set(false);
            final long started = System.nanoTime();
            try {
                collectors.forEach(MultiCollector::collect);
                final Duration took = Duration.ofNanos(System.nanoTime() - started);
                made.record(took);
                LOG.info("Scrape snapshots made from the local stores in {} ms", took.toMillis());
            } catch (final RuntimeException e) {
                // Stores that moved away read as empty (ActiveStores), so this is unexpected; the first scrape
                // does the work instead, and would fail the same way, so say so loudly.
                LOG.warn("Scrape snapshots not made ahead of the first scrape", e);
            }
        });
    }

    /** Before the stores close: a warm-up under way is given a few seconds to finish, then left to the JVM (its thread is a daemon). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                thread.shutdownNow();
                LOG.info("Scrape warm-up still running after {} s at close; left to stop with the stores", CLOSE_WAIT.toSeconds());
            }
        } catch (final InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
