package io.pacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.SafeText;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs with the JDK's HTTP client and judges the answer the way each receiver defines success:
 * any 2xx for generic endpoints and Slack; for WeCom and DingTalk robots, which answer 200 even
 * when they refuse a message, a 2xx whose JSON body says {@code "errcode": 0}. Redirects are not
 * followed (a robot URL that redirects is misconfigured). Proxies come from the JVM's standard
 * {@code https.proxyHost}/{@code http.proxyHost} properties.
 */
final class WebhookClient implements Transport, AutoCloseable {

    private static final int MAX_DETAIL = 200;

    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient http;

    WebhookClient(final Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            final Thread thread = new Thread(r, "pacewatch-notify-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.getDefault())
                .executor(executor)
                .build();
    }

    @Override
    public CompletableFuture<Outcome> send(final Route route, final WebhookRequest request) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> judge(route.type(), response.statusCode(), response.body(),
                            response.headers().firstValue("Retry-After").orElse(null)))
                    // The request timeout covers the wait for the answer; this bounds everything else too.
                    .orTimeout(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)
                    .exceptionally(this::describe);
        } catch (final RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed("request not sent: " + e));
        }
    }

    static Outcome judge(final WebhookType type, final int status, final String body, final String retryAfter) {
        if (status / 100 != 2) {
            return Outcome.failed(status, "HTTP " + status + bodyExcerpt(body), status == 429 || status == 503
                    ? parseRetryAfter(retryAfter) : null);
        }
        if (type == WebhookType.WECOM || type == WebhookType.DINGTALK) {
            try {
                final JsonNode answer = Json.MAPPER.readTree(body == null ? "" : body);
                if (answer == null || !answer.path("errcode").isIntegralNumber()) {
                    return Outcome.failed(status, "HTTP " + status + " without an errcode" + bodyExcerpt(body), null);
                }
                final int errcode = answer.get("errcode").asInt();
                if (errcode != 0) {
                    return Outcome.failed(status, "errcode " + errcode + ": "
                            + SafeText.excerpt(answer.path("errmsg").asText("")), null);
                }
            } catch (final IOException e) {
                return Outcome.failed(status, "HTTP " + status + " with a body that is not JSON" + bodyExcerpt(body), null);
            }
        }
        return Outcome.delivered(status);
    }

    private static Duration parseRetryAfter(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (final NumberFormatException e) {
            return null; // an HTTP date: rare for webhooks; the backoff applies instead
        }
    }

    private static String bodyExcerpt(final String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        final String excerpt = SafeText.excerpt(body.strip());
        return ": " + (excerpt.length() > MAX_DETAIL ? excerpt.substring(0, MAX_DETAIL) + "…" : excerpt);
    }

    private Outcome describe(final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return Outcome.failed("timed out after " + Durations.show(timeout));
        }
        if (cause instanceof ConnectException) {
            return Outcome.failed("cannot connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return Outcome.failed(cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + SafeText.excerpt(cause.getMessage())));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
