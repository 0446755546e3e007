package io.pacewatch.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.health.Liveness;
import io.pacewatch.health.Readiness;
import io.pacewatch.metrics.ScrapeGzip;
import io.pacewatch.domain.Progress;
import io.pacewatch.query.ProgressFilter;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.query.SeriesIndex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP port: the leaders' page, Prometheus metrics, health for orchestrators, the runbook, and
 * the progress API answered from interactive queries. Health, metrics and files are answered on the
 * server's threads; the API runs on its own small bounded pool, because it may wait for other instances
 * ({@link ProgressQueries#FAN_OUT_DEADLINE}), so a slow peer can never hold up a liveness probe or a
 * scrape. Errors are JSON with a message, never a stack trace.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_ALERTS = 1000;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int API_THREADS = 4;
    private static final int API_QUEUE = 32;
    /**
     * Scrapes run apart from the server's threads, because a scrape writes as its client reads: a
     * scraper that stops reading holds its thread until the idle timeout, and must not hold one that
     * answers health. Two at once (a Prometheus pair), two waiting; more is a 503.
     */
    private static final int SCRAPE_THREADS = 2;
    private static final int SCRAPE_QUEUE = 2;
    /** Response headers of the list endpoints: whether instances are missing from the answer, and which. */
    public static final String PARTIAL = "Pacewatch-Partial";
    public static final String UNAVAILABLE = "Pacewatch-Unavailable-Instances";
    private static final Set<String> PROGRESS_PARAMS = Set.of("region", "year", "indicator", "status", "scope",
            "limit", "cursor");
    /** Page size of /api/progress when a cursor is given without a limit, and the largest limit allowed. */
    public static final int PAGE_DEFAULT = 500;
    public static final int PAGE_MAX = 5000;
    /** Answers a client keeps and asks again with If-None-Match: a 304 costs it a few headers. */
    static final String REVALIDATE = "no-cache";
    /** The selectors change when a region or year first gets data: a browser may reuse them for this long. */
    private static final String INDEX_CACHE = "max-age=15";
    private static final Set<String> ALERT_PARAMS = Set.of("region", "year", "indicator", "status", "severity",
            "limit", "scope");

    private final HttpPort port;
    private final ThreadPoolExecutor api;
    private final ThreadPoolExecutor scrapes;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<Readiness.Report> readiness;
    private final Supplier<Liveness.Report> liveness;
    private final ProgressQueries queries;
    private final IndicatorCatalogue catalogue;
    private Intake intake = Intake.OFF;
    private final BriefRoute brief;

    private HttpApi(final HttpPort port, final PrometheusMeterRegistry metrics,
                    final Supplier<Readiness.Report> readiness, final Supplier<Liveness.Report> liveness,
                    final ProgressQueries queries, final IndicatorCatalogue catalogue) {
        this.port = port;
        this.metrics = metrics;
        this.readiness = readiness;
        this.liveness = liveness;
        this.queries = queries;
        this.catalogue = catalogue;
        this.brief = new BriefRoute(queries, catalogue);
        this.api = pool("pacewatch-api", API_THREADS, API_QUEUE);
        this.scrapes = pool("pacewatch-scrape", SCRAPE_THREADS, SCRAPE_QUEUE);
    }

    private static ThreadPoolExecutor pool(final String name, final int threads, final int queue) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            final Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds the port first, so the service knows it before telling Kafka Streams where it answers. */
    public static HttpPort bind(final InetSocketAddress address) {
        return HttpPort.bind(address);
    }

    public static HttpApi start(final HttpPort bound, final PrometheusMeterRegistry metrics,
                                final Supplier<Readiness.Report> readiness, final Supplier<Liveness.Report> liveness,
                                final ProgressQueries queries, final IndicatorCatalogue catalogue) {
        return start(bound, metrics, readiness, liveness, queries, catalogue, Intake.OFF);
    }

    /** With the authenticated intake's POST routes ({@link Intake}); {@link Intake#OFF} leaves them out. */
    public static HttpApi start(final HttpPort bound, final PrometheusMeterRegistry metrics,
                                final Supplier<Readiness.Report> readiness, final Supplier<Liveness.Report> liveness,
                                final ProgressQueries queries, final IndicatorCatalogue catalogue, final Intake intake) {
        final HttpApi http = new HttpApi(bound, metrics, readiness, liveness, queries, catalogue);
        http.intake = intake;
        bound.start(intake.around(http::route), intake::accepts);
        LOG.info("HTTP on {}: / (leaders' page), /metrics, /health/live, /health/ready, /api/progress, /api/alerts,"
                + " /api/series-index, /api/ranking, /api/brief, /runbook", http.address());
        return http;
    }

    public InetSocketAddress address() {
        return port.address();
    }

    private void route(final Exchange exchange) {
        final String path = exchange.rawPath();
        switch (path) {
            case "/", StaticAssets.RUNBOOK -> StaticAssets.serve(exchange);
            case "/metrics" -> exchange.later(scrapes, this::scrape);
            case "/health/live" -> live(exchange);
            case "/health/ready" -> ready(exchange);
            case "/api/progress" -> exchange.later(api, this::progress);
            case "/api/alerts" -> exchange.later(api, this::alerts);
            case "/api/series-index" -> exchange.later(api, this::seriesIndex);
            default -> {
                if (path.startsWith(RankingRoute.PREFIX)) {
                    exchange.later(api, e -> e.jsonRevalidated(RankingRoute.answer(path.substring(RankingRoute.PREFIX.length()),
                            e.rawQuery(), catalogue, queries), REVALIDATE));
                } else if (path.startsWith("/api/progress/")) {
                    exchange.later(api, e -> e.jsonRevalidated(series(path.substring("/api/progress/".length()),
                            e.rawQuery()), REVALIDATE));
                } else if (path.startsWith(BriefRoute.PREFIX)) {
                    exchange.later(api, brief::answer);
                } else if (path.startsWith(StaticAssets.PREFIX)) {
                    StaticAssets.serve(exchange);
                } else {
                    throw ApiException.notFound("no such endpoint; try /, /api/progress, /api/alerts, /metrics");
                }
            }
        }
    }

    /**
     * Written straight into the answer as the registry writes it, gzipped when the scraper accepts it
     * (Prometheus does): at national size the text is tens of megabytes, which is neither held in
     * memory (once as a buffer, again as its copy) nor sent uncompressed to a scraper that takes gzip.
     * The collectors run before the first byte is written, so one that fails is still an error answer.
     */
    private void scrape(final Exchange exchange) throws IOException {
        final boolean gzip = exchange.acceptsGzip();
        exchange.header("Vary", "Accept-Encoding");
        if (gzip) {
            exchange.header("Content-Encoding", "gzip");
        }
        exchange.stream(PROMETHEUS_TEXT, gzip ? ScrapeGzip::around : null, out -> metrics.scrape(out, PROMETHEUS_TEXT));
    }

    private void live(final Exchange exchange) {
        final Liveness.Report report = liveness.get();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.alive() ? "UP" : "DOWN");
        report.failure().ifPresent(reason -> body.put("reason", reason));
        exchange.json(report.alive() ? 200 : 503, body);
    }

    private void ready(final Exchange exchange) {
        final Readiness.Report report = readiness.get();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "UP" : "DOWN");
        body.put("streams", report.streams().name());
        body.put("broker", report.brokerReachable() ? "REACHABLE" : "UNREACHABLE");
        body.put("reasons", report.reasons());
        exchange.json(report.ready() ? 200 : 503, body);
    }

    /**
     * Without {@code limit} and {@code cursor}: the whole filtered list, as before paging existed. With
     * either: one page in key order, the next announced in a {@code Link: <...>; rel="next"} header.
     */
    private void progress(final Exchange exchange) {
        final QueryParameters params = QueryParameters.parse(exchange.rawQuery(), PROGRESS_PARAMS);
        final ProgressFilter filter = params.filter(catalogue);
        if (!params.has("limit") && !params.has("cursor")) {
            list(exchange, params.localScope() ? complete(queries.local().latest(filter))
                    : queries.latest(filter, exchange.rawQuery()));
            return;
        }
        final int limit = params.limit(PAGE_DEFAULT, PAGE_MAX);
        final String after = params.cursorKey();
        if (params.localScope()) {
            list(exchange, complete(queries.local().latestPage(filter, after, limit)));
            return;
        }
        final ProgressQueries.Page<Progress> page = queries.latestPage(filter, exchange.rawQuery(), after, limit);
        page.nextAfter().ifPresent(last -> exchange.header("Link",
                "<" + nextPage(exchange.rawQuery(), Cursor.encode(last)) + ">; rel=\"next\""));
        list(exchange, page.gathered());
    }

    /** The same request with the cursor replaced: every other parameter stays as the client sent it. */
    private static String nextPage(final String rawQuery, final String cursor) {
        final String others = Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.startsWith("cursor=") && !pair.equals("cursor"))
                .collect(Collectors.joining("&"));
        return "/api/progress?" + (others.isEmpty() ? "" : others + "&") + "cursor=" + cursor;
    }

    private void seriesIndex(final Exchange exchange) {
        final QueryParameters params = QueryParameters.parse(exchange.rawQuery(), Set.of("scope"));
        if (params.localScope()) {
            exchange.jsonRevalidated(queries.local().seriesIndex(), INDEX_CACHE);
            return;
        }
        final ProgressQueries.Gathered<SeriesIndex> gathered = queries.seriesIndex();
        partialHeaders(exchange, gathered);
        exchange.jsonRevalidated(gathered.items().get(0), INDEX_CACHE);
    }

    private void alerts(final Exchange exchange) {
        final QueryParameters params = QueryParameters.parse(exchange.rawQuery(), ALERT_PARAMS);
        final ProgressFilter filter = params.filter(catalogue);
        final int limit = params.limit(100, MAX_ALERTS);
        list(exchange, params.localScope() ? complete(queries.local().alerts(filter))
                : queries.alerts(filter, exchange.rawQuery(), limit));
    }

    private static <T> ProgressQueries.Gathered<T> complete(final List<T> items) {
        return new ProgressQueries.Gathered<>(items, List.of());
    }

    /** A JSON array as ever; whether instances are missing from it is said in headers, not in the body. */
    private static void list(final Exchange exchange, final ProgressQueries.Gathered<?> gathered) {
        partialHeaders(exchange, gathered);
        exchange.jsonRevalidated(gathered.items(), REVALIDATE);
    }

    private static void partialHeaders(final Exchange exchange, final ProgressQueries.Gathered<?> gathered) {
        exchange.header(PARTIAL, Boolean.toString(gathered.partial()));
        if (gathered.partial()) {
            exchange.header(UNAVAILABLE, gathered.unavailable().stream().map(ProgressQueries::address)
                    .collect(Collectors.joining(",")));
        }
    }

    private Object series(final String rest, final String query) {
        final String[] parts = rest.split("/", -1);
        final boolean vintages = parts.length == 4 && "vintages".equals(parts[3]);
        if (parts.length != 3 && !vintages) {
            throw ApiException.notFound("use /api/progress/{region}/{indicator}/{year}[/vintages]");
        }
        final QueryParameters params = QueryParameters.parse(query, Set.of("scope", "asOf"));
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
        final String asOf = params.value("asOf");
        if (asOf != null) {
            if (vintages) {
                throw ApiException.badRequest("asOf applies to /api/progress/{region}/{indicator}/{year} only");
            }
            final Instant t = instant(asOf);
            return (params.localScope() ? queries.localSeriesAsOf(series, t) : queries.seriesAsOf(series, t))
                    .orElseThrow(() -> ApiException.notFound("no progress for " + Escape.text(series.id()) + " as of " + t));
        }
        return (params.localScope() ? queries.local().series(series) : queries.series(series))
                .orElseThrow(() -> ApiException.notFound("no progress for " + Escape.text(series.id())));
    }

    private static Instant instant(final String text) {
        try {
            return Instant.parse(text);
        } catch (final java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("asOf must be an ISO-8601 instant, e.g. 2023-06-20T01:00:00Z");
        }
    }

    static String decodePath(final String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("the path is not valid URL encoding");
        }
    }

    @Override
    public void close() {
        port.close();
        api.shutdownNow();
        scrapes.shutdownNow();
        intake.close();
    }
}
