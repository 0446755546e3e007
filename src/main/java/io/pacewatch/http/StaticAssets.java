package io.pacewatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled files: the leaders' page under {@code /web/}, served as {@code /} (the page) and
 * {@code /assets/<name>}, and the operator runbook at {@code /runbook}. Only the names of {@link #TYPES}
 * are ever looked up, taken verbatim from the raw path, so nothing outside that list (no {@code ..}, no
 * encoded slashes, no other classpath resource) can be reached. Every answer carries a
 * Content-Security-Policy that allows this origin only and no inline script or style.
 */
public final class StaticAssets {

    /** The URL prefix of the bundled files. */
    public static final String PREFIX = "/assets/";
    /** Where the operator runbook (docs/runbook.md, bundled at build time) is served. */
    public static final String RUNBOOK = "/runbook";

    /** What the page may load: itself only. No inline script or style, no frames, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String INDEX = "index.html";
    private static final String RUNBOOK_FILE = "runbook.md";
    private static final String RESOURCE_DIR = "/web/";

    /**
     * The allow-list: every servable name and its Content-Type. The runbook is served as text/plain,
     * which every browser shows inline (Chromium shows text/markdown inline too; not every browser does).
     */
    private static final Map<String, String> TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml",
            RUNBOOK_FILE, "text/plain; charset=utf-8");

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private StaticAssets() {
    }

    /** Answers {@code /}, {@link #RUNBOOK} or {@code /assets/<name>}: the bundled file, or a 404 for any other name. */
    public static void serve(final Exchange exchange) {
        final String path = exchange.rawPath();
        final String name = "/".equals(path) ? INDEX
                : RUNBOOK.equals(path) ? RUNBOOK_FILE
                : path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
        exchange.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
        final byte[] body = (name == null || !TYPES.containsKey(name) ? Optional.<byte[]>empty() : load(name))
                .orElseThrow(() -> ApiException.notFound("no such asset; the page is at /"));
        // Revalidated on every load, as the API's answers are, so a new jar's page is picked up at once.
        exchange.revalidated(TYPES.get(name), body, HttpApi.REVALIDATE);
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
}
