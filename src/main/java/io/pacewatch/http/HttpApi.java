package io.pacewatch.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.health.Readiness;
import io.pacewatch.query.ProgressFilter;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP port: the leaders' page, Prometheus metrics, health for orchestrators, and the
 * progress API answered from interactive queries. Errors are JSON with a message, never a stack trace.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_ALERTS = 1000;
    private static final Set<String> PROGRESS_PARAMS = Set.of("region", "year", "indicator", "status", "scope");
    private static final Set<String> ALERT_PARAMS = Set.of("region", "year", "indicator", "status", "severity",
            "limit", "scope");

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<Readiness.Report> readiness;
    private final ProgressQueries queries;
    private final IndicatorCatalogue catalogue;

    private HttpApi(final HttpServer server, final PrometheusMeterRegistry metrics,
                    final Supplier<Readiness.Report> readiness, final ProgressQueries queries,
                    final IndicatorCatalogue catalogue) {
        this.server = server;
        this.metrics = metrics;
        this.readiness = readiness;
        this.queries = queries;
        this.catalogue = catalogue;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            final Thread thread = new Thread(r, "pacewatch-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds the port first, so the service knows it before telling Kafka Streams where it answers. */
    public static HttpServer bind(final InetSocketAddress address) throws IOException {
        return HttpServer.create(address, 64);
    }

    public static HttpApi start(final HttpServer bound, final PrometheusMeterRegistry metrics,
                                final Supplier<Readiness.Report> readiness, final ProgressQueries queries,
                                final IndicatorCatalogue catalogue) {
        final HttpApi api = new HttpApi(bound, metrics, readiness, queries, catalogue);
        api.server.start();
        LOG.info("HTTP on {}: / (leaders' page), /metrics, /health/live, /health/ready, /api/progress, /api/alerts",
                api.address());
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                throw new ApiException(405, "only GET is supported");
            }
            route(exchange);
        } catch (final ApiException e) {
            sendJson(exchange, e.status(), Map.of("status", e.status(), "error", e.getMessage()));
        } catch (final ProgressQueries.PeerUnavailableException | InvalidStateStoreException e) {
            sendJson(exchange, 503, Map.of("status", 503, "error",
                    "not ready to answer: " + e.getMessage() + "; retry shortly"));
        } catch (final RuntimeException e) {
            LOG.error("HTTP {} failed", exchange.getRequestURI().getRawPath(), e);
            sendJson(exchange, 500, Map.of("status", 500, "error", "internal error; see the service log"));
        } finally {
            exchange.close();
        }
    }

    private void route(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        final String query = exchange.getRequestURI().getRawQuery();
        switch (path) {
            case "/" -> StaticAssets.serve(exchange);
            case "/metrics" -> sendText(exchange, 200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
            case "/health/live" -> sendJson(exchange, 200, Map.of("status", "UP"));
            case "/health/ready" -> {
                final Readiness.Report report = readiness.get();
                final Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", report.ready() ? "UP" : "DOWN");
                body.put("streams", report.streams().name());
                body.put("broker", report.brokerReachable() ? "REACHABLE" : "UNREACHABLE");
                body.put("reasons", report.reasons());
                sendJson(exchange, report.ready() ? 200 : 503, body);
            }
            case "/api/progress" -> {
                final QueryParameters params = QueryParameters.parse(query, PROGRESS_PARAMS);
                final ProgressFilter filter = params.filter(catalogue);
                sendJson(exchange, 200, params.localScope() ? queries.local().latest(filter)
                        : queries.latest(filter, query));
            }
            case "/api/alerts" -> {
                final QueryParameters params = QueryParameters.parse(query, ALERT_PARAMS);
                final ProgressFilter filter = params.filter(catalogue);
                final int limit = params.limit(100, MAX_ALERTS);
                sendJson(exchange, 200, params.localScope() ? queries.local().alerts(filter)
                        : queries.alerts(filter, query, limit));
            }
            default -> {
                if (path.startsWith("/api/progress/")) {
                    sendJson(exchange, 200, series(path.substring("/api/progress/".length()), query));
                } else if (path.startsWith(StaticAssets.PREFIX)) {
                    StaticAssets.serve(exchange);
                } else {
                    throw ApiException.notFound("no such endpoint; try /, /api/progress, /api/alerts, /metrics");
                }
            }
        }
    }

    private Object series(final String rest, final String query) {
        final String[] parts = rest.split("/", -1);
        final boolean vintages = parts.length == 4 && "vintages".equals(parts[3]);
        if (parts.length != 3 && !vintages) {
            throw ApiException.notFound("use /api/progress/{region}/{indicator}/{year}[/vintages]");
        }
        final QueryParameters params = QueryParameters.parse(query, Set.of("scope"));
        final String region = QueryParameters.code("region", decodePath(parts[0]));
        final String indicator = QueryParameters.code("indicator", decodePath(parts[1]));
        final Integer year = QueryParameters.year(parts[2]);
        if (catalogue.find(indicator).isEmpty()) {
            throw ApiException.notFound("unknown indicator '" + Escape.text(indicator) + "'");
        }
        final SeriesKey series = new SeriesKey(region, indicator, year);
        if (vintages) {
            return (params.localScope() ? queries.local().vintages(series) : queries.vintages(series))
                    .orElseThrow(() -> ApiException.notFound("no releases for " + Escape.text(series.id())));
        }
        return (params.localScope() ? queries.local().series(series) : queries.series(series))
                .orElseThrow(() -> ApiException.notFound("no progress for " + Escape.text(series.id())));
    }

    private static String decodePath(final String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("the path is not valid URL encoding");
        }
    }

    private static void sendJson(final HttpExchange exchange, final int status, final Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, status, Json.MAPPER.writeValueAsBytes(body));
    }

    private static void sendText(final HttpExchange exchange, final int status, final String body,
                                 final String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
