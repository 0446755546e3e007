package io.pacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns alerts into the request each kind of receiver expects. Chat messages read like a message to
 * a leader: the region's and indicator's names, the time in the reader's zone and a link to the
 * series ({@link ReaderView}); the series key, period code and alert id only in a quiet footer. Every request carries an
 * {@code Idempotency-Key}: the alert id for one alert, a digest of the ids for a digest, the same on
 * every retry. Text from the data is escaped per format ({@link TextEscapes}), and every message is
 * kept within the receiver's size limit.
 */
final class AlertFormatter {

    /** WeCom robots refuse markdown content over 4096 bytes (errcode 40058). */
    static final int WECOM_MAX_BYTES = 4096;
    /** DingTalk publishes no hard limit for markdown; pacewatch keeps to WeCom's, which is ample for an alert. */
    static final int DINGTALK_MAX_BYTES = 4096;
    /** Slack: a section's text is at most 3000 characters, a header's 150, a message at most 50 blocks. */
    static final int SLACK_SECTION_CHARS = 3000;
    static final int SLACK_HEADER_CHARS = 150;
    static final int SLACK_DIGEST_ALERTS = 45;
    static final int GENERIC_DIGEST_ALERTS = 100;

    private final Clock clock;
    private final ReaderView reader;

    AlertFormatter(final Clock clock) {
        this(clock, ReaderView.DEFAULT);
    }

    AlertFormatter(final Clock clock, final ReaderView reader) {
        this.clock = clock;
        this.reader = reader;
    }

    /** A digest request and how many of the alerts offered (the first ones) it carries. */
    record FormattedDigest(WebhookRequest request, int count) {
    }

    WebhookRequest single(final Route route, final Inbound in) {
        final Alert alert = in.alert();
        final byte[] body = switch (route.type()) {
            case GENERIC -> in.json();
            case WECOM -> markdownMessage("content", TextEscapes.cutBytes(weComSingle(alert), WECOM_MAX_BYTES), null);
            case DINGTALK -> markdownMessage("text", TextEscapes.cutBytes(dingTalkSingle(alert), DINGTALK_MAX_BYTES),
                    dingTalkTitle(alert));
            case SLACK -> slackSingle(alert);
        };
        // The generic body stays the alert exactly as published (its schema, its signature): the link
        // travels beside it, as a web link (RFC 8288).
        final String link = route.type() != WebhookType.GENERIC ? null
                : reader.link(alert).map(url -> "<" + url.toASCIIString() + ">; rel=\"related\"").orElse(null);
        return request(route, body, alert.id(), link);
    }

    /** As many of {@code held} (in order, at least one) as fit in one message. */
    FormattedDigest digest(final Route route, final List<Inbound> held) {
        if (held.isEmpty()) {
            throw new IllegalArgumentException("a digest needs at least one alert");
        }
        int count;
        final byte[] body;
        switch (route.type()) {
            case GENERIC -> {
                count = Math.min(held.size(), GENERIC_DIGEST_ALERTS);
                body = genericDigest(route, held.subList(0, count));
            }
            case SLACK -> {
                count = Math.min(held.size(), SLACK_DIGEST_ALERTS);
                body = slackDigest(route, held.subList(0, count));
            }
            case WECOM, DINGTALK -> {
                final int max = route.type() == WebhookType.WECOM ? WECOM_MAX_BYTES : DINGTALK_MAX_BYTES;
                count = 1;
                while (count < held.size()
                        && TextEscapes.utf8Length(markdownDigest(route, held.subList(0, count + 1), held.size())) <= max) {
                    count++;
                }
                final String text = TextEscapes.cutBytes(markdownDigest(route, held.subList(0, count), held.size()), max);
                body = route.type() == WebhookType.WECOM
                        ? markdownMessage("content", text, null)
                        : markdownMessage("text", text, TextEscapes.cut("pacewatch 免打扰时段汇总 · " + count + " 条", 64));
            }
            default -> throw new IllegalStateException("unknown type " + route.type());
        }
        return new FormattedDigest(request(route, body, digestKey(held.subList(0, count)), null), count);
    }

    /** The same alerts in the same order always give the same key. */
    static String digestKey(final List<Inbound> alerts) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final Inbound in : alerts) {
                sha.update(in.alert().id().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "digest-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    WebhookRequest request(final Route route, final byte[] body, final String idempotencyKey,
                           final String linkHeader) {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "pacewatch-notify");
        headers.put("Idempotency-Key", idempotencyKey);
        if (linkHeader != null) {
            headers.put("Link", linkHeader);
        }
        if (route.type() == WebhookType.GENERIC && route.secret() != null) {
            headers.put("X-Pacewatch-Signature", Signatures.bodySignature(route.secret(), body));
        }
        headers.putAll(route.headers());
        return new WebhookRequest(target(route), headers, body, idempotencyKey);
    }

    /** DingTalk with a secret: {@code &timestamp=…&sign=…} appended, computed now (valid for an hour). */
    private URI target(final Route route) {
        if (route.type() != WebhookType.DINGTALK || route.secret() == null) {
            return route.url();
        }
        final long timestamp = clock.millis();
        final String url = route.url().toString();
        return URI.create(url + (route.url().getRawQuery() == null ? "?" : "&") + "timestamp=" + timestamp
                + "&sign=" + Signatures.dingTalkSign(timestamp, route.secret()));
    }

    // --- WeCom and DingTalk: Markdown -------------------------------------------------------------

    private String weComSingle(final Alert alert) {
        return "<font color=\"" + weComColour(alert.severity()) + "\">**" + severityLabel(alert.severity()) + "**</font> "
                + TextEscapes.markdown(alert.messageZh()) + "\n"
                + "<font color=\"comment\">" + TextEscapes.markdown(alert.messageEn()) + "</font>\n"
                + whenAndLink(alert) + "\n"
                + "> " + footer(alert);
    }

    private String dingTalkSingle(final Alert alert) {
        return "#### " + severityLabel(alert.severity()) + " · " + TextEscapes.markdown(regionNameZh(alert)) + " · "
                + TextEscapes.markdown(indicatorNameZh(alert)) + " · " + alert.year() + "\n\n"
                + TextEscapes.markdown(alert.messageZh()) + "\n\n"
                + TextEscapes.markdown(alert.messageEn()) + "\n\n"
                + whenAndLink(alert) + "\n\n"
                + "> " + footer(alert);
    }

    private static String dingTalkTitle(final Alert alert) {
        return TextEscapes.cut(TextEscapes.plain("[" + alert.severity() + "] " + regionNameZh(alert) + " "
                + indicatorNameZh(alert)), 64);
    }

    /** "更新于 7月12日 09:30 · [查看详情 Details](…)": when the figures behind the alert came, and where to look. */
    private String whenAndLink(final Alert alert) {
        final String when = alert.occurredAt() == null ? "" : "更新于 " + reader.time(alert.occurredAt());
        final String link = reader.link(alert).map(url -> "[查看详情 Details](" + url.toASCIIString() + ")").orElse("");
        return when + (when.isEmpty() || link.isEmpty() ? "" : " · ") + link;
    }

    private String markdownDigest(final Route route, final List<Inbound> alerts, final int waiting) {
        final StringBuilder out = new StringBuilder();
        out.append(route.type() == WebhookType.DINGTALK ? "#### " : "**")
                .append("pacewatch 免打扰时段汇总 · ").append(alerts.size()).append(" 条")
                .append(route.type() == WebhookType.DINGTALK ? "" : "**")
                .append("\n> Quiet-hours digest: ").append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts")
                .append(waiting > alerts.size() ? " (" + (waiting - alerts.size()) + " more follow)" : "")
                .append(" · ").append(quiet(route)).append('\n');
        int i = 1;
        for (final Inbound in : alerts) {
            final Alert alert = in.alert();
            out.append(route.type() == WebhookType.DINGTALK ? "\n" : "")
                    .append(i++).append(". ")
                    .append(route.type() == WebhookType.WECOM
                            ? "<font color=\"" + weComColour(alert.severity()) + "\">" + alert.severity() + "</font> "
                            : "**" + alert.severity() + "** ")
                    .append(TextEscapes.markdown(alert.messageZh())).append('\n')
                    .append(route.type() == WebhookType.WECOM ? "<font color=\"comment\">" : "")
                    .append(TextEscapes.markdown(alert.messageEn()))
                    .append(route.type() == WebhookType.WECOM ? "</font>" : "")
                    .append(whenAndLink(alert).isEmpty() ? "" : " · " + whenAndLink(alert)).append('\n');
        }
        out.append(route.type() == WebhookType.DINGTALK ? "\n" : "").append("> pacewatch");
        for (final Inbound in : alerts) {
            out.append(" · `").append(TextEscapes.code(in.seriesKey())).append('`');
        }
        return out.append('\n').toString();
    }

    static byte[] markdownMessage(final String field, final String text, final String title) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("msgtype", "markdown");
        final ObjectNode markdown = root.putObject("markdown");
        if (title != null) {
            markdown.put("title", title);
        }
        markdown.put(field, text);
        return write(root);
    }

    /** The technical ids, for whoever has to look the alert up: series key, period code, alert id. */
    private static String footer(final Alert alert) {
        return "pacewatch · `" + TextEscapes.code(alert.series().id())
                + "`" + (alert.period() == null ? "" : " · " + TextEscapes.markdown(alert.period()))
                + " · id `" + TextEscapes.code(alert.id()) + "`";
    }

    private static String weComColour(final Severity severity) {
        return severity == Severity.INFO ? "info" : "warning";
    }

    private static String severityLabel(final Severity severity) {
        return switch (severity) {
            case CRITICAL -> "严重 CRITICAL";
            case WARNING -> "预警 WARNING";
            case INFO -> "提示 INFO";
        };
    }

    /** The region catalogue's name as the alert's figures carry it, else the code. */
    private static String regionNameZh(final Alert alert) {
        return alert.figures() != null ? alert.figures().regionDisplayZh() : alert.region();
    }

    private static String regionNameEn(final Alert alert) {
        return alert.figures() != null ? alert.figures().regionDisplayEn() : alert.region();
    }

    private static String indicatorNameZh(final Alert alert) {
        return alert.figures() != null && alert.figures().indicatorNameZh() != null
                ? alert.figures().indicatorNameZh() : alert.indicator();
    }

    private static String indicatorNameEn(final Alert alert) {
        return alert.figures() != null && alert.figures().indicatorNameEn() != null
                ? alert.figures().indicatorNameEn() : alert.indicator();
    }

    private static String quiet(final Route route) {
        return route.quietHours() == null ? "" : route.quietHours().from() + "–" + route.quietHours().to() + " "
                + route.quietHours().zone();
    }

    // --- Slack -------------------------------------------------------------------------------------

    private byte[] slackSingle(final Alert alert) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", TextEscapes.cut(TextEscapes.slack(alert.messageEn()) + "\n" + TextEscapes.slack(alert.messageZh()),
                SLACK_SECTION_CHARS));
        final ArrayNode blocks = root.putArray("blocks");
        plainBlock(blocks, "header", alert.severity() + " · " + regionNameEn(alert) + " · " + indicatorNameEn(alert)
                + " " + alert.year(), SLACK_HEADER_CHARS);
        plainBlock(blocks, "section", alert.messageZh(), SLACK_SECTION_CHARS);
        plainBlock(blocks, "section", alert.messageEn(), SLACK_SECTION_CHARS);
        reader.link(alert).ifPresent(url -> {
            final ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
            button.put("type", "button");
            button.putObject("text").put("type", "plain_text").put("text", "查看详情 Details");
            button.put("url", url.toASCIIString());
        });
        context(blocks, (alert.occurredAt() == null ? "" : "更新于 " + reader.time(alert.occurredAt()) + " · ")
                + "pacewatch · " + alert.series().id()
                + (alert.period() == null ? "" : " · " + alert.period()) + " · id " + alert.id());
        return write(root);
    }

    private static byte[] slackDigest(final Route route, final List<Inbound> alerts) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        final String title = "Quiet-hours digest · " + alerts.size() + (alerts.size() == 1 ? " alert" : " alerts");
        final StringBuilder text = new StringBuilder(title);
        for (final Inbound in : alerts) {
            text.append("\n[").append(in.alert().severity()).append("] ").append(TextEscapes.slack(in.alert().messageEn()));
        }
        root.put("text", TextEscapes.cut(text.toString(), SLACK_SECTION_CHARS));
        final ArrayNode blocks = root.putArray("blocks");
        plainBlock(blocks, "header", title, SLACK_HEADER_CHARS);
        for (final Inbound in : alerts) {
            plainBlock(blocks, "section", in.alert().severity() + " · " + in.alert().messageEn() + "\n"
                    + in.alert().messageZh(), SLACK_SECTION_CHARS);
        }
        context(blocks, "pacewatch · held during quiet hours " + quiet(route));
        return write(root);
    }

    private static void plainBlock(final ArrayNode blocks, final String type, final String text, final int max) {
        final ObjectNode block = blocks.addObject();
        block.put("type", type);
        final ObjectNode textObject = block.putObject("text");
        textObject.put("type", "plain_text");
        textObject.put("text", TextEscapes.cut(TextEscapes.plain(text), max));
    }

    private static void context(final ArrayNode blocks, final String text) {
        final ObjectNode block = blocks.addObject();
        block.put("type", "context");
        final ObjectNode element = block.putArray("elements").addObject();
        element.put("type", "plain_text");
        element.put("text", TextEscapes.cut(TextEscapes.plain(text), SLACK_SECTION_CHARS));
    }

    // --- generic -----------------------------------------------------------------------------------

    private static byte[] genericDigest(final Route route, final List<Inbound> alerts) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("digest", true);
        if (route.quietHours() != null) {
            root.put("quietHours", quiet(route));
        }
        final ArrayNode array = root.putArray("alerts");
        for (final Inbound in : alerts) {
            array.add(tree(in));
        }
        return write(root);
    }

    private static JsonNode tree(final Inbound in) {
        try {
            return Json.MAPPER.readTree(in.json());
        } catch (final IOException e) {
            return Json.MAPPER.valueToTree(in.alert());
        }
    }

    private static byte[] write(final JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write a webhook message", e);
        }
    }
}
