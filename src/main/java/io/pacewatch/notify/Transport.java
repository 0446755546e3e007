package io.pacewatch.notify;

import java.util.concurrent.CompletableFuture;

/** Sends one request to a route's receiver; the future always completes, failures as {@link Outcome}s. */
interface Transport {

    CompletableFuture<Outcome> send(Route route, WebhookRequest request);
}
