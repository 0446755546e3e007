package io.pacewatch.cli.publish;

import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.StatusThresholds;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetKind;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets as an aligned text table. Columns are padded by display width, not by character count:
 * a Chinese character takes two terminal cells, and a source like 罗湖区2023年政府工作报告 would
 * otherwise push every later column out of line.
 */
final class TargetTable {

    static final List<String> HEADINGS = List.of("REGION", "YEAR", "INDICATOR", "KIND", "TARGET", "PROFILE",
            "THRESHOLDS (pp)", "PUBLISHED", "SOURCE");
    private static final String GAP = "  ";

    private TargetTable() {
    }

    static void print(final PrintWriter out, final List<Target> targets) {
        final List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        targets.forEach(t -> rows.add(row(t)));
        final int[] widths = new int[HEADINGS.size()];
        for (final List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], displayWidth(row.get(i)));
            }
        }
        for (final List<String> row : rows) {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                final String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - displayWidth(cell))).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** One target's cells, escaped: they come from a topic anyone with write access can fill. */
    static List<String> row(final Target target) {
        return List.of(
                SafeText.escape(target.region()),
                Integer.toString(target.year()),
                SafeText.escape(target.indicator()),
                target.kind().name(),
                value(target),
                target.paceProfile().kind().name(),
                thresholds(target.thresholds()),
                target.publishedAt().toString(),
                SafeText.escape(target.source()));
    }

    private static String value(final Target target) {
        if (target.kind() == TargetKind.GROWTH) {
            return plain(target.value()) + "%";
        }
        return plain(target.value()) + " " + target.unit().symbol();
    }

    /** Stated thresholds as ahead/at-risk/behind in percentage points; otherwise the indicator's defaults apply. */
    private static String thresholds(final StatusThresholds thresholds) {
        if (thresholds == null) {
            return "default";
        }
        return plain(thresholds.aheadFromPp()) + "/" + plain(thresholds.atRiskBelowPp()) + "/"
                + plain(thresholds.behindBelowPp());
    }

    private static String plain(final BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Terminal cells taken by {@code text}: two for East Asian wide and full-width characters, else one. */
    static int displayWidth(final String text) {
        return text.codePoints().map(cp -> isWide(cp) ? 2 : 1).sum();
    }

    private static boolean isWide(final int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
