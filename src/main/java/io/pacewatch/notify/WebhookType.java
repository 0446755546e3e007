package io.pacewatch.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The receivers pacewatch knows how to talk to; each has its own message format and success check. */
public enum WebhookType {
    /** Any HTTP endpoint: the alert JSON as published, with an {@code Idempotency-Key} header. */
    GENERIC(Duration.ZERO),
    /** WeCom (企业微信) group robot: {@code {"msgtype":"markdown"}}; at most 20 messages a minute per robot. */
    WECOM(Duration.ofSeconds(3)),
    /** DingTalk (钉钉) custom robot, optionally signed; at most 20 messages a minute per robot. */
    DINGTALK(Duration.ofSeconds(3)),
    /** Slack incoming webhook: {@code text} plus Block Kit {@code blocks}; about one message a second. */
    SLACK(Duration.ofSeconds(1));

    private final Duration defaultMinInterval;

    WebhookType(final Duration defaultMinInterval) {
        this.defaultMinInterval = defaultMinInterval;
    }

    /** The spacing between two messages to one receiver that keeps within its documented rate limit. */
    public Duration defaultMinInterval() {
        return defaultMinInterval;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WebhookType parse(final String text) {
        for (final WebhookType type : values()) {
            if (type.id().equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("type '" + text + "' is not one of "
                + Arrays.stream(values()).map(WebhookType::id).collect(Collectors.joining(", ")));
    }
}
