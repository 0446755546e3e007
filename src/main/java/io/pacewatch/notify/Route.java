package io.pacewatch.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One receiver of alerts. {@code name} is the route's identity in the delivery log: an alert
 * delivered on route {@code leaders} is never delivered on it again, whatever its URL becomes.
 *
 * @param secret      DingTalk: the robot's signing secret ({@code SEC…}); generic: the key of an
 *                    {@code X-Pacewatch-Signature} HMAC over the body; null for none
 * @param headers     extra request headers (e.g. {@code Authorization} for a generic endpoint)
 * @param quietHours  null when the route has none
 * @param minInterval the least time between two messages to this receiver (rate limits)
 */
public record Route(String name, WebhookType type, URI url, String secret, Map<String, String> headers,
                    RouteFilter filter, QuietHours quietHours, Duration minInterval) {

    public Route {
        headers = Map.copyOf(headers);
        filter = filter == null ? RouteFilter.ALL : filter;
        minInterval = minInterval == null ? type.defaultMinInterval() : minInterval;
    }

    /**
     * Scheme and host only: safe to log. Robot URLs carry their key in the query (WeCom, DingTalk)
     * or in the path (Slack), so neither is shown.
     */
    public String redactedUrl() {
        final boolean more = (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
                || url.getRawQuery() != null;
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (more ? "/…" : "");
    }

    /** Never shows the secret, the headers' values or the URL's path and query. */
    @Override
    public String toString() {
        return name + " (" + type.id() + " " + redactedUrl() + ")";
    }
}
