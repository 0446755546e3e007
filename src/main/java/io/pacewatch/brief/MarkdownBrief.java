package io.pacewatch.brief;

import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefRow;
import java.util.List;
import java.util.stream.Collectors;

/** The brief as a GitHub-flavoured markdown document: title, headline, table, messages, footnotes. */
public final class MarkdownBrief {

    private MarkdownBrief() {
    }

    public static String render(final Brief brief) {
        final List<BriefColumn> columns = BriefColumn.shown(brief);
        final StringBuilder md = new StringBuilder();
        md.append("# ").append(cell(brief.titleZh())).append('\n');
        md.append("## ").append(cell(brief.titleEn())).append("\n\n");
        md.append("**").append(cell(brief.headline().zh())).append("**\n\n");
        md.append(cell(brief.headline().en())).append("\n\n");
        md.append(columns.stream().map(c -> cell(c.headerZh(brief))).collect(Collectors.joining(" | ", "| ", " |\n")));
        md.append(columns.stream().map(c -> cell(c.headerEn())).collect(Collectors.joining(" | ", "| ", " |\n")));
        md.append(columns.stream().map(c -> c == BriefColumn.INDICATOR || c == BriefColumn.UNIT
                        || c == BriefColumn.STATUS ? "---" : "---:")
                .collect(Collectors.joining(" | ", "| ", " |\n")));
        for (final BriefRow row : brief.rows()) {
            md.append(columns.stream().map(c -> cell(c.text(brief, row))).collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        md.append("\n");
        for (final BriefRow row : brief.rows()) {
            md.append("- **").append(cell(row.nameZh())).append("**：").append(cell(row.messageZh())).append('\n');
            md.append("  ").append(cell(row.nameEn())).append(": ").append(cell(row.messageEn())).append('\n');
        }
        md.append("\n");
        for (int i = 0; i < brief.footnotesZh().size(); i++) {
            md.append("> ").append(cell(brief.footnotesZh().get(i))).append(' ')
                    .append(cell(brief.footnotesEn().get(i))).append("  \n");
        }
        return md.toString();
    }

    /** Text in a table or line: pipes and line breaks would end the cell or the row. */
    private static String cell(final String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
