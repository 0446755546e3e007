package io.pacewatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The leaders' channel of the stack test: a webhook receiver on loopback that keeps every notification
 * Alertmanager sends (its webhook JSON, version 4) and answers 200.
 */
final class AlertReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEARTBEAT = "Watchdog";

    /** One webhook call: when it came, where to, and what it said. */
    record Notification(Instant received, String path, JsonNode payload) {

        List<JsonNode> alerts() {
            return StreamSupport.stream(payload.path("alerts").spliterator(), false).toList();
        }

        @Override
        public String toString() {
            return received + " " + path + " " + alerts().stream()
                    .map(a -> a.path("status").asText() + " " + a.path("labels").path("alertname").asText()
                            + " " + a.path("labels"))
                    .collect(Collectors.joining("; "));
        }
    }

    private final HttpServer server;
    private final List<Notification> notifications = new ArrayList<>();

    AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::receive);
        server.start();
    }

    /** Where Alertmanager posts: the path of the repository's placeholder URL, on this server. */
    URI url(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * How many notifications carried the alert {@code alertname} with these labels in {@code status}
     * ("firing" or "resolved").
     */
    long count(final String alertname, final Map<String, String> labels, final String status) {
        return count(alertname, labels, status, Instant.MIN);
    }

    /** Like {@link #count(String, Map, String)}, of the notifications received after {@code since}. */
    synchronized long count(final String alertname, final Map<String, String> labels, final String status,
                            final Instant since) {
        return notifications.stream()
                .filter(n -> n.received().isAfter(since))
                .filter(n -> n.alerts().stream().anyMatch(a -> matches(a, alertname, labels, status)))
                .count();
    }

    /** The alerts (webhook JSON: status, labels, annotations ...) of every notification that match, in arrival order. */
    synchronized List<JsonNode> alerts(final String alertname, final Map<String, String> labels, final String status) {
        return notifications.stream().flatMap(n -> n.alerts().stream())
                .filter(a -> matches(a, alertname, labels, status))
                .toList();
    }

    private static boolean matches(final JsonNode alert, final String alertname, final Map<String, String> labels,
                                   final String status) {
        return status.equals(alert.path("status").asText())
                && alertname.equals(alert.path("labels").path("alertname").asText())
                && labels.entrySet().stream().allMatch(
                        l -> l.getValue().equals(alert.path("labels").path(l.getKey()).asText()));
    }

    /** Every notification so far, one a line, for failure messages; heartbeats (Watchdog) only counted. */
    synchronized String summary() {
        final List<Notification> news = notifications.stream()
                .filter(n -> n.alerts().stream().anyMatch(a -> !HEARTBEAT.equals(a.path("labels").path("alertname").asText())))
                .toList();
        return news.stream().map(Notification::toString).collect(Collectors.joining("\n  ", "\n  ", ""))
                + "\n  (and " + (notifications.size() - news.size()) + " " + HEARTBEAT + " heartbeats)";
    }

    private void receive(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final JsonNode payload = JSON.readTree(exchange.getRequestBody());
            synchronized (this) {
                notifications.add(new Notification(Instant.now(), exchange.getRequestURI().getPath(), payload));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
