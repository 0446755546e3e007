package io.pacewatch.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Records every request and answers from a script per route; delivered (200) when the script runs out. */
final class FakeTransport implements Transport {

    record Sent(String route, WebhookRequest request) {
    }

    final List<Sent> sent = new ArrayList<>();
    private final Map<String, Deque<Outcome>> scripts = new HashMap<>();

    void script(final String route, final Outcome... outcomes) {
        scripts.computeIfAbsent(route, r -> new ArrayDeque<>()).addAll(List.of(outcomes));
    }

    @Override
    public CompletableFuture<Outcome> send(final Route route, final WebhookRequest request) {
        sent.add(new Sent(route.name(), request));
        final Deque<Outcome> script = scripts.get(route.name());
        final Outcome outcome = script == null || script.isEmpty() ? Outcome.delivered(200) : script.poll();
        return CompletableFuture.completedFuture(outcome);
    }

    /** The idempotency keys sent to a route, in order (failed attempts included). */
    List<String> keys(final String route) {
        return sent.stream().filter(s -> s.route().equals(route)).map(s -> s.request().idempotencyKey()).toList();
    }
}
