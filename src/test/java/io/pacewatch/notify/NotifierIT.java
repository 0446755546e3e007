package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Severity;
import io.pacewatch.notify.ScriptedWebhookServer.Body;
import io.pacewatch.notify.ScriptedWebhookServer.Hang;
import io.pacewatch.notify.ScriptedWebhookServer.Request;
import io.pacewatch.notify.ScriptedWebhookServer.Status;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code pacewatch notify} on a real broker against a real local HTTP server that fails, times
 * out and succeeds in turn. Alerts are produced straight to a topic of the test's own, so the
 * pipeline that raises them is not needed.
 */
@WithKafka
class NotifierIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final Hang HANG = new Hang(Duration.ofSeconds(4));
    private static final Body ROBOT_OK = new Body(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

    private KafkaTestBroker kafka;
    private final String region = "it" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    @DisplayName("every alert reaches every matching route exactly once through 500s, timeouts and robot errors, and a restart re-sends nothing")
    void deliversOnceThroughFailuresAndARestart() throws Exception {
        final String alerts = kafka.uniqueTopicName("notify-alerts");
        final String deliveries = kafka.uniqueTopicName("notify-deliveries");
        final String group = "notify-it-" + region;
        kafka.createTopic(alerts, 2);
        final Alert a = TestAlerts.alert(region + "-a", region, "GDP", Severity.CRITICAL);
        final Alert b = TestAlerts.alert(region + "-b", region, "RETAIL_SALES", Severity.WARNING);
        final Alert c = TestAlerts.alert(region + "-c", region, "BUDGET_REVENUE", Severity.INFO);
        final Alert d = TestAlerts.alert(region + "-d", region, "INDUSTRIAL_VALUE_ADDED", Severity.CRITICAL);

        try (ScriptedWebhookServer server = new ScriptedWebhookServer()) {
            server.script("/generic", new Status(200), new Status(500), HANG, new Status(503));
            server.script("/wecom", ROBOT_OK, HANG, new Body(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
                    new Status(502));
            final List<Route> routes = List.of(
                    new Route("generic", WebhookType.GENERIC, server.url("/generic"), null, Map.of(), RouteFilter.ALL,
                            null, Duration.ZERO),
                    new Route("wecom", WebhookType.WECOM, server.url("/wecom?key=robot-key"), null, Map.of(),
                            new RouteFilter(Set.of(region), Set.of(), Severity.WARNING), null, Duration.ZERO));
            final NotifierSettings settings = settings(routes, alerts, deliveries, group);
            produce(alerts, a, b, c);

            final Notifier first = Notifier.start(settings);
            try {
                await("the first notifier delivers a, b, c (generic) and a, b (wecom)").atMost(WAIT).until(() ->
                        successKeys(server, "/generic").containsAll(List.of(a.id(), b.id(), c.id()))
                                && successKeys(server, "/wecom").containsAll(List.of(a.id(), b.id())));
                awaitCommittedToEnd(group, alerts, 2);
            } finally {
                first.close();
            }
            assertThat(first.failure()).isNull();

            // Exactly one success per alert and route, after the scripted failures were retried.
            assertThat(successKeys(server, "/generic")).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
            assertThat(successKeys(server, "/wecom")).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(server.requests("/generic").size()).isGreaterThanOrEqualTo(3 + 3);
            assertThat(server.requests("/wecom").size()).isGreaterThanOrEqualTo(2 + 3);
            // The generic receiver gets the alert as published, keyed by its id.
            for (final Request request : server.successes("/generic")) {
                final Alert sent = List.of(a, b, c).stream().filter(x -> x.id().equals(request.header("Idempotency-Key")))
                        .findFirst().orElseThrow();
                assertThat(request.body()).isEqualTo(TestAlerts.json(sent));
                assertThat(Json.MAPPER.readTree(request.body()).get("id").asText()).isEqualTo(sent.id());
                assertThat(request.header("Link")).isEqualTo("<" + leadersPage() + ">; rel=\"related\"");
            }
            for (final Request request : server.successes("/wecom")) {
                assertThat(request.query()).isEqualTo("key=robot-key");
                assertThat(Json.MAPPER.readTree(request.body()).get("msgtype").asText()).isEqualTo("markdown");
                // the reader's time (Asia/Shanghai) and the link to the series, from the configured public URL
                assertThat(Json.MAPPER.readTree(request.body()).at("/markdown/content").asText())
                        .contains("更新于 7月12日 09:30 · [查看详情 Details](" + leadersPage() + ")");
            }
            // One delivery record per (alert, route), in a compacted topic the notifier created.
            final List<ConsumerRecord<String, String>> logged = kafka.consumeStrings(deliveries, 5, WAIT);
            assertThat(logged).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                    a.id() + "|generic", b.id() + "|generic", c.id() + "|generic", a.id() + "|wecom", b.id() + "|wecom");
            assertThat(Json.MAPPER.readTree(logged.get(0).value()).get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(cleanupPolicy(deliveries)).isEqualTo("compact");

            // Replay everything (what a crash between delivery and commit, or an operator's reset, looks like)
            // and raise an alert while no notifier runs.
            resetGroupToBeginning(group, alerts, 2);
            final int genericBefore = server.requests("/generic").size();
            final int wecomBefore = server.requests("/wecom").size();
            produce(alerts, d);

            final Notifier second = Notifier.start(settings);
            try {
                await("the restarted notifier delivers d").atMost(WAIT)
                        .until(() -> successKeys(server, "/generic").contains(d.id())
                                && successKeys(server, "/wecom").contains(d.id()));
                awaitCommittedToEnd(group, alerts, 2);
            } finally {
                second.close();
            }
            assertThat(second.failure()).isNull();

            // Nothing delivered before was sent again; d went once to each route.
            assertThat(successKeys(server, "/generic")).containsExactlyInAnyOrder(a.id(), b.id(), c.id(), d.id());
            assertThat(successKeys(server, "/wecom")).containsExactlyInAnyOrder(a.id(), b.id(), d.id());
            final List<Request> afterRestart = new ArrayList<>();
            afterRestart.addAll(server.requests("/generic").subList(genericBefore, server.requests("/generic").size()));
            afterRestart.addAll(server.requests("/wecom").subList(wecomBefore, server.requests("/wecom").size()));
            assertThat(afterRestart).extracting(r -> r.header("Idempotency-Key")).containsExactly(d.id(), d.id());
        }
    }

    @Test
    @DisplayName("a receiver that stays down holds the committed offset, not the other routes, and gets everything in order once back")
    void aReceiverThatIsDownHoldsTheOffsetButNotTheOtherRoutes() throws Exception {
        final String alerts = kafka.uniqueTopicName("notify-alerts");
        final String deliveries = kafka.uniqueTopicName("notify-deliveries");
        final String group = "notify-it-down-" + region;
        kafka.createTopic(alerts, 1);
        final Alert a = TestAlerts.alert(region + "-down-a", region, "GDP", Severity.CRITICAL);
        final Alert b = TestAlerts.alert(region + "-down-b", region, "GDP", Severity.INFO);

        try (ScriptedWebhookServer server = new ScriptedWebhookServer()) {
            server.script("/down", new Status(503));
            server.script("/up", new Status(204));
            final List<Route> routes = List.of(
                    new Route("down", WebhookType.GENERIC, server.url("/down"), null, Map.of(), RouteFilter.ALL, null,
                            Duration.ZERO),
                    new Route("up", WebhookType.GENERIC, server.url("/up"), null, Map.of(), RouteFilter.ALL, null,
                            Duration.ZERO));
            produce(alerts, a, b);

            final Notifier notifier = Notifier.start(settings(routes, alerts, deliveries, group));
            try {
                await("the healthy route gets both while the other keeps failing").atMost(WAIT).until(() ->
                        successKeys(server, "/up").containsAll(List.of(a.id(), b.id()))
                                && server.requests("/down").size() >= 4);
                assertThat(committed(group).get(new TopicPartition(alerts, 0))).satisfiesAnyOf(
                        offset -> assertThat(offset).isNull(),
                        offset -> assertThat(offset.offset()).isZero());
                assertThat(server.requests("/down")).extracting(r -> r.header("Idempotency-Key")).containsOnly(a.id());

                server.script("/down", new Status(200));
                await("the recovered route gets both").atMost(WAIT).until(() -> server.successes("/down").size() == 2);
                awaitCommittedToEnd(group, alerts, 1);
            } finally {
                notifier.close();
            }
            assertThat(successKeys(server, "/down")).containsExactly(a.id(), b.id());
            assertThat(successKeys(server, "/up")).containsExactly(a.id(), b.id());
        }
    }

    private NotifierSettings settings(final List<Route> routes, final String alerts, final String deliveries,
                                      final String group) {
        final Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        return NotifierSettings.builder(client, routes)
                .alertsTopic(alerts)
                .deliveriesTopic(deliveries)
                .groupId(group)
                .httpTimeout(HTTP_TIMEOUT)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0))
                .replicationFactor((short) 1)
                .reader(new ReaderView(ReaderView.DEFAULT_ZONE, URI.create("http://pacewatch.example"),
                        ReaderView.LinkTo.LEADERS_PAGE))
                .build();
    }

    private String leadersPage() {
        return "http://pacewatch.example:8080/?region=" + region + "&year=2023";
    }

    private void produce(final String topic, final Alert... alerts) {
        final List<KeyValue<String, byte[]>> records = new ArrayList<>();
        for (final Alert alert : alerts) {
            records.add(KeyValue.pair(alert.region() + "|" + alert.indicator() + "|" + alert.year(), TestAlerts.json(alert)));
        }
        kafka.produce(topic, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer(), records);
    }

    private static List<String> successKeys(final ScriptedWebhookServer server, final String path) {
        return server.successes(path).stream().map(r -> r.header("Idempotency-Key")).toList();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(final String group) throws Exception {
        return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    }

    private void awaitCommittedToEnd(final String group, final String topic, final int partitions) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        final Map<TopicPartition, Long> end = kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        await("group " + group + " commits up to " + end).atMost(WAIT).until(() -> {
            try {
                final Map<TopicPartition, OffsetAndMetadata> offsets = committed(group);
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || (offsets.get(e.getKey()) != null
                        && offsets.get(e.getKey()).offset() >= e.getValue()));
            } catch (final Exception e) {
                return false;
            }
        });
    }

    private void resetGroupToBeginning(final String group, final String topic, final int partitions) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            zero.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
        }
        // The group is empty once the notifier has left it; the broker may take a moment to see that.
        final Supplier<Boolean> reset = () -> {
            try {
                kafka.admin().alterConsumerGroupOffsets(group, zero).all().get(10, TimeUnit.SECONDS);
                return true;
            } catch (final ExecutionException e) {
                return false;
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        };
        await("resetting " + group).atMost(WAIT).until(reset::get);
    }

    private String cleanupPolicy(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config = kafka.admin().describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }
}
