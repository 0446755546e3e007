package io.pacewatch.notify;

import io.pacewatch.brief.BriefClient;
import io.pacewatch.domain.brief.Brief;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each subscribed route its region's monthly brief once a month: when the month's brief falls
 * due by its schedule, or earlier, with {@code early}, as soon as every indicator of the month is in.
 * "Once" rests on the delivery log, as for alerts: a brief sent to a route is recorded there under
 * {@code brief:region:yyyy-mm|route} and the log is read to its end before every check, so neither
 * a second check nor a restart sends it again. A failed send is not recorded and is tried again at
 * the next check. One thread: the delivery log's reader is not shared.
 */
public final class BriefScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BriefScheduler.class);
    private static final Duration LOG_CATCH_UP = Duration.ofMinutes(1);

    private final List<BriefSubscription> subscriptions;
    private final BriefClient service;
    private final BriefMessages messages;
    private final WebhookClient http;
    private final DeliveredSet delivered = new DeliveredSet();
    private final DeliveryLog log;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "pacewatch-brief");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client     Kafka client properties for the delivery log (which must exist: {@code Notifier.start} creates it)
     * @param publicUrl  the service's address as readers reach it, for the links in messages
     */
    public BriefScheduler(final List<BriefSubscription> subscriptions, final BriefClient service, final java.net.URI publicUrl,
                          final Properties client, final String deliveriesTopic, final Duration httpTimeout,
                          final Clock clock) {
        this.subscriptions = List.copyOf(subscriptions);
        this.service = service;
        this.clock = clock;
        this.messages = new BriefMessages(new AlertFormatter(clock), publicUrl);
        this.http = new WebhookClient(httpTimeout);
        this.log = new DeliveryLog(client, deliveriesTopic, delivered);
    }

    /** Checks now and then every {@code interval}, on the scheduler's own thread. */
    public void start(final Duration interval) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                checkOnce();
            } catch (final RuntimeException e) {
                LOG.warn("Brief check failed; trying again in {}: {}", Durations.show(interval), e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check of every subscription; returns the ids of the briefs sent ({@code brief:region:yyyy-mm|route}). */
    public List<String> checkOnce() {
        log.catchUp(LOG_CATCH_UP);
        final List<String> sent = new ArrayList<>();
        final Instant now = clock.instant();
        for (final BriefSubscription subscription : subscriptions) {
            try {
                if (subscription.early()) {
                    final int year = subscription.year() != null ? subscription.year()
                            : YearMonth.from(now.atZone(subscription.schedule().zone())).getYear();
                    final Optional<Brief> latest = service.brief(subscription.region(), year, null);
                    if (latest.isPresent() && latest.get().complete()) {
                        send(subscription, latest.get(), sent);
                    }
                }
                final YearMonth due = subscription.schedule().dueMonth(now);
                if (subscription.year() == null || subscription.year() == due.getYear()) {
                    final String id = BriefSubscription.deliveryId(subscription.region(), due.getYear(), due.getMonthValue());
                    if (!delivered.contains(id, subscription.route().name())) {
                        service.brief(subscription.region(), due.getYear(), due.getMonthValue())
                                .ifPresent(brief -> send(subscription, brief, sent));
                    }
                }
            } catch (final IOException e) {
                LOG.warn("Cannot get the brief for {}: {}", subscription, e.getMessage());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            }
        }
        return sent;
    }

    private void send(final BriefSubscription subscription, final Brief brief, final List<String> sent) {
        final Route route = subscription.route();
        final String id = BriefSubscription.deliveryId(brief.region(), brief.year(), brief.month());
        if (delivered.contains(id, route.name())) {
            return;
        }
        final WebhookRequest request = messages.request(route, brief, id);
        final Outcome outcome = http.send(route, request).join();
        if (!outcome.delivered()) {
            LOG.warn("Brief {} not delivered to {}: {}; trying again at the next check", id, route, outcome.detail());
            return;
        }
        log.append(List.of(new DeliveryRecord(id, route.name(), route.type().id(), brief.region() + "|" + brief.year(),
                null, clock.instant(), 1, outcome.httpStatus(), false, id, null, -1, -1)));
        delivered.add(id, route.name());
        sent.add(DeliveredSet.key(id, route.name()));
        LOG.info("Sent the brief {} ({}) to {}", id, brief.complete() ? "complete" : "on schedule", route);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        log.close();
    }
}
