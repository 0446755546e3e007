package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveryEngineTest {

    private static final TopicPartition P0 = new TopicPartition(TestAlerts.TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TestAlerts.TOPIC, 1);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T04:00:00Z")); // 12:00 in Shanghai
    private final FakeTransport transport = new FakeTransport();
    private final DeliveredSet delivered = new DeliveredSet();

    private DeliveryEngine engine(final Route... routes) {
        return new DeliveryEngine(List.of(routes), delivered, transport, BACKOFF, clock, () -> 0);
    }

    private static Instant shanghai(final String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    /** Runs rounds until nothing more is due now; returns everything delivered. */
    private static List<DeliveryRecord> drain(final DeliveryEngine engine) {
        final List<DeliveryRecord> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            final List<DeliveryRecord> round = engine.deliverDue();
            if (round.isEmpty()) {
                // A round with only failures also returns nothing; the clock has not moved, so nothing else is due.
                return all;
            }
            all.addAll(round);
        }
        throw new AssertionError("never settles");
    }

    @Test
    void eachAlertGoesOnceToEveryRouteWhoseFilterMatchesInOrder() {
        final DeliveryEngine engine = engine(TestAlerts.route("all", WebhookType.GENERIC),
                TestAlerts.route("loud", WebhookType.WECOM, new RouteFilter(Set.of(), Set.of(), Severity.WARNING), null),
                TestAlerts.route("futian", WebhookType.SLACK, new RouteFilter(Set.of("futian"), Set.of(), null), null));
        final Alert a = TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL);
        final Alert b = TestAlerts.alert("b", "luohu", "GDP", Severity.INFO);
        final Alert c = TestAlerts.alert("c", "luohu", "RETAIL_SALES", Severity.WARNING);
        assertThat(engine.accept(TestAlerts.inbound(a, 0, 10))).isTrue();
        assertThat(engine.accept(TestAlerts.inbound(b, 0, 11))).isTrue();
        assertThat(engine.accept(TestAlerts.inbound(c, 0, 12))).isTrue();
        assertThat(engine.firstPending(P0)).hasValue(10);

        // One attempt per route per round.
        assertThat(engine.deliverDue()).extracting(DeliveryRecord::route).containsExactlyInAnyOrder("all", "loud");

        final List<DeliveryRecord> rest = drain(engine);
        assertThat(rest).hasSize(3);
        assertThat(transport.keys("all")).containsExactly(a.id(), b.id(), c.id());
        assertThat(transport.keys("loud")).containsExactly(a.id(), c.id());
        assertThat(transport.keys("futian")).isEmpty();
        assertThat(engine.firstPending(P0)).isEmpty();
        assertThat(delivered.contains(b.id(), "all")).isTrue();
        assertThat(delivered.contains(b.id(), "loud")).isFalse();
    }

    @Test
    void aDeliveryRecordSaysWhatWentWhereAndFromWhichOffset() {
        final DeliveryEngine engine = engine(TestAlerts.route("all", WebhookType.WECOM));
        final Alert a = TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL);
        engine.accept(TestAlerts.inbound(a, 1, 42));

        final DeliveryRecord record = engine.deliverDue().get(0);

        assertThat(record).isEqualTo(new DeliveryRecord(a.id(), "all", "wecom", "luohu|GDP|2023", Severity.CRITICAL,
                clock.instant(), 1, 200, false, a.id(), TestAlerts.TOPIC, 1, 42));
        assertThat(record.key()).isEqualTo(a.id() + "|all");
    }

    @Test
    void aFailingRouteRetriesWithExponentialBackoffHoldsTheOffsetAndNeverSkips() {
        final DeliveryEngine engine = engine(TestAlerts.route("down", WebhookType.GENERIC),
                TestAlerts.route("up", WebhookType.GENERIC));
        transport.script("down", Outcome.failed(500, "HTTP 500", null), Outcome.failed("timed out after 10s"),
                Outcome.failed(502, "HTTP 502", null), Outcome.failed(500, "HTTP 500", null),
                Outcome.failed(500, "HTTP 500", null));
        final Alert a = TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL);
        final Alert b = TestAlerts.alert("b", "luohu", "GDP", Severity.WARNING);
        engine.accept(TestAlerts.inbound(a, 0, 0));
        engine.accept(TestAlerts.inbound(b, 0, 1));

        // The healthy route gets both meanwhile; the failing one keeps the partition's commit point at a.
        assertThat(drain(engine)).extracting(DeliveryRecord::route).containsExactly("up", "up");
        assertThat(transport.keys("down")).containsExactly(a.id());
        assertThat(engine.firstPending(P0)).hasValue(0);
        assertThat(engine.owedTo("down")).isEqualTo(2);

        // Waits 1s, 2s, 4s, 8s, then the longest, 10s: nothing is attempted early.
        for (final long wait : new long[] {1, 2, 4, 8, 10}) {
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertThat(engine.deliverDue()).isEmpty();
            final int before = transport.sent.size();
            clock.advance(Duration.ofMillis(1));
            final List<DeliveryRecord> round = engine.deliverDue();
            assertThat(transport.sent).hasSize(before + 1);
            if (wait == 10) {
                assertThat(round).singleElement().satisfies(r -> {
                    assertThat(r.alertId()).isEqualTo(a.id());
                    assertThat(r.attempts()).isEqualTo(6);
                });
            } else {
                assertThat(round).isEmpty();
            }
        }
        assertThat(transport.keys("down")).containsExactly(a.id(), a.id(), a.id(), a.id(), a.id(), a.id());
        assertThat(engine.firstPending(P0)).hasValue(1);

        // After a success the route is healthy again: no backoff for b.
        assertThat(engine.deliverDue()).extracting(DeliveryRecord::alertId).containsExactly(b.id());
        assertThat(engine.firstPending(P0)).isEmpty();
    }

    @Test
    void retryAfterIsHonouredUpToTheLongestBackoff() {
        final DeliveryEngine engine = engine(TestAlerts.route("slack", WebhookType.SLACK));
        transport.script("slack", Outcome.failed(429, "HTTP 429", Duration.ofSeconds(7)),
                Outcome.failed(429, "HTTP 429", Duration.ofHours(1)));
        engine.accept(TestAlerts.inbound(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO), 0, 0));

        engine.deliverDue();
        clock.advance(Duration.ofSeconds(6));
        engine.deliverDue();
        assertThat(transport.sent).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        engine.deliverDue();
        assertThat(transport.sent).hasSize(2);
        clock.advance(Duration.ofSeconds(9));
        assertThat(engine.deliverDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.deliverDue()).hasSize(1);
    }

    @Test
    void routesKeepTheirMinimumIntervalBetweenMessages() {
        final Route wecom = new Route("w", WebhookType.WECOM, TestAlerts.route("w", WebhookType.WECOM).url(), null,
                java.util.Map.of(), RouteFilter.ALL, null, null);
        final DeliveryEngine engine = engine(wecom);
        engine.accept(TestAlerts.inbound(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO), 0, 0));
        engine.accept(TestAlerts.inbound(TestAlerts.alert("b", "luohu", "GDP", Severity.INFO), 0, 1));

        assertThat(engine.deliverDue()).hasSize(1);
        clock.advance(Duration.ofMillis(2999));
        assertThat(engine.deliverDue()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(engine.deliverDue()).hasSize(1);
    }

    @Test
    void whatTheDeliveredSetListsOrNoFilterMatchesIsNotSent() {
        final Alert a = TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL);
        delivered.add(a.id(), "all");
        final DeliveryEngine engine = engine(TestAlerts.route("all", WebhookType.GENERIC),
                TestAlerts.route("futian", WebhookType.GENERIC, new RouteFilter(Set.of("futian"), Set.of(), null), null));

        assertThat(engine.accept(TestAlerts.inbound(a, 0, 5))).isFalse();
        assertThat(engine.firstPending(P0)).isEmpty();
        assertThat(engine.deliverDue()).isEmpty();
        assertThat(transport.sent).isEmpty();
    }

    @Test
    void theSameAlertReadTwiceIsSentOnce() {
        final DeliveryEngine engine = engine(TestAlerts.route("all", WebhookType.GENERIC));
        final Alert a = TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL);
        engine.accept(TestAlerts.inbound(a, 0, 5));
        engine.accept(TestAlerts.inbound(a, 0, 6));

        drain(engine);

        assertThat(transport.keys("all")).containsExactly(a.id());
        assertThat(engine.firstPending(P0)).isEmpty();
    }

    @Test
    void acrossPartitionsARouteReceivesAlertsInRecordTimeOrder() {
        final DeliveryEngine engine = engine(TestAlerts.route("all", WebhookType.GENERIC));
        final Alert early = TestAlerts.alert("early", "luohu", "GDP", Severity.INFO);
        final Alert late = TestAlerts.alert("late", "futian", "GDP", Severity.INFO);
        engine.accept(new Inbound(TestAlerts.TOPIC, 0, 100, 2_000, late, TestAlerts.json(late)));
        engine.accept(new Inbound(TestAlerts.TOPIC, 1, 3, 1_000, early, TestAlerts.json(early)));

        drain(engine);

        assertThat(transport.keys("all")).containsExactly(early.id(), late.id());
    }

    @Test
    void lowSeverityIsHeldDuringQuietHoursAndSentAsOneDigestWhenTheyEnd() throws Exception {
        final QuietHours night = QuietHours.parse("22:00-07:00", "Asia/Shanghai", Severity.INFO);
        final DeliveryEngine engine = engine(TestAlerts.route("leaders", WebhookType.GENERIC, RouteFilter.ALL, night));
        clock.set(shanghai("2024-03-01T23:00:00"));
        final Alert info1 = TestAlerts.alert("i1", "luohu", "GDP", Severity.INFO);
        final Alert warning = TestAlerts.alert("w", "luohu", "RETAIL_SALES", Severity.WARNING);
        final Alert info2 = TestAlerts.alert("i2", "futian", "GDP", Severity.INFO);
        engine.accept(TestAlerts.inbound(info1, 0, 0, clock.instant()));
        engine.accept(TestAlerts.inbound(warning, 0, 1, clock.instant()));
        clock.set(shanghai("2024-03-02T03:00:00"));
        engine.accept(TestAlerts.inbound(info2, 1, 0, clock.instant()));

        // Warnings are not held.
        assertThat(drain(engine)).extracting(DeliveryRecord::alertId).containsExactly(warning.id());
        clock.set(shanghai("2024-03-02T06:59:59"));
        assertThat(engine.deliverDue()).isEmpty();
        // The held alerts keep the commit point: a restart reads them again and holds them again.
        assertThat(engine.firstPending(P0)).hasValue(0);
        assertThat(engine.firstPending(P1)).hasValue(0);

        clock.set(shanghai("2024-03-02T07:00:00"));
        final List<DeliveryRecord> digest = engine.deliverDue();

        assertThat(digest).extracting(DeliveryRecord::alertId).containsExactly(info1.id(), info2.id());
        assertThat(digest).allSatisfy(r -> {
            assertThat(r.digest()).isTrue();
            assertThat(r.idempotencyKey()).startsWith("digest-");
        });
        assertThat(transport.sent).hasSize(2);
        final JsonNode body = Json.MAPPER.readTree(transport.sent.get(1).request().body());
        assertThat(body.get("alerts")).extracting(n -> n.get("id").asText()).containsExactly(info1.id(), info2.id());
        assertThat(engine.firstPending(P0)).isEmpty();
        assertThat(engine.firstPending(P1)).isEmpty();

        // After the quiet hours, INFO goes out at once.
        final Alert info3 = TestAlerts.alert("i3", "luohu", "GDP", Severity.INFO);
        engine.accept(TestAlerts.inbound(info3, 0, 2, clock.instant()));
        assertThat(engine.deliverDue()).extracting(DeliveryRecord::digest).containsExactly(false);
    }

    @Test
    void alertsRaisedDuringQuietHoursButReadAfterThemGoOutAsADigestAtOnce() {
        // What a restart after the quiet hours looks like: the held alerts are read again in the morning.
        final QuietHours night = QuietHours.parse("22:00-07:00", null, null);
        final DeliveryEngine engine = engine(TestAlerts.route("leaders", WebhookType.GENERIC, RouteFilter.ALL, night));
        clock.set(shanghai("2024-03-02T08:15:00"));
        final Alert nightly = TestAlerts.alert("n", "luohu", "GDP", Severity.INFO);
        final Alert morning = TestAlerts.alert("m", "luohu", "GDP", Severity.INFO);
        engine.accept(TestAlerts.inbound(nightly, 0, 0, shanghai("2024-03-01T23:30:00")));
        engine.accept(TestAlerts.inbound(morning, 0, 1, shanghai("2024-03-02T07:30:00")));

        final List<DeliveryRecord> first = engine.deliverDue();
        final List<DeliveryRecord> second = engine.deliverDue();

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.alertId()).isEqualTo(nightly.id());
            assertThat(r.digest()).isTrue();
        });
        assertThat(second).singleElement().satisfies(r -> {
            assertThat(r.alertId()).isEqualTo(morning.id());
            assertThat(r.digest()).isFalse();
        });
    }

    @Test
    void aFailedDigestIsRetriedWithTheSameAlertsAndTheSameKeyBeforeAnythingElse() {
        final QuietHours night = QuietHours.parse("22:00-07:00", null, null);
        final DeliveryEngine engine = engine(TestAlerts.route("leaders", WebhookType.GENERIC, RouteFilter.ALL, night));
        transport.script("leaders", Outcome.failed(503, "HTTP 503", null));
        clock.set(shanghai("2024-03-01T23:00:00"));
        engine.accept(TestAlerts.inbound(TestAlerts.alert("i1", "luohu", "GDP", Severity.INFO), 0, 0, clock.instant()));
        engine.accept(TestAlerts.inbound(TestAlerts.alert("i2", "luohu", "GDP", Severity.INFO), 0, 1, clock.instant()));

        clock.set(shanghai("2024-03-02T07:00:00"));
        assertThat(engine.deliverDue()).isEmpty();
        final Alert later = TestAlerts.alert("later", "luohu", "GDP", Severity.CRITICAL);
        engine.accept(TestAlerts.inbound(later, 0, 2, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        final List<DeliveryRecord> retried = engine.deliverDue();
        clock.advance(Duration.ofSeconds(1));
        final List<DeliveryRecord> then = engine.deliverDue();

        assertThat(transport.keys("leaders")).hasSize(3);
        assertThat(transport.keys("leaders").get(1)).isEqualTo(transport.keys("leaders").get(0)).startsWith("digest-");
        assertThat(retried).hasSize(2).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(2));
        assertThat(then).extracting(DeliveryRecord::alertId).containsExactly(later.id());
    }

    @Test
    void aDigestThatDoesNotFitOneMessageGoesOutInSeveral() {
        final QuietHours night = QuietHours.parse("22:00-07:00", null, null);
        final DeliveryEngine engine = engine(TestAlerts.route("leaders", WebhookType.WECOM, RouteFilter.ALL, night));
        clock.set(shanghai("2024-03-01T23:00:00"));
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            final Alert alert = TestAlerts.alert("n" + i, "luohu", "GDP", Severity.INFO);
            ids.add(alert.id());
            engine.accept(TestAlerts.inbound(alert, 0, i, clock.instant()));
        }
        clock.set(shanghai("2024-03-02T07:30:00"));

        final List<DeliveryRecord> records = drain(engine);

        assertThat(records).extracting(DeliveryRecord::alertId).containsExactlyElementsOf(ids);
        assertThat(transport.sent.size()).isBetween(2, 15);
        assertThat(records.stream().map(DeliveryRecord::idempotencyKey).distinct().count()).isEqualTo(transport.sent.size());
    }

    @Test
    void revokedPartitionsAreForgottenAndATransportThatThrowsIsAFailure() {
        final Route route = TestAlerts.route("all", WebhookType.GENERIC);
        final Transport throwing = (r, request) -> {
            throw new IllegalStateException("boom");
        };
        final DeliveryEngine broken = new DeliveryEngine(List.of(route), delivered, throwing, BACKOFF, clock, () -> 0);
        broken.accept(TestAlerts.inbound(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO), 0, 0));
        assertThat(broken.deliverDue()).isEmpty();
        assertThat(broken.firstPending(P0)).hasValue(0);

        broken.drop(List.of(P0));
        assertThat(broken.firstPending(P0)).isEmpty();
        assertThat(broken.buffered(P0)).isZero();

        final DeliveryEngine engine = engine(route);
        engine.accept(TestAlerts.inbound(TestAlerts.alert("b", "luohu", "GDP", Severity.INFO), 1, 0));
        engine.drop(List.of(P1));
        assertThat(engine.deliverDue()).isEmpty();
        assertThat(transport.sent).isEmpty();
    }
}
