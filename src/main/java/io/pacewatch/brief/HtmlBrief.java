package io.pacewatch.brief;

import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefRow;
import java.util.List;
import java.util.Locale;

/**
 * The brief as one self-contained HTML page that prints on one A4 landscape sheet: inline CSS, system
 * fonts, no script, image or link to anything outside the page, so it can be mailed or archived as is.
 */
public final class HtmlBrief {

    private static final String CSS = """
            @page { size: A4 landscape; margin: 10mm; }
            * { box-sizing: border-box; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
                   font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 277mm; padding: 6mm; }
            h1 { font-size: 16pt; margin: 0 0 1mm; text-align: center; }
            h2 { font-size: 10.5pt; font-weight: normal; color: #555; margin: 0 0 3mm; text-align: center; }
            .headline { border-left: 4px solid #b3261e; padding: 1.5mm 3mm; background: #fbf3f2; margin: 0 0 3mm; }
            .headline p { margin: 0.5mm 0; } .headline .en { color: #555; font-size: 9pt; }
            table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid #999; padding: 0.9mm 1.4mm; }
            th { background: #eef1f5; font-weight: 600; text-align: center; }
            th .en, td .en { display: block; font-weight: normal; color: #666; font-size: 8pt; }
            td.num { text-align: right; white-space: nowrap; }
            td.status { text-align: center; white-space: nowrap; font-weight: 600; }
            td.unit { text-align: center; white-space: nowrap; }
            .AHEAD { color: #1b6e2f; } .ON_PACE { color: #1b5e9e; } .AT_RISK { color: #a15c00; }
            .BEHIND { color: #b3261e; } .OVERDUE { color: #6b3fa0; } .NO_DATA, .NOT_ASSESSABLE { color: #666; }
            ul.messages { margin: 2mm 0 1.5mm; padding-left: 5mm; font-size: 8.5pt; }
            ul.messages li { margin: 0.4mm 0; } ul.messages .en { color: #666; }
            .notes { font-size: 8pt; color: #444; margin: 0; padding-left: 5mm; }
            .notes li { margin: 0.3mm 0; }
            @media print { body { padding: 0; max-width: none; } tr, li { break-inside: avoid; } }
            """;

    private HtmlBrief() {
    }

    public static String render(final Brief brief) {
        final List<BriefColumn> columns = BriefColumn.shown(brief);
        final StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(brief.titleZh())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(brief.titleZh())).append("</h1>\n<h2>").append(esc(brief.titleEn())).append("</h2>\n");
        h.append("<div class=\"headline\"><p>").append(esc(brief.headline().zh())).append("</p><p class=\"en\">")
                .append(esc(brief.headline().en())).append("</p></div>\n");
        h.append("<table>\n<thead><tr>");
        for (final BriefColumn c : columns) {
            h.append("<th>").append(esc(c.headerZh(brief))).append("<span class=\"en\">").append(esc(c.headerEn()))
                    .append("</span></th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (final BriefRow row : brief.rows()) {
            h.append("<tr>");
            for (final BriefColumn c : columns) {
                switch (c) {
                    case INDICATOR -> h.append("<td>").append(esc(c.text(brief, row))).append("<span class=\"en\">")
                            .append(esc(row.nameEn())).append("</span></td>");
                    case UNIT -> h.append("<td class=\"unit\">").append(esc(c.text(brief, row))).append("</td>");
                    case STATUS -> h.append("<td class=\"status ").append(statusClass(row.status())).append("\">")
                            .append(esc(c.text(brief, row))).append("<span class=\"en\">").append(esc(row.statusLabelEn()))
                            .append("</span></td>");
                    default -> h.append("<td class=\"num\">").append(esc(c.text(brief, row))).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<ul class=\"messages\">\n");
        for (final BriefRow row : brief.rows()) {
            h.append("<li><b>").append(esc(row.nameZh())).append("</b>：").append(esc(row.messageZh()))
                    .append(" <span class=\"en\">").append(esc(row.messageEn())).append("</span></li>\n");
        }
        h.append("</ul>\n<ol class=\"notes\">\n");
        for (int i = 0; i < brief.footnotesZh().size(); i++) {
            h.append("<li>").append(esc(brief.footnotesZh().get(i))).append(" <span class=\"en\">")
                    .append(esc(brief.footnotesEn().get(i))).append("</span></li>\n");
        }
        h.append("</ol>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String statusClass(final PaceStatus status) {
        return status.name().toUpperCase(Locale.ROOT);
    }

    static String esc(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (final char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
