package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who still has to receive what, and what to send next; no Kafka in here, so that every rule can
 * be tested with a clock and a fake receiver.
 *
 * <p>Alerts read from the topic are buffered per partition in offset order with the routes that
 * still have to receive them (those whose filter matches and that the delivered set does not
 * already list). Each call of {@link #deliverDue()} makes at most one attempt per route, all routes
 * at once, and waits for them:
 * <ul>
 *   <li>a route receives its alerts one at a time, in offset order within a partition and by record
 *       time across partitions, so a series' alerts never overtake each other on one receiver;</li>
 *   <li>a route that fails waits (exponential backoff, or the receiver's {@code Retry-After}) and
 *       then retries the same alert; nothing is ever skipped. Other routes carry on meanwhile;</li>
 *   <li>an alert of low severity (up to the route's {@code digestUpTo}) raised during the route's
 *       quiet hours is held; when the quiet hours end (or at once, if they are over when it is
 *       read), everything held goes out as one digest message (more if it does not fit in one). A
 *       failed digest is retried with the same alerts and the same idempotency key. Held alerts are
 *       not committed, so a restart reads them again and holds them again.</li>
 * </ul>
 * An alert leaves the buffer when every route it is for has it; {@link #firstPending} is then the
 * offset the consumer may commit up to.
 */
final class DeliveryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final Comparator<Pending> ARRIVAL = Comparator.<Pending>comparingLong(p -> p.in.timestamp())
            .thenComparing(p -> p.in.topic())
            .thenComparingInt(p -> p.in.partition())
            .thenComparingLong(p -> p.in.offset());

    private final List<RouteState> routes;
    private final DeliveredSet delivered;
    private final AlertFormatter formatter;
    private final Transport transport;
    private final Backoff backoff;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Map<TopicPartition, TreeMap<Long, Pending>> buffers = new HashMap<>();

    DeliveryEngine(final List<Route> routes, final DeliveredSet delivered, final Transport transport,
                   final Backoff backoff, final Clock clock, final DoubleSupplier random) {
        this(routes, delivered, transport, backoff, clock, random, ReaderView.DEFAULT);
    }

    DeliveryEngine(final List<Route> routes, final DeliveredSet delivered, final Transport transport,
                   final Backoff backoff, final Clock clock, final DoubleSupplier random, final ReaderView reader) {
        this.routes = routes.stream().map(RouteState::new).toList();
        this.delivered = delivered;
        this.formatter = new AlertFormatter(clock, reader);
        this.transport = transport;
        this.backoff = backoff;
        this.clock = clock;
        this.random = random;
    }

    /** An alert still owed to some routes. */
    private static final class Pending {
        final Inbound in;
        final TopicPartition partition;
        /** Route name → its progress on this alert; removed once delivered. */
        final Map<String, Slot> slots = new LinkedHashMap<>();

        Pending(final Inbound in) {
            this.in = in;
            this.partition = new TopicPartition(in.topic(), in.partition());
        }
    }

    private static final class Slot {
        final boolean held;
        int attempts;

        Slot(final boolean held) {
            this.held = held;
        }
    }

    private static final class RouteState {
        final Route route;
        int failures;
        Instant notBefore = Instant.MIN;
        /** The alerts of a digest that failed: retried as they were, so its idempotency key stays the same. */
        List<Pending> digestBatch;

        RouteState(final Route route) {
            this.route = route;
        }
    }

    private record Attempt(RouteState state, List<Pending> entries, boolean digest, WebhookRequest request,
                           CompletableFuture<Outcome> result) {
    }

    /**
     * Takes an alert read from the topic. Whether it is held for a route's digest is decided by the
     * time it was raised (the record's timestamp; now, if that is missing or in the future), so an
     * alert read again after a restart is held or not exactly as before.
     *
     * @return false when no route needs it (filtered out, or delivered before)
     */
    boolean accept(final Inbound in) {
        final Alert alert = in.alert();
        final Instant now = clock.instant();
        final Instant raised = in.timestamp() > 0 && in.timestamp() <= now.toEpochMilli()
                ? Instant.ofEpochMilli(in.timestamp()) : now;
        final Pending pending = new Pending(in);
        for (final RouteState state : routes) {
            final Route route = state.route;
            if (route.filter().matches(alert) && !delivered.contains(alert.id(), route.name())) {
                pending.slots.put(route.name(), new Slot(route.quietHours() != null
                        && route.quietHours().holds(alert, raised)));
            }
        }
        if (pending.slots.isEmpty()) {
            return false;
        }
        buffers.computeIfAbsent(pending.partition, p -> new TreeMap<>()).put(in.offset(), pending);
        return true;
    }

    /**
     * Makes every attempt that is due now, at most one per route, concurrently, and waits for
     * their outcomes.
     *
     * @return what was delivered: to be written to the delivery log before any offset is committed
     */
    List<DeliveryRecord> deliverDue() {
        final Instant now = clock.instant();
        final List<Attempt> attempts = new ArrayList<>();
        for (final RouteState state : routes) {
            if (!now.isBefore(state.notBefore)) {
                final Attempt attempt = next(state, now);
                if (attempt != null) {
                    attempts.add(attempt);
                }
            }
        }
        if (attempts.isEmpty()) {
            return List.of();
        }
        final List<DeliveryRecord> records = new ArrayList<>();
        for (final Attempt attempt : attempts) {
            final Outcome outcome = attempt.result.join();
            final Instant done = clock.instant();
            if (outcome.delivered()) {
                succeeded(attempt, outcome, done, records);
            } else {
                failed(attempt, outcome, done);
            }
        }
        return records;
    }

    private Attempt next(final RouteState state, final Instant now) {
        final String name = state.route.name();
        if (state.digestBatch != null) {
            final List<Pending> batch = state.digestBatch.stream().filter(p -> owed(p, name)).toList();
            state.digestBatch = null;
            if (!batch.isEmpty()) {
                return digest(state, batch);
            }
        }
        final List<Pending> held = new ArrayList<>();
        Pending first = null;
        final List<Pending> finished = new ArrayList<>();
        for (final TreeMap<Long, Pending> buffer : buffers.values()) {
            boolean partitionHasCandidate = false;
            for (final Pending pending : buffer.values()) {
                final Slot slot = pending.slots.get(name);
                if (slot == null) {
                    continue;
                }
                if (delivered.contains(pending.in.alert().id(), name)) {
                    // The same alert read twice (a replayed or duplicated record): delivered already.
                    pending.slots.remove(name);
                    if (pending.slots.isEmpty()) {
                        finished.add(pending);
                    }
                } else if (slot.held) {
                    held.add(pending);
                } else if (!partitionHasCandidate) {
                    partitionHasCandidate = true;
                    if (first == null || ARRIVAL.compare(pending, first) < 0) {
                        first = pending;
                    }
                }
            }
        }
        finished.forEach(this::remove);
        final boolean quiet = state.route.quietHours() != null && state.route.quietHours().isQuiet(now);
        if (!held.isEmpty() && !quiet) {
            held.sort(ARRIVAL);
            return digest(state, held);
        }
        if (first == null) {
            return null;
        }
        final Pending chosen = first;
        return attempt(state, List.of(chosen), false, () -> formatter.single(state.route, chosen.in));
    }

    private Attempt digest(final RouteState state, final List<Pending> held) {
        final AlertFormatter.FormattedDigest formatted;
        try {
            formatted = formatter.digest(state.route, held.stream().map(p -> p.in).toList());
        } catch (final RuntimeException e) {
            return formattingFailed(state, held, true, e);
        }
        return attempt(state, List.copyOf(held.subList(0, formatted.count())), true, formatted::request);
    }

    private Attempt attempt(final RouteState state, final List<Pending> entries, final boolean digest,
                            final java.util.function.Supplier<WebhookRequest> request) {
        final WebhookRequest built;
        try {
            built = request.get();
        } catch (final RuntimeException e) {
            return formattingFailed(state, entries, digest, e);
        }
        entries.forEach(p -> p.slots.get(state.route.name()).attempts++);
        CompletableFuture<Outcome> result;
        try {
            result = transport.send(state.route, built);
        } catch (final RuntimeException e) {
            result = CompletableFuture.completedFuture(Outcome.failed("request not sent: " + e));
        }
        return new Attempt(state, entries, digest, built, result);
    }

    /** A message that cannot be built is a bug; it is retried like a failed delivery, never skipped. */
    private Attempt formattingFailed(final RouteState state, final List<Pending> entries, final boolean digest,
                                     final RuntimeException e) {
        LOG.error("route {}: cannot build the message for {}; retrying later", state.route, describe(entries, digest), e);
        entries.forEach(p -> p.slots.get(state.route.name()).attempts++);
        return new Attempt(state, entries, digest, null,
                CompletableFuture.completedFuture(Outcome.failed("cannot build the message: " + e)));
    }

    private void succeeded(final Attempt attempt, final Outcome outcome, final Instant done,
                           final List<DeliveryRecord> records) {
        final RouteState state = attempt.state;
        final Route route = state.route;
        for (final Pending pending : attempt.entries) {
            final Slot slot = pending.slots.remove(route.name());
            final Alert alert = pending.in.alert();
            delivered.add(alert.id(), route.name());
            records.add(new DeliveryRecord(alert.id(), route.name(), route.type().id(), pending.in.seriesKey(),
                    alert.severity(), done, slot == null ? 1 : slot.attempts, outcome.httpStatus(), attempt.digest,
                    attempt.request.idempotencyKey(), pending.in.topic(), pending.in.partition(), pending.in.offset()));
            if (pending.slots.isEmpty()) {
                remove(pending);
            }
        }
        if (state.failures > 0) {
            LOG.info("route {}: delivering again after {} failed attempt(s)", route, state.failures);
        }
        LOG.info("route {}: delivered {}", route, describe(attempt.entries, attempt.digest));
        state.failures = 0;
        state.digestBatch = null;
        state.notBefore = done.plus(route.minInterval());
    }

    private void failed(final Attempt attempt, final Outcome outcome, final Instant done) {
        final RouteState state = attempt.state;
        state.failures++;
        Duration wait = backoff.delay(state.failures, random.getAsDouble());
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
            wait = outcome.retryAfter().compareTo(backoff.max()) > 0 ? backoff.max() : outcome.retryAfter();
        }
        state.notBefore = done.plus(wait);
        if (attempt.digest) {
            state.digestBatch = attempt.entries;
        }
        LOG.warn("route {}: {} not delivered: {}; attempt {}, next in {}; {} alert(s) waiting for this route",
                state.route, describe(attempt.entries, attempt.digest), outcome.detail(),
                attempt.entries.get(0).slots.get(state.route.name()).attempts, Durations.show(wait),
                owedTo(state.route.name()));
    }

    private static String describe(final List<Pending> entries, final boolean digest) {
        if (digest) {
            return "quiet-hours digest of " + entries.size() + " alert(s)";
        }
        final Inbound in = entries.get(0).in;
        return "alert " + in.alert().id() + " (" + in.seriesKey() + " " + in.alert().severity() + ", "
                + in.topic() + "-" + in.partition() + "@" + in.offset() + ")";
    }

    private boolean owed(final Pending pending, final String route) {
        final TreeMap<Long, Pending> buffer = buffers.get(pending.partition);
        return buffer != null && buffer.get(pending.in.offset()) == pending && pending.slots.containsKey(route);
    }

    private void remove(final Pending pending) {
        final TreeMap<Long, Pending> buffer = buffers.get(pending.partition);
        if (buffer != null && buffer.get(pending.in.offset()) == pending) {
            buffer.remove(pending.in.offset());
        }
    }

    /** The offset of the earliest alert of the partition that some route still has to receive. */
    OptionalLong firstPending(final TopicPartition partition) {
        final TreeMap<Long, Pending> buffer = buffers.get(partition);
        return buffer == null || buffer.isEmpty() ? OptionalLong.empty() : OptionalLong.of(buffer.firstKey());
    }

    int buffered(final TopicPartition partition) {
        final TreeMap<Long, Pending> buffer = buffers.get(partition);
        return buffer == null ? 0 : buffer.size();
    }

    /** How many buffered alerts {@code route} still has to receive. */
    int owedTo(final String route) {
        return (int) buffers.values().stream().flatMap(b -> b.values().stream())
                .filter(p -> p.slots.containsKey(route)).count();
    }

    /** Forgets the partitions' alerts (revoked or lost): whoever owns them now reads them again. */
    void drop(final Collection<TopicPartition> partitions) {
        partitions.forEach(buffers::remove);
        for (final RouteState state : routes) {
            if (state.digestBatch != null) {
                state.digestBatch = state.digestBatch.stream().filter(p -> !partitions.contains(p.partition)).toList();
            }
        }
    }
}
