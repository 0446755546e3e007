package io.pacewatch.http;

import com.sun.net.httpserver.HttpExchange;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leaders' page: a few fixed files bundled in the jar under {@code /web/}, served as {@code /}
 * (the page) and {@code /assets/<name>}. Only the names of {@link #TYPES} are ever looked up, taken
 * verbatim from the raw path, so nothing outside that list (no {@code ..}, no encoded slashes, no
 * other classpath resource) can be reached. Every answer carries a Content-Security-Policy that
 * allows this origin only and no inline script or style, and {@code nosniff}.
 */
public final class StaticAssets {

    /** The URL prefix of the bundled files. */
    public static final String PREFIX = "/assets/";

    /** What the page may load: itself only. No inline script or style, no frames, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String INDEX = "index.html";
    private static final String RESOURCE_DIR = "/web/";

    /** The allow-list: every servable name and its Content-Type. */
    private static final Map<String, String> TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private StaticAssets() {
    }

    /** True for the paths this class answers: {@code /} and anything under {@link #PREFIX}. */
    public static boolean handles(final String rawPath) {
        return "/".equals(rawPath) || rawPath.startsWith(PREFIX);
    }

    /**
     * Answers {@code GET} or {@code HEAD} for {@code /} or {@code /assets/<name>}: the bundled file, or
     * a JSON 404 for any name not on the allow-list. Does not close the exchange.
     */
    public static void serve(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        final String name = "/".equals(path) ? INDEX
                : path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
        final Optional<byte[]> body = name == null || !TYPES.containsKey(name) ? Optional.empty() : load(name);
        final var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        if (body.isEmpty()) {
            headers.set("Content-Type", "application/json; charset=utf-8");
            headers.set("Cache-Control", "no-store");
            send(exchange, 404, Json.MAPPER.writeValueAsBytes(Map.of("status", 404, "error",
                    "no such asset; the page is at /")));
            return;
        }
        headers.set("Content-Type", TYPES.get(name));
        // Revalidate on every load so a new jar's page is picked up at once; the files are small.
        headers.set("Cache-Control", "no-cache");
        send(exchange, 200, body.get());
    }

    private static Optional<byte[]> load(final String name) {
        final byte[] cached = CACHE.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                return Optional.empty();
            }
            final byte[] bytes = in.readAllBytes();
            CACHE.put(name, bytes);
            return Optional.of(bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read bundled asset " + name, e);
        }
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
