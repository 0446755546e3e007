package io.pacewatch.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The broker check on a hand-moved clock and a scripted probe: no broker, no sleeping. */
class BrokerReachabilityTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Exception NO_NODE = new ExecutionException(
            new TimeoutException("Timed out waiting for a node assignment. Call: describeCluster"));

    /** Monotonic nanoseconds that only move when the test says so; starts far from zero on purpose. */
    private final AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
    /** What the next probe does: null answers, anything else is thrown. */
    private volatile Exception next;
    private final List<Duration> timeoutsAsked = new ArrayList<>();
    private final BrokerReachability broker = new BrokerReachability(timeout -> {
        timeoutsAsked.add(timeout);
        if (next != null) {
            throw next;
        }
    }, WINDOW, nanos::get);

    private void advance(final Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    @DisplayName("reachable from the start: the service has just talked to the cluster")
    void reachableBeforeTheFirstProbe() {
        assertThat(broker.reachable()).isTrue();
        assertThat(broker.problem()).isEmpty();
    }

    @Test
    @DisplayName("a broker that keeps answering stays reachable however long it runs")
    void answeringBrokerStaysReachable() {
        for (int i = 0; i < 100; i++) {
            advance(Duration.ofSeconds(1));
            broker.probeOnce();
            assertThat(broker.problem()).isEmpty();
        }
    }

    @Test
    @DisplayName("unreachable only once no answer came for longer than the window, with how long and why")
    void unreachableAfterTheWindowWithReason() {
        broker.probeOnce();
        next = NO_NODE;
        advance(Duration.ofSeconds(2));
        broker.probeOnce();
        assertThat(broker.reachable()).as("one failed probe inside the window").isTrue();
        advance(Duration.ofSeconds(3));
        broker.probeOnce();
        assertThat(broker.reachable()).as("exactly the window").isTrue();
        advance(Duration.ofMillis(1));
        assertThat(broker.reachable()).isFalse();
        advance(Duration.ofMillis(1999));
        assertThat(broker.problem()).contains("broker unreachable for 7 s "
                + "(TimeoutException: Timed out waiting for a node assignment. Call: describeCluster)");
    }

    @Test
    @DisplayName("one answer makes it reachable again at once")
    void reachableAgainOnTheFirstAnswer() {
        next = NO_NODE;
        advance(Duration.ofSeconds(15));
        broker.probeOnce();
        assertThat(broker.problem()).get().asString().startsWith("broker unreachable for 15 s");
        next = null;
        broker.probeOnce();
        assertThat(broker.problem()).isEmpty();
        advance(WINDOW);
        assertThat(broker.reachable()).isTrue();
    }

    @Test
    @DisplayName("no answer for too long is unreachable even before any probe fails (a probe hangs)")
    void silenceWithoutErrorIsUnreachable() {
        broker.probeOnce();
        advance(Duration.ofSeconds(6));
        assertThat(broker.problem()).contains("broker unreachable for 6 s");
    }

    @Test
    @DisplayName("the probe may take at most the window: a slower answer is no better than none")
    void probeIsBoundedByTheWindow() {
        broker.probeOnce();
        assertThat(timeoutsAsked).containsExactly(WINDOW);
    }

    @Test
    @DisplayName("any failure of the probe counts, and a long message is cut")
    void anyFailureCountsAndLongMessagesAreCut() {
        next = new IllegalStateException("x".repeat(1000));
        advance(Duration.ofSeconds(6));
        broker.probeOnce();
        final String problem = broker.problem().orElseThrow();
        assertThat(problem).startsWith("broker unreachable for 6 s (IllegalStateException: xxx").endsWith("…)");
        assertThat(problem.length()).isLessThan(400);
    }

    @Test
    @DisplayName("five probes per window, between 100 ms and 2 s apart")
    void probeInterval() {
        assertThat(BrokerReachability.interval(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(BrokerReachability.interval(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(100));
        assertThat(BrokerReachability.interval(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonPositiveWindowIsRefused() {
        assertThatThrownBy(() -> new BrokerReachability(t -> { }, Duration.ZERO, nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BrokerReachability(t -> { }, Duration.ofSeconds(-1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("started for real: the scheduled probe notices a silent broker and its return, and stops on close")
    void scheduledProbing() throws Exception {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicLong probes = new AtomicLong();
        final BrokerProbe probe = timeout -> {
            probes.incrementAndGet();
            if (!up.get()) {
                throw new TimeoutException("no broker");
            }
        };
        try (BrokerReachability live = BrokerReachability.start(probe, Duration.ofMillis(300))) {
            awaitTrue(() -> probes.get() >= 2);
            assertThat(live.reachable()).isTrue();
            up.set(false);
            awaitTrue(() -> !live.reachable());
            assertThat(live.problem()).get().asString().contains("(TimeoutException: no broker)");
            up.set(true);
            awaitTrue(live::reachable);
        }
        // The probe would run every 100 ms if close() left it scheduled: none may come for a few intervals.
        final long afterClose = probes.get();
        await("no probe after close").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(probes::get, count -> count == afterClose);
    }

    private static void awaitTrue(final Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(condition);
    }
}
