package io.pacewatch.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One POST to a receiver: where, which headers, the body, and the idempotency key it carries. */
record WebhookRequest(URI uri, Map<String, String> headers, byte[] body, String idempotencyKey) {

    WebhookRequest {
        headers = Map.copyOf(headers);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
