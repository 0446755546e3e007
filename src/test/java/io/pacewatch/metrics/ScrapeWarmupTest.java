package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScrapeWarmupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    @DisplayName("stores ready: every collector makes its snapshots once, on the warm-up's own thread")
    void makesEverySnapshotOffTheCallersThread() {
        final Counting progress = new Counting();
        final Counting revisions = new Counting();
        try (ScrapeWarmup warmup = new ScrapeWarmup(List.of(progress, revisions), registry)) {
            warmup.storesReady();
            await().atMost(WAIT).until(() -> progress.calls.get() == 1 && revisions.calls.get() == 1);
            assertThat(progress.threads).containsExactly("pacewatch-scrape-warmup");
            assertThat(revisions.threads).containsExactly("pacewatch-scrape-warmup");
            await().atMost(WAIT).until(() -> registry.get("pacewatch.scrape.warmup").timer().count() == 1);
        }
    }

    @Test
    @DisplayName("requests while a warm-up runs add one more, not one each")
    void requestsDuringAWarmupCoalesce() throws InterruptedException {
        final CountDownLatch release = new CountDownLatch(1);
        final Counting blocking = new Counting() {
            @Override
            public MetricSnapshots collect() {
                final MetricSnapshots made = super.collect();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return made;
            }
        };
        try (ScrapeWarmup warmup = new ScrapeWarmup(List.of(blocking), registry)) {
            warmup.storesReady();
            await().atMost(WAIT).until(() -> blocking.calls.get() == 1);
            warmup.storesReady();
            warmup.storesReady();
            warmup.storesReady();
            release.countDown();
            await().atMost(WAIT).until(() -> blocking.calls.get() == 2);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> blocking.calls.get() == 2);
        }
    }

    @Test
    @DisplayName("a warm-up that fails leaves the next one to run")
    void aFailedWarmupDoesNotStopTheNext() {
        final AtomicInteger attempts = new AtomicInteger();
        final MultiCollector movedAway = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("a collector failed");
            }
            return MetricSnapshots.of();
        };
        try (ScrapeWarmup warmup = new ScrapeWarmup(List.of(movedAway), registry)) {
            warmup.storesReady();
            await().atMost(WAIT).until(() -> attempts.get() == 1);
            warmup.storesReady();
            await().atMost(WAIT).until(() -> attempts.get() == 2);
            // Only the warm-up that made its snapshots is timed.
            await().atMost(WAIT).until(() -> registry.get("pacewatch.scrape.warmup").timer().count() == 1);
        }
    }

    private static class Counting implements MultiCollector {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public MetricSnapshots collect() {
            threads.add(Thread.currentThread().getName());
            calls.incrementAndGet();
            return MetricSnapshots.of();
        }
    }
}
