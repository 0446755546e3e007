package io.pacewatch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacewatch.brief.BriefClient;
import io.pacewatch.brief.BriefFormat;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefRow;
import io.pacewatch.wire.Json;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The brief as a chat message: WeCom and DingTalk get markdown (headline, one line per indicator, the
 * spreadsheet's link), Slack the same as text, a generic webhook JSON with the rows and links to the
 * xlsx and the page. Robots cannot show a table, so the table itself is behind the link.
 */
final class BriefMessages {

    private final AlertFormatter formatter;
    private final URI publicUrl;

    /** @param publicUrl where readers reach the service's API, for the links */
    BriefMessages(final AlertFormatter formatter, final URI publicUrl) {
        this.formatter = formatter;
        this.publicUrl = publicUrl;
    }

    WebhookRequest request(final Route route, final Brief brief, final String deliveryId) {
        final URI xlsx = BriefClient.address(publicUrl, brief.region(), brief.year(), brief.month(), BriefFormat.XLSX);
        final URI html = BriefClient.address(publicUrl, brief.region(), brief.year(), brief.month(), BriefFormat.HTML);
        final byte[] body = switch (route.type()) {
            case WECOM -> AlertFormatter.markdownMessage("content",
                    TextEscapes.cutBytes(markdown(brief, xlsx, html, true), AlertFormatter.WECOM_MAX_BYTES), null);
            case DINGTALK -> AlertFormatter.markdownMessage("text",
                    TextEscapes.cutBytes(markdown(brief, xlsx, html, false), AlertFormatter.DINGTALK_MAX_BYTES),
                    TextEscapes.cut(brief.titleZh(), 64));
            case SLACK -> slack(brief, xlsx, html);
            case GENERIC -> generic(brief, xlsx, html);
        };
        return formatter.request(route, body, deliveryId, null);
    }

    static String markdown(final Brief brief, final URI xlsx, final URI html, final boolean weComColours) {
        final StringBuilder md = new StringBuilder();
        md.append("### ").append(TextEscapes.markdown(brief.titleZh())).append("\n");
        md.append("**").append(TextEscapes.markdown(brief.headline().zh())).append("**\n");
        for (final BriefRow row : brief.rows()) {
            final String status = TextEscapes.markdown(row.status().labelZh());
            md.append("> **").append(TextEscapes.markdown(row.nameZh())).append("** ")
                    .append(weComColours ? "<font color=\"" + colour(row) + "\">" + status + "</font>" : "【" + status + "】")
                    .append(" ").append(TextEscapes.markdown(row.messageZh())).append("\n");
        }
        md.append("\n[下载表格 xlsx](").append(xlsx).append(") · [打印版 HTML](").append(html).append(")\n");
        md.append(TextEscapes.markdown(brief.headline().en())).append("\n");
        return md.toString();
    }

    /** WeCom's three font colours: info green, comment grey, warning orange-red. */
    private static String colour(final BriefRow row) {
        return switch (row.status()) {
            case AHEAD, ON_PACE -> "info";
            case AT_RISK, BEHIND, OVERDUE -> "warning";
            default -> "comment";
        };
    }

    private static byte[] slack(final Brief brief, final URI xlsx, final URI html) {
        final StringBuilder text = new StringBuilder(TextEscapes.slack(brief.titleZh())).append('\n')
                .append(TextEscapes.slack(brief.headline().zh())).append('\n')
                .append(TextEscapes.slack(brief.headline().en())).append('\n');
        for (final BriefRow row : brief.rows()) {
            text.append("• ").append(TextEscapes.slack(row.nameZh() + "【" + row.status().labelZh() + "】" + row.messageZh()))
                    .append('\n');
        }
        text.append('<').append(xlsx).append("|xlsx> · <").append(html).append("|HTML>");
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", text.toString());
        return write(root);
    }

    private static byte[] generic(final Brief brief, final URI xlsx, final URI html) {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "pacewatch.brief");
        root.put("region", brief.region());
        root.put("year", brief.year());
        root.put("month", brief.month());
        root.put("title", brief.titleZh());
        root.put("titleEn", brief.titleEn());
        root.put("complete", brief.complete());
        final ObjectNode headline = root.putObject("headline");
        headline.put("zh", brief.headline().zh());
        headline.put("en", brief.headline().en());
        root.put("xlsx", xlsx.toString());
        root.put("html", html.toString());
        final ArrayNode rows = root.putArray("rows");
        for (final BriefRow row : brief.rows()) {
            final ObjectNode r = rows.addObject();
            r.put("indicator", row.indicator());
            r.put("status", row.status().name());
            r.put("period", row.periodLabelZh());
            // the gap the status was judged on: to last year's share for a row judged on it
            if (row.statusGapPp() != null) {
                r.put("gapPp", row.statusGapPp());
            }
            r.put("messageZh", row.messageZh());
            r.put("messageEn", row.messageEn());
        }
        return write(root);
    }

    private static byte[] write(final ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a brief message", e);
        }
    }
}
