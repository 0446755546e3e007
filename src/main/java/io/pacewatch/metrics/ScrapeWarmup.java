package io.pacewatch.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final List<MultiCollector> collectors;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        final Thread t = new Thread(task, "pacewatch-scrape-warmup");
        t.setDaemon(true);
        return t;
    });
    /** A warm-up is queued and has not started: a second request before it starts adds nothing. */
    private final AtomicBoolean queued = new AtomicBoolean();

    public ScrapeWarmup(final List<MultiCollector> collectors) {
        this.collectors = List.copyOf(collectors);
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
                LOG.info("Scrape snapshots made from the local stores in {} ms",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            } catch (final RuntimeException e) {
                // A rebalance moved the stores away meanwhile; the next RUNNING asks again, a scrape does it otherwise.
                LOG.info("Scrape snapshots not made ahead of the first scrape: {}", e.toString());
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
