package io.pacewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side at the end of the backfill, against the goals of issue #11: one {@code /metrics}
 * scrape (≤ 1 s, ≤ 30 MB, same values), {@code /api/progress?region=R&year=Y} (≤ 50 ms), and what an
 * open leaders' page downloads per minute (≤ 200 KB), replayed request by request as the page makes
 * them (app.js: a poll every 3 s, selectors and every pace curve every 10th poll, conditional
 * requests). Also walks {@code /api/progress} page by page and checks every series comes exactly once.
 * Nothing is written; the store is as the backfill left it, so the page's minute is one of a quiet screen.
 */
final class ReadSideProbe {

    static final double GOAL_SCRAPE_SECONDS = 1.0;
    static final long GOAL_SCRAPE_BYTES = 30_000_000L;
    /** The size the scrape goal is set for: 3,000 regions × 20 indicators. */
    static final long GOAL_SCRAPE_SERIES = 60_000L;
    static final double GOAL_REGION_READ_MS = 50;
    static final long GOAL_PAGE_BYTES_PER_MINUTE = 200_000L;
    private static final int POLLS_PER_MINUTE = 20;
    private static final int OPTIONS_EVERY = 10;
    private static final int REGION_READS = 30;
    /** Untimed reads first: the first requests of a fresh JVM time the JIT, not the store. */
    private static final int WARM_UP_READS = 10;
    private static final Pattern SERIES_SAMPLE = Pattern.compile("^(pacewatch_\\w+)\\{[^}]*region=\"[^\"]*\"[^}]*\\} .*$");

    private final Consumer<String> say;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;

    ReadSideProbe(final Consumer<String> say) {
        this.say = say;
    }

    /** @param expectedSeries regions × indicators × years of the load: what the paged walk should find */
    void run(final InetSocketAddress address, final long expectedSeries) throws IOException, InterruptedException {
        base = URI.create("http://" + address.getHostString() + ":" + address.getPort());
        say.accept("read side (issue #11 goals), against " + base);
        scrapes(expectedSeries);
        final JsonNode index = Json.MAPPER.readTree(get("/api/series-index", Optional.empty(), false).body());
        regionReads(index);
        leadersPageMinute(index);
        pagedWalk(expectedSeries);
    }

    private void scrapes(final long series) throws IOException, InterruptedException {
        final Timed<HttpResponse<byte[]>> cold = timed(() -> get("/metrics", Optional.empty(), false));
        final Timed<HttpResponse<byte[]>> warm = timed(() -> get("/metrics", Optional.empty(), false));
        final Timed<HttpResponse<byte[]>> gzip = timed(() -> get("/metrics", Optional.empty(), true));
        final List<String> coldSeries = seriesSamples(cold.value().body());
        final List<String> warmSeries = seriesSamples(warm.value().body());
        final boolean same = coldSeries.equals(warmSeries);
        say.accept(String.format("  /metrics first scrape (decodes every record): %.2f s, %,d bytes, %,d per-series samples",
                cold.seconds(), cold.value().body().length, coldSeries.size()));
        say.accept(String.format("  /metrics next scrape (nothing written since): %.2f s, %,d bytes; per-series samples %s",
                warm.seconds(), warm.value().body().length, same ? "identical to the first" : "DIFFER from the first"));
        say.accept(String.format("  /metrics with Accept-Encoding: gzip (as Prometheus asks): %.2f s, %,d bytes on the wire",
                gzip.seconds(), gzip.value().body().length));
        final boolean met = warm.seconds() <= GOAL_SCRAPE_SECONDS && gzip.seconds() <= GOAL_SCRAPE_SECONDS
                && gzip.value().body().length <= GOAL_SCRAPE_BYTES && same;
        say.accept(String.format("  goal: scrape <= %.0f s and <= %,d bytes, same values: %s (uncompressed text %s the size goal)%s",
                GOAL_SCRAPE_SECONDS, GOAL_SCRAPE_BYTES, met ? "MET" : "MISSED",
                warm.value().body().length <= GOAL_SCRAPE_BYTES ? "also meets" : "alone misses",
                series < GOAL_SCRAPE_SERIES ? String.format("; at %,d series, while the goal is set for %,d (3,000 regions x 20 indicators)",
                        series, GOAL_SCRAPE_SERIES) : ""));
    }

    private static List<String> seriesSamples(final byte[] scrape) {
        final List<String> samples = new ArrayList<>();
        for (final String line : new String(scrape, StandardCharsets.UTF_8).split("\n")) {
            final Matcher m = SERIES_SAMPLE.matcher(line);
            if (m.matches()) {
                samples.add(line);
            }
        }
        samples.sort(null);
        return samples;
    }

    private void regionReads(final JsonNode index) throws IOException, InterruptedException {
        final JsonNode regions = index.path("regions");
        if (regions.isEmpty()) {
            say.accept("  /api/progress?region=R&year=Y: no regions to read");
            return;
        }
        final double[] ms = new double[REGION_READS];
        long bytes = 0;
        for (int i = 0; i < WARM_UP_READS; i++) {
            get("/api/progress?region=" + encode(regions.get(i % regions.size()).path("region").asText()),
                    Optional.empty(), false);
        }
        for (int i = 0; i < REGION_READS; i++) {
            final JsonNode region = regions.get((int) ((long) i * regions.size() / REGION_READS));
            final String path = "/api/progress?region=" + encode(region.path("region").asText()) + "&year="
                    + region.path("years").get(0).asInt();
            final Timed<HttpResponse<byte[]>> read = timed(() -> get(path, Optional.empty(), false));
            ms[i] = read.seconds() * 1000;
            bytes += read.value().body().length;
        }
        Arrays.sort(ms);
        say.accept(String.format("  /api/progress?region=R&year=Y, %d regions spread over the index (after 10 untimed): median %.1f ms,"
                + " max %.1f ms, %,d bytes each on average", REGION_READS, ms[REGION_READS / 2], ms[REGION_READS - 1],
                bytes / REGION_READS));
        say.accept(String.format("  goal: <= %.0f ms (max of the %d): %s", GOAL_REGION_READ_MS, REGION_READS,
                ms[REGION_READS - 1] <= GOAL_REGION_READ_MS ? "MET" : "MISSED"));
    }

    /** A minute of the page on one region and year, after its first load, with the browser's cache (ETags). */
    private void leadersPageMinute(final JsonNode index) throws IOException, InterruptedException {
        final JsonNode regions = index.path("regions");
        if (regions.isEmpty()) {
            return;
        }
        final JsonNode region = regions.get(regions.size() / 2);
        final String list = "/api/progress?region=" + encode(region.path("region").asText()) + "&year="
                + region.path("years").get(0).asInt();
        final Browser browser = new Browser();
        final Timed<Long> firstLoad = timed(() -> {
            browser.get("/api/series-index");
            return pageDetails(browser, list);
        });
        browser.bytes = 0;
        for (int poll = 1; poll <= POLLS_PER_MINUTE; poll++) {
            if (poll % OPTIONS_EVERY == 0) {
                browser.get("/api/series-index");
                pageDetails(browser, list);
            } else {
                browser.get(list);
            }
        }
        say.accept(String.format("  leaders' page: first load %,d bytes (%.2f s); then %,d bytes a minute"
                + " (%d polls, %d of them with the selectors and every pace curve; headers counted)",
                firstLoad.value(), firstLoad.seconds(), browser.bytes, POLLS_PER_MINUTE, POLLS_PER_MINUTE / OPTIONS_EVERY));
        say.accept(String.format("  goal: <= %,d bytes a minute: %s", GOAL_PAGE_BYTES_PER_MINUTE,
                browser.bytes <= GOAL_PAGE_BYTES_PER_MINUTE ? "MET" : "MISSED"));
    }

    /** The list, then every series' pace curve, as the page's refreshSeries does when it refreshes everything. */
    private long pageDetails(final Browser browser, final String list) throws IOException, InterruptedException {
        for (final JsonNode p : Json.MAPPER.readTree(browser.get(list))) {
            browser.get("/api/progress/" + encode(p.path("region").asText()) + "/" + encode(p.path("indicator").asText())
                    + "/" + p.path("year").asInt());
        }
        return browser.bytes;
    }

    private void pagedWalk(final long expectedSeries) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        // Several pages even for a small load: a page boundary is where ordering mistakes show.
        final int limit = expectedSeries > 10_000 ? 1000 : 50;
        String next = "/api/progress?limit=" + limit;
        long series = 0;
        int pages = 0;
        long bytes = 0;
        String previous = null;
        boolean ordered = true;
        while (next != null) {
            final HttpResponse<byte[]> page = get(next, Optional.empty(), false);
            if (page.statusCode() != 200) {
                say.accept("  paged walk stopped: " + next + " answered " + page.statusCode());
                return;
            }
            bytes += page.body().length;
            pages++;
            for (final JsonNode p : Json.MAPPER.readTree(page.body())) {
                final String key = new SeriesKey(p.path("region").asText(), p.path("indicator").asText(), p.path("year").asInt()).id();
                ordered &= previous == null || Arrays.compareUnsigned(previous.getBytes(StandardCharsets.UTF_8),
                        key.getBytes(StandardCharsets.UTF_8)) < 0;
                previous = key;
                series++;
            }
            next = nextLink(page.headers()).orElse(null);
        }
        say.accept(String.format("  /api/progress?limit=%d walked by Link rel=next: %,d pages, %,d series (%s %,d expected),"
                + " each once in key order: %s, %.2f s, %,d bytes in all", limit, pages, series,
                series == expectedSeries ? "as" : "NOT the", expectedSeries, ordered ? "yes" : "NO",
                (System.nanoTime() - started) / 1e9, bytes));
    }

    private static Optional<String> nextLink(final HttpHeaders headers) {
        return headers.firstValue("Link").filter(l -> l.endsWith("rel=\"next\""))
                .map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>')));
    }

    private HttpResponse<byte[]> get(final String path, final Optional<String> etag, final boolean gzip)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A client with an HTTP cache as a browser's: revalidates with the ETag it holds, counts what it receives. */
    private final class Browser {
        private final java.util.Map<String, HttpResponse<byte[]>> cache = new java.util.HashMap<>();
        private long bytes;

        byte[] get(final String path) throws IOException, InterruptedException {
            final HttpResponse<byte[]> held = cache.get(path);
            final HttpResponse<byte[]> answer = ReadSideProbe.this.get(path,
                    held == null ? Optional.empty() : held.headers().firstValue("ETag"), false);
            bytes += answer.body().length + headerBytes(answer.headers());
            if (answer.statusCode() == 304 && held != null) {
                return held.body();
            }
            cache.put(path, answer);
            return answer.body();
        }

        /** "Name: value\r\n" per header and the status line: what the answer's head takes on the wire. */
        private static long headerBytes(final HttpHeaders headers) {
            return 17 + headers.map().entrySet().stream()
                    .mapToLong(e -> e.getValue().stream().mapToLong(v -> e.getKey().length() + 4 + v.length()).sum())
                    .sum();
        }
    }

    private interface Work<T> {
        T run() throws IOException, InterruptedException;
    }

    private record Timed<T>(T value, double seconds) {
    }

    private static <T> Timed<T> timed(final Work<T> work) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final T value = work.run();
        return new Timed<>(value, (System.nanoTime() - started) / 1e9);
    }
}
