package io.pacewatch.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad requests against the HTTP port of a running instance, sent over a raw socket so that nothing
 * (no URI class, no client library) cleans them up first: every answer must be a 4xx (or a 200 for a
 * request that is in fact fine), never a 5xx or a dropped connection; pacewatch's own error bodies
 * are JSON with an "error" message, without a stack trace and without a raw {@code <}; and the
 * instance is still ready afterwards.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpIT {

    private static final int TIMEOUT_MS = 15_000;

    private KafkaTestBroker kafka;
    private HostileService pacewatch;

    @BeforeAll
    void startService() throws Exception {
        pacewatch = HostileService.start(kafka, "hostile-http");
    }

    @AfterAll
    void stopService() throws IOException {
        if (pacewatch != null) {
            pacewatch.close();
        }
    }

    /**
     * What a request should get: a 4xx from pacewatch's routes (JSON), a 200, or a 4xx that the server
     * sends before any route runs (request-line, header and URI checks; JSON too).
     */
    enum Expect { CLIENT_ERROR, OK, REFUSED_BEFORE_ROUTING }

    record Probe(String name, byte[] request, Expect expect) {
    }

    static Probe get(final String name, final String target, final Expect expect) {
        return raw(name, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", expect);
    }

    static Probe method(final String method, final String target, final Expect expect) {
        return raw(method + " " + target, method + " " + target
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", expect);
    }

    static Probe raw(final String name, final String request, final Expect expect) {
        return new Probe(name, request.getBytes(StandardCharsets.ISO_8859_1), expect);
    }

    /** A request whose target is sent as raw UTF-8 bytes, not percent-encoded. */
    static Probe utf8(final String name, final String target, final Expect expect) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GET ".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return new Probe(name, out.toByteArray(), expect);
    }

    static List<Probe> probes() {
        final Expect bad = Expect.CLIENT_ERROR;
        final Expect ok = Expect.OK;
        final Expect refused = Expect.REFUSED_BEFORE_ROUTING;
        return List.of(
                get("unknown parameter", "/api/progress?foo=bar", bad),
                get("parameter without a value", "/api/progress?region", bad),
                get("empty parameter name", "/api/progress?=x", bad),
                get("empty pairs", "/api/progress?region=luohu&&year=2023", bad),
                get("year not a number", "/api/progress?year=20x3", bad),
                get("year with 20 digits", "/api/progress?year=99999999999999999999", bad),
                get("negative year", "/api/progress?year=-1", bad),
                get("year out of range", "/api/progress?year=3000", bad),
                get("year with a decimal point", "/api/progress?year=2023.0", bad),
                get("year given twice", "/api/progress?year=2023&year=2024", bad),
                get("bad status", "/api/progress?status=WINNING", bad),
                get("status as encoded script", "/api/progress?status=%3Cscript%3Ealert(1)%3C%2Fscript%3E", bad),
                get("region as encoded script", "/api/progress?region=%3Cscript%3Ealert(1)%3C%2Fscript%3E", bad),
                get("parameter name as encoded script", "/api/progress?%3Cscript%3Ealert(1)%3C%2Fscript%3E=1", bad),
                get("parameter name as encoded img", "/api/progress?%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1", bad),
                get("SQL-ish region", "/api/progress?region=x%27%20OR%201%3D1--", bad),
                get("SQL-ish drop", "/api/progress?region=luohu%27%3BDROP%20TABLE%20progress%3B--", bad),
                get("SQL-ish union", "/api/progress?indicator=GDP%20UNION%20SELECT%20*", bad),
                get("NUL in indicator", "/api/progress?indicator=GDP%00", bad),
                get("unknown indicator", "/api/progress?indicator=NOPE", bad),
                get("region with RLO", "/api/progress?region=%E2%80%AEluohu", bad),
                get("region with ESC", "/api/progress?region=luohu%1B%5B2J", bad),
                get("parameter name with ESC and RLO", "/api/progress?x%1B%5B2J%E2%80%AE=1", bad),
                get("overlong UTF-8 escape", "/api/progress?region=%C0%AF", bad),
                get("double-encoded script", "/api/progress?region=%253Cscript%253E", bad),
                get("double-encoded parameter name", "/api/progress?%253Cb%253E=1", bad),
                get("plus in region", "/api/progress?region=a+b", bad),
                get("progress has no limit", "/api/progress?limit=5", bad),
                get("limit zero", "/api/alerts?limit=0", bad),
                get("limit negative", "/api/alerts?limit=-5", bad),
                get("limit too big", "/api/alerts?limit=1001", bad),
                get("limit 20 digits", "/api/alerts?limit=99999999999999999999", bad),
                get("limit not a number", "/api/alerts?limit=ten", bad),
                get("bad severity", "/api/alerts?severity=PANIC", bad),
                get("scope given twice", "/api/alerts?scope=local&scope=local", bad),
                get("10 kB region", "/api/progress?region=" + "a".repeat(10_000), bad),
                get("10 kB URL of parameters", "/api/progress?" + "a=1&".repeat(2_500), bad),
                get("100 kB parameter name", "/api/progress?" + "x".repeat(100_000) + "=1", bad),
                get("100 kB path segment", "/api/progress/" + "r".repeat(100_000) + "/GDP/2023", bad),
                get("100 kB of encoded script", "/api/progress?region=" + "%3Cscript%3E".repeat(8_500), bad),
                get("series path too long", "/api/progress/luohu/GDP/2023/extra", bad),
                get("series path too short", "/api/progress/luohu/GDP", bad),
                get("series year empty", "/api/progress/luohu/GDP/", bad),
                get("series year fractional", "/api/progress/luohu/GDP/2023.5", bad),
                get("series year out of range", "/api/progress/luohu/GDP/1899", bad),
                get("series year full-width", "/api/progress/luohu/GDP/%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%93", bad),
                get("series unknown indicator", "/api/progress/luohu/NOPE/2023", bad),
                get("series unknown region", "/api/progress/nobody-here/GDP/2023", bad),
                get("series region encoded script", "/api/progress/%3Cscript%3E/GDP/2023", bad),
                get("series region encoded slash traversal", "/api/progress/..%2F..%2Fetc%2Fpasswd/GDP/2023", bad),
                get("series region dot-dot", "/api/progress/%2e%2e/GDP/2023", bad),
                get("series region NUL", "/api/progress/luohu%00/GDP/2023", bad),
                get("series region encoded RLO", "/api/progress/%E2%80%AEluohu/GDP/2023", bad),
                get("series with query", "/api/progress/luohu/GDP/2023?foo=1", bad),
                get("dot-dot traversal", "/api/progress/../../../etc/passwd", bad),
                get("dot-dot from the root", "/../../etc/passwd", bad),
                get("encoded dot-dot from the root", "/%2e%2e/%2e%2e/etc/passwd", bad),
                get("unknown endpoint", "/admin", bad),
                get("vintages of an unknown series", "/api/progress/nobody-here/GDP/2023/vintages", bad),
                get("vintages in capitals", "/api/progress/luohu/GDP/2023/VINTAGES", bad),
                get("vintages with more path", "/api/progress/luohu/GDP/2023/vintages/extra", bad),
                get("vintages of an encoded script region", "/api/progress/%3Cscript%3E/GDP/2023/vintages", bad),
                get("the page", "/?x=%3Cscript%3E", ok),
                get("an asset", "/assets/app.js", ok),
                get("asset traversal", "/assets/../../../etc/passwd", bad),
                get("asset encoded traversal", "/assets/%2e%2e%2f%2e%2e%2fpacewatch%2fwire%2fJson.class", bad),
                get("asset of another classpath resource", "/assets/../catalogue/indicators.json", bad),
                get("asset encoded slash", "/assets/%2Fetc%2Fpasswd", bad),
                get("asset with NUL", "/assets/app.js%00.html", bad),
                get("asset in capitals", "/assets/APP.JS", bad),
                get("asset directory", "/assets/", bad),
                get("asset double slash", "/assets//app.js", bad),
                get("asset with trailing dot-dot", "/assets/app.js/..", bad),
                get("asset with encoded script name", "/assets/%3Cscript%3Ealert(1)%3C%2Fscript%3E", bad),
                get("double slash", "//api//progress", bad),
                get("absolute-form target", "http://evil.example/api/progress?year=2023", ok),
                get("valid list", "/api/progress?year=2023&status=NOT_ASSESSABLE", ok),
                get("valid alerts", "/api/alerts?limit=1000&severity=critical", ok),
                get("unicode region, encoded", "/api/progress?region=%E7%BD%97%E6%B9%96", ok),
                get("metrics ignores a query", "/metrics?x=%3Cscript%3E", ok),
                get("liveness", "/health/live", ok),
                method("POST", "/api/progress", bad),
                method("PUT", "/api/progress", bad),
                method("DELETE", "/api/progress/luohu/GDP/2023", bad),
                method("PATCH", "/api/alerts", bad),
                method("OPTIONS", "/api/progress", bad),
                method("TRACE", "/api/progress", bad),
                method("get", "/api/progress", bad),
                method("BREW", "/metrics", bad),
                raw("HEAD list", "HEAD /api/progress HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", ok),
                raw("HEAD bad year", "HEAD /api/progress?year=abc HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", bad),
                raw("HTTP/1.0 without Host", "GET /api/progress HTTP/1.0\r\n\r\n", ok),
                // Not valid in a URI, or not HTTP: refused before any route.
                get("raw percent-encoding error %zz", "/api/progress?region=%zz", refused),
                get("raw truncated escape", "/api/progress?region=%E0%A4%A", refused),
                get("raw lone percent", "/api/progress?region=%", refused),
                get("raw script in query", "/api/progress?status=<script>alert(1)</script>", refused),
                get("raw script in path", "/api/progress/<script>/GDP/2023", refused),
                get("raw quote injection", "/api/progress?region=\"onmouseover=alert(1)", refused),
                utf8("raw UTF-8 region", "/api/progress?region=罗湖", refused),
                utf8("raw UTF-8 RLO in path", "/api/progress/\u202eluohu/GDP/2023", refused),
                get("asterisk target", "*", refused),
                get("raw backslash traversal", "/assets/..\\..\\web\\index.html", refused),
                raw("no HTTP version", "GET /api/progress\r\n\r\n", refused),
                raw("garbage request line", "HELLO\r\n\r\n", refused),
                raw("binary request line", "\u0000\u0001\u0002\u00ff\r\n\r\n", refused),
                raw("header without colon", "GET /api/progress HTTP/1.1\r\nHost: localhost\r\nnonsense\r\n"
                        + "Connection: close\r\n\r\n", refused),
                raw("negative content length", "GET /api/progress HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n"
                        + "Connection: close\r\n\r\n", refused),
                raw("500 headers", "GET /api/progress HTTP/1.1\r\nHost: localhost\r\n" + "X-A: b\r\n".repeat(500)
                        + "Connection: close\r\n\r\n", ok),
                raw("100 kB header", "GET /api/progress HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(100_000)
                        + "\r\nConnection: close\r\n\r\n", ok),
                get("380 kB parameter name", "/api/progress?" + "x".repeat(380_000) + "=1", bad),
                raw("chunked POST with a bad chunk", "POST /api/progress HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n", bad));
    }

    /** Request heads over the server's limit (128 KiB): a 414 for the request line, else a 431, in JSON. */
    static List<Probe> oversizeHeads() {
        final Expect bad = Expect.CLIENT_ERROR;
        return List.of(
                get("400 kB parameter name", "/api/progress?" + "x".repeat(400_000) + "=1", bad),
                get("1 MB parameter name", "/api/progress?" + "x".repeat(1_000_000) + "=1", bad),
                get("1 MB path segment", "/api/progress/" + "r".repeat(1_000_000) + "/GDP/2023", bad),
                raw("1 MB header", "GET /api/progress HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(1_000_000)
                        + "\r\nConnection: close\r\n\r\n", bad));
    }

    private static final Pattern STACK_TRACE = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\tat |Caused by:");

    record Answer(int status, String head, String body, String failure) {
        String summary() {
            return failure != null ? failure : status + " " + contentType() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }

        String contentType() {
            return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        }
    }

    @Test
    @DisplayName("every bad request gets a 4xx, pacewatch's own with a JSON message; never a 5xx, a stack trace or a raw '<';"
            + " the instance stays ready, also after request heads too big for the server")
    void badRequests() throws Exception {
        final List<String> problems = new ArrayList<>();
        for (final Probe probe : probes()) {
            final Answer a = send(probe.request());
            final String what = probe.name() + " -> " + a.summary();
            if (a.failure() != null) {
                problems.add(what + ": no answer");
                continue;
            }
            if (a.status() >= 500) {
                problems.add(what + ": a server error");
            }
            if (STACK_TRACE.matcher(a.body()).find()) {
                problems.add(what + ": a stack trace in the body");
            }
            final boolean head = new String(probe.request(), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            switch (probe.expect()) {
                case OK -> {
                    if (a.status() != 200) {
                        problems.add(what + ": expected 200");
                    }
                }
                case CLIENT_ERROR -> {
                    if (a.status() < 400 || a.status() > 499) {
                        problems.add(what + ": expected a 4xx");
                    }
                    problems.addAll(jsonErrorProblems(what, a, head));
                }
                case REFUSED_BEFORE_ROUTING -> {
                    if (a.status() < 400 || a.status() > 499) {
                        problems.add(what + ": expected a 4xx");
                    }
                    problems.addAll(jsonErrorProblems(what, a, head));
                }
                default -> throw new IllegalStateException();
            }
        }
        for (final Probe probe : oversizeHeads()) {
            final Answer a = send(probe.request());
            if (a.failure() == null && (a.status() < 400 || a.status() > 499)) {
                problems.add(probe.name() + " -> " + a.summary() + ": expected a 4xx or no answer");
            }
        }
        assertThat(problems).as("answers to bad requests").isEmpty();
        assertThat(pacewatch.get("/health/ready").statusCode()).as("ready afterwards").isEqualTo(200);
        assertThat(pacewatch.get("/api/progress?year=2023").statusCode()).as("still answering").isEqualTo(200);
    }

    /** Was a finding with the JDK's HttpServer, which answered these itself in HTML ('URISyntaxException thrown'). */
    @Test
    @DisplayName("requests refused before any route (bad request line, header or URI) also get a JSON error")
    void refusalsBeforeRoutingAreJson() {
        final List<String> problems = new ArrayList<>();
        probes().stream().filter(p -> p.expect() == Expect.REFUSED_BEFORE_ROUTING).forEach(probe -> {
            final Answer a = send(probe.request());
            problems.addAll(jsonErrorProblems(probe.name() + " -> " + a.summary(), a, false));
        });
        assertThat(problems).isEmpty();
    }

    /** Was a finding with the JDK's HttpServer, which closed the socket without an answer ('Connection reset'). */
    @Test
    @DisplayName("request heads over the server's limit get a JSON 414 or 431")
    void oversizeRequestHeadsGetAnAnswer() {
        final List<String> problems = new ArrayList<>();
        oversizeHeads().forEach(probe -> {
            final Answer a = send(probe.request());
            if (a.status() != 414 && a.status() != 431) {
                problems.add(probe.name() + " -> " + a.summary());
            }
            problems.addAll(jsonErrorProblems(probe.name() + " -> " + a.summary(), a, false));
        });
        assertThat(problems).isEmpty();
    }

    private static List<String> jsonErrorProblems(final String what, final Answer a, final boolean head) {
        final List<String> problems = new ArrayList<>();
        if (!a.contentType().startsWith("application/json")) {
            problems.add(what + ": not JSON");
            return problems;
        }
        if (head) {
            if (!a.body().isEmpty()) {
                problems.add(what + ": a body in the answer to HEAD");
            }
            return problems;
        }
        if (a.body().indexOf('<') >= 0) {
            problems.add(what + ": a raw '<' in the body");
        }
        if (!HostileService.hiddenIn(a.body()).isEmpty()) {
            problems.add(what + ": hidden characters in the body " + HostileService.hiddenIn(a.body()));
        }
        try {
            final JsonNode error = Json.MAPPER.readTree(a.body()).get("error");
            if (error == null || !error.isTextual() || error.asText().isBlank()) {
                problems.add(what + ": no \"error\" message");
            }
        } catch (final IOException e) {
            problems.add(what + ": the body is not JSON");
        }
        return problems;
    }

    private Answer send(final byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", pacewatch.httpPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            final OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] response = in.readAllBytes();
            final String text = new String(response, StandardCharsets.UTF_8);
            final int split = text.indexOf("\r\n\r\n");
            final String head = split < 0 ? text : text.substring(0, split);
            final String body = split < 0 ? "" : text.substring(split + 4);
            if (!head.startsWith("HTTP/1.")) {
                return new Answer(-1, head, body, response.length == 0 ? "connection closed without an answer"
                        : "not an HTTP answer: " + head);
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body, null);
        } catch (final SocketTimeoutException e) {
            return new Answer(-1, "", "", "no answer within " + TIMEOUT_MS + " ms");
        } catch (final IOException e) {
            return new Answer(-1, "", "", e.toString());
        }
    }
}
