package io.pacewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacewatch.http.HttpPort;
import io.pacewatch.http.StaticAssets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The leaders' page files as {@link StaticAssets} serves them (on the bare HTTP port, no Kafka): the
 * right types and security headers, a JSON 404 for anything off the allow-list however the path is
 * spelled (a JSON 400 for ambiguous spellings), the runbook as text, and bundled files that load nothing from elsewhere and never parse data as HTML.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticAssetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ASSETS = List.of("index.html", "app.js", "app.css", "favicon.svg");
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpPort server;

    @BeforeAll
    void start() {
        server = HttpPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start(StaticAssets::serve);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
        "/, text/html; charset=utf-8",
        "/assets/index.html, text/html; charset=utf-8",
        "/assets/app.js, text/javascript; charset=utf-8",
        "/assets/app.css, text/css; charset=utf-8",
        "/assets/favicon.svg, image/svg+xml",
    })
    @DisplayName("each bundled file comes with its type, a strict CSP and nosniff")
    void servesBundledFiles(final String path, final String type) throws Exception {
        final HttpResponse<byte[]> response = get(path, "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        final String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(response.body()).isNotEmpty();
    }

    @Test
    @DisplayName("HEAD answers the headers without a body")
    void head() throws Exception {
        final HttpResponse<byte[]> response = get("/", "HEAD");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/", "/assets/nope.js", "/assets/APP.JS", "/assets/app.js/", "/assets/web/app.js",
        "/assets/../catalogue/indicators.json", "/assets/./app.js", "/assets/app.js;x", "/assets/log4j2.xml"})
    @DisplayName("anything off the allow-list is a JSON 404")
    void unknownAssets(final String path) throws Exception {
        assertJsonError(path, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/app.js%00", "/assets/%2e%2e/catalogue/indicators.json",
        "/assets/..%2fcatalogue%2findicators.json", "/assets//app.js", "/assets/../../web/index.html"})
    @DisplayName("ambiguous spellings of a path (encoded dots or slashes, NUL, empty segments, above the root) are"
            + " refused before any route with a JSON 400")
    void ambiguousPaths(final String path) throws Exception {
        assertJsonError(path, 400);
    }

    @Test
    @DisplayName("a browser revalidating a file it has gets a 304 without a body, as the API's answers do")
    void revalidation() throws Exception {
        final HttpResponse<byte[]> first = get("/assets/app.js", "GET");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        final String tag = first.headers().firstValue("ETag").orElseThrow();
        final HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/assets/app.js"))
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/assets/app.css", "GET").headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
    }

    @Test
    @DisplayName("the runbook is served as plain text, which browsers show inline")
    void runbook() throws Exception {
        final HttpResponse<byte[]> response = get(StaticAssets.RUNBOOK, "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(Path.of("docs/runbook.md")));
    }

    private void assertJsonError(final String path, final int status) throws IOException {
        final RawResponse response = raw(path);
        assertThat(response.status).as(path).isEqualTo(status);
        assertThat(response.headers).containsIgnoringCase("Content-Type: application/json");
        assertThat(response.headers).containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(JSON.readTree(response.body).get("status").asInt()).isEqualTo(status);
        assertThat(JSON.readTree(response.body).get("error").asText()).isNotBlank();
    }

    @Test
    @DisplayName("the page loads only its own files: no inline script or style, no external address")
    void pageLoadsOnlyItsOwnFiles() throws Exception {
        final String html = text("index.html");
        final Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=\"/assets/");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
        final Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        while (refs.find()) {
            assertThat(refs.group(1)).startsWith("/assets/");
            assertThat(get(refs.group(1), "GET").statusCode()).as(refs.group(1)).isEqualTo(200);
        }
        for (final String asset : ASSETS) {
            assertThat(text(asset).replace(SVG_NAMESPACE, "")).as(asset)
                    .doesNotContainPattern("(?i)https?://|\\burl\\(|@import|src=\"//|href=\"//");
        }
    }

    @Test
    @DisplayName("the script never parses data as HTML and never evaluates strings")
    void scriptWritesTextOnly() throws Exception {
        final String js = text("app.js");
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute('style'", "DOMParser", "createContextualFragment");
        assertThat(js).contains("textContent", "encodeURIComponent");
    }

    private String text(final String asset) throws IOException {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/web/" + asset)) {
            assertThat(in).as(asset + " is bundled").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<byte[]> get(final String path, final String method) throws Exception {
        final URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private record RawResponse(int status, String headers, String body) {
    }

    /** Sends the path byte for byte: HTTP clients would normalise the dot segments away. */
    private RawResponse raw(final String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int split = answer.indexOf("\r\n\r\n");
            final String head = answer.substring(0, split);
            final int status = Integer.parseInt(head.substring(9, 12));
            return new RawResponse(status, head, answer.substring(split + 4));
        }
    }
}
