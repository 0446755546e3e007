package io.pacewatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Just enough of the Chrome DevTools protocol to test a page in Debian's headless Chromium, with the
 * JDK's own WebSocket client and no other dependency: launch, open a tab, navigate, evaluate
 * JavaScript, wait for a condition, take a screenshot, and collect every script error, console
 * error and Content-Security-Policy violation the page produced. Every call is bounded; close()
 * kills the browser and all its processes and removes its profile.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's chromium package; {@code -Dpacewatch.chromium=PATH} points elsewhere. */
    static final Path BINARY = Path.of(System.getProperty("pacewatch.chromium", "/usr/bin/chromium"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private WebSocket socket;

    private HeadlessChromium(final Process process, final Path profile) {
        this.process = process;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium and connects to its browser endpoint, within {@code timeout}. */
    static HeadlessChromium launch(final Duration timeout) throws IOException, InterruptedException {
        final Path profile = Files.createTempDirectory("pacewatch-chromium");
        final Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--mute-audio", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        final HeadlessChromium browser = new HeadlessChromium(process, profile);
        try {
            final CompletableFuture<String> endpoint = new CompletableFuture<>();
            final Thread reader = new Thread(() -> browser.drainStderr(endpoint), "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            final String url;
            try {
                url = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final ExecutionException | TimeoutException e) {
                throw new IOException("Chromium did not open its DevTools endpoint within " + timeout + "; stderr: "
                        + browser.stderr(), e);
            }
            browser.socket = HttpClient.newBuilder().connectTimeout(timeout).build().newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(URI.create(url), browser.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return browser;
        } catch (final IOException | InterruptedException | RuntimeException e) {
            browser.close();
            throw e;
        } catch (final ExecutionException | TimeoutException e) {
            browser.close();
            throw new IOException("cannot connect to Chromium's DevTools endpoint", e);
        }
    }

    private void drainStderr(final CompletableFuture<String> endpoint) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > 40) {
                        stderrTail.removeFirst();
                    }
                }
                final Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    endpoint.complete(m.group(1));
                }
            }
        } catch (final IOException e) {
            // the process is gone
        } finally {
            endpoint.completeExceptionally(new IOException("Chromium exited (" + exitText() + ")"));
        }
    }

    private String exitText() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    String stderr() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** Script errors, console errors and CSP violations seen so far in any tab. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Opens a new tab of the given viewport size, with script and log events reported to {@link #problems()}. */
    Tab newTab(final int width, final int height) throws IOException, InterruptedException {
        final String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        final String session = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .get("sessionId").asText();
        final Tab tab = new Tab(session);
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
        tab.viewport(width, height);
        return tab;
    }

    /** One browser tab (a CDP session). */
    final class Tab {
        private final String session;

        private Tab(final String session) {
            this.session = session;
        }

        void viewport(final int width, final int height) throws IOException, InterruptedException {
            call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
        }

        void prefersColorScheme(final String scheme) throws IOException, InterruptedException {
            call(session, "Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        }

        /** Navigates and waits until the document has loaded. */
        void navigate(final String url, final Duration timeout) throws IOException, InterruptedException {
            evaluate("window.__previousDocument = true");
            final JsonNode result = call(session, "Page.navigate", Map.of("url", url));
            if (result.hasNonNull("errorText")) {
                throw new IOException("navigation to " + url + " failed: " + result.get("errorText").asText());
            }
            waitFor("document.readyState === 'complete' && location.href !== 'about:blank' && !window.__previousDocument",
                    JsonNode::asBoolean, timeout, "the page to load");
        }

        /** Evaluates a JavaScript expression (awaiting a promise) and returns its JSON value. */
        JsonNode evaluate(final String expression) throws IOException, InterruptedException {
            final JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression,
                    "returnByValue", true, "awaitPromise", true));
            if (result.hasNonNull("exceptionDetails")) {
                throw new IOException("script failed: " + result.get("exceptionDetails").toString());
            }
            final JsonNode value = result.path("result").get("value");
            return value == null ? JSON.nullNode() : value;
        }

        /**
         * Evaluates {@code expression} every 200 ms until {@code until} accepts its value; fails with
         * the last value seen after {@code timeout}.
         */
        JsonNode waitFor(final String expression, final Predicate<JsonNode> until, final Duration timeout,
                         final String what) {
            final AtomicReference<JsonNode> last = new AtomicReference<>();
            try {
                return Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                        .until(() -> {
                            last.set(evaluate(expression));
                            return last.get();
                        }, until);
            } catch (final ConditionTimeoutException e) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: "
                        + last.get() + "; page problems: " + problems(), e);
            }
        }

        /** A PNG of the whole page, also what lies below the viewport, without changing the layout. */
        byte[] screenshot() throws IOException, InterruptedException {
            final JsonNode size = evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            final JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get(0).asInt(),
                            "height", size.get(1).asInt(), "scale", 1)));
            return Base64.getDecoder().decode(shot.get("data").asText());
        }
    }

    private JsonNode call(final String session, final String method, final Map<String, ?> params)
            throws IOException, InterruptedException {
        final int id = ids.incrementAndGet();
        final ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            final JsonNode response = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                throw new IOException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (final ExecutionException e) {
            throw new IOException(method + " failed", e.getCause());
        } catch (final TimeoutException e) {
            throw new IOException(method + " got no answer within " + CALL_TIMEOUT + " (Chromium " + exitText() + ")");
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(final String text) {
        final JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (final IOException e) {
            problems.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            final CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        final String method = message.path("method").asText();
        final JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> problems.add("script exception: "
                    + params.path("exceptionDetails").path("exception").path("description").asText(
                    params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                final String type = params.path("type").asText();
                if ("error".equals(type) || "assert".equals(type)) {
                    problems.add("console." + type + ": " + params.path("args").toString());
                }
            }
            case "Log.entryAdded" -> {
                final JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    problems.add("log (" + entry.path("source").asText() + "): " + entry.path("text").asText() + " "
                            + entry.path("url").asText());
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            buffer.append(data);
            if (last) {
                final String text = buffer.toString();
                buffer.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("DevTools connection closed")));
            return null;
        }
    }

    @Override
    public void close() {
        final List<ProcessHandle> family = process.descendants().toList();
        if (socket != null) {
            try {
                call(null, "Browser.close", Map.of());
            } catch (final IOException | InterruptedException | RuntimeException e) {
                // killed below anyway
            }
            socket.abort();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
            family.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            // a temporary directory; the OS cleans up
        }
    }
}
