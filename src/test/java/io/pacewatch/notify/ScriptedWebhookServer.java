package io.pacewatch.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 whose answers per path follow a script: fail with a status,
 * hang past the client's timeout, answer a robot-style error, then succeed. Records every request
 * and whether it was answered with success.
 */
final class ScriptedWebhookServer implements AutoCloseable {

    /** What the server does with one request. */
    sealed interface Step permits Status, Hang, Body {
    }

    record Status(int code) implements Step {
    }

    /** Sleeps, then answers 504: the client has given up by then, and the request did not take effect. */
    record Hang(Duration sleep) implements Step {
    }

    record Body(int code, String body) implements Step {
    }

    record Request(String path, String query, Map<String, List<String>> headers, byte[] body) {

        String header(final String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Step>> scripts = new HashMap<>();
    private final Map<String, Step> otherwise = new HashMap<>();
    /** Every request, as it arrives. */
    private final List<Request> requests = new ArrayList<>();
    /** The requests answered with success, as they are answered. */
    private final List<Request> successes = new ArrayList<>();

    ScriptedWebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Steps for the next requests to {@code path}; after them, {@code then} for every request. */
    synchronized void script(final String path, final Step then, final Step... steps) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(steps));
        otherwise.put(path, then);
    }

    synchronized List<Request> requests(final String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    synchronized List<Request> successes(final String path) {
        return successes.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String path = exchange.getRequestURI().getPath();
            final Request request = new Request(path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            final Step step;
            synchronized (this) {
                requests.add(request);
                final Deque<Step> script = scripts.get(path);
                step = script != null && !script.isEmpty() ? script.poll() : otherwise.getOrDefault(path, new Status(404));
            }
            int code;
            String answer = "";
            if (step instanceof Hang hang) {
                try {
                    Thread.sleep(hang.sleep().toMillis());
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                code = 504;
            } else if (step instanceof Body withBody) {
                code = withBody.code();
                answer = withBody.body();
            } else {
                code = ((Status) step).code();
                answer = code / 100 == 2 ? "ok" : "";
            }
            // Success as the notifier judges it: 2xx, and for robot-style answers errcode 0.
            final boolean succeeded = code / 100 == 2 && (!answer.contains("errcode") || answer.contains("\"errcode\":0"));
            if (succeeded) {
                synchronized (this) {
                    successes.add(request);
                }
            }
            final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (final IOException e) {
                // The client hung up (it timed out): that is the point of Hang.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
