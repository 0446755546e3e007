package io.pacewatch.brief;

import io.pacewatch.domain.TargetKind;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefRow;
import io.pacewatch.domain.brief.BriefText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The brief as the spreadsheet bureaus circulate: title and headline over two header rows (Chinese,
 * English), one row per indicator with real numbers in real formats (amounts 0.00, rates as
 * percentages, gaps as signed points) so a clerk can compute with them, the header frozen, the page
 * set to A4 landscape one page wide, then the messages and footnotes.
 */
public final class XlsxBrief {

    /** Rows above the table: title, English title, headline zh, headline en, then the two header rows. */
    public static final int HEADER_ZH_ROW = 4;
    public static final int HEADER_EN_ROW = 5;
    public static final int FIRST_DATA_ROW = 6;
    public static final String AMOUNT_FORMAT = "#,##0.00";
    public static final String PERCENT_FORMAT = "0.0%";
    public static final String POINTS_FORMAT = "+0.0;-0.0;0.0";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private XlsxBrief() {
    }

    public static byte[] render(final Brief brief) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        write(brief, out);
        return out.toByteArray();
    }

    public static void write(final Brief brief, final OutputStream out) {
        final List<BriefColumn> columns = BriefColumn.shown(brief);
        final Workbook workbook = new Workbook(out, "pacewatch", "0.1");
        final Worksheet ws = workbook.newWorksheet(brief.periodLabelZh() + "主要经济指标");
        final int last = columns.size() - 1;
        line(ws, 0, last, brief.titleZh(), true, 14);
        line(ws, 1, last, brief.titleEn(), false, 10);
        line(ws, 2, last, brief.headline().zh(), true, 11);
        line(ws, 3, last, brief.headline().en(), false, 10);
        for (int c = 0; c < columns.size(); c++) {
            final BriefColumn column = columns.get(c);
            ws.value(HEADER_ZH_ROW, c, column.headerZh(brief));
            ws.value(HEADER_EN_ROW, c, column.headerEn());
            ws.style(HEADER_ZH_ROW, c).bold().fillColor("EEF1F5").horizontalAlignment("center").borderStyle("thin").set();
            ws.style(HEADER_EN_ROW, c).italic().fillColor("EEF1F5").horizontalAlignment("center").borderStyle("thin").set();
            ws.width(c, width(column));
        }
        int r = FIRST_DATA_ROW;
        for (final BriefRow row : brief.rows()) {
            for (int c = 0; c < columns.size(); c++) {
                cell(ws, r, c, columns.get(c), brief, row);
            }
            r++;
        }
        r++;
        for (final BriefRow row : brief.rows()) {
            ws.value(r++, 0, row.nameZh() + "：" + row.messageZh());
            ws.value(r++, 0, row.nameEn() + ": " + row.messageEn());
        }
        r++;
        for (int i = 0; i < brief.footnotesZh().size(); i++) {
            ws.value(r++, 0, "注" + (i + 1) + "：" + brief.footnotesZh().get(i) + " " + brief.footnotesEn().get(i));
        }
        // The indicator column and everything above the first figure stay in view while scrolling.
        ws.freezePane(1, FIRST_DATA_ROW);
        ws.pageOrientation("landscape");
        ws.paperSize(org.dhatim.fastexcel.PaperSize.A4_PAPER);
        ws.setFitToPage(true);
        ws.fitToWidth((short) 1);
        ws.fitToHeight((short) 1);
        try {
            workbook.finish();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the brief's workbook", e);
        }
    }

    private static void line(final Worksheet ws, final int row, final int lastColumn, final String text,
                             final boolean bold, final int size) {
        ws.value(row, 0, text);
        ws.range(row, 0, row, lastColumn).merge();
        final var style = ws.style(row, 0).fontSize(size).wrapText(true);
        (bold ? style.bold() : style).set();
        ws.rowHeight(row, size * 2.2);
    }

    private static void cell(final Worksheet ws, final int r, final int c, final BriefColumn column, final Brief brief,
                             final BriefRow row) {
        switch (column) {
            case YTD_VALUE -> number(ws, r, c, row.ytdValue(), AMOUNT_FORMAT);
            case GROWTH -> number(ws, r, c, fraction(row.growthPercent()), PERCENT_FORMAT);
            case TARGET -> number(ws, r, c, row.targetKind() == TargetKind.AMOUNT ? row.targetValue()
                    : fraction(row.targetValue()), row.targetKind() == TargetKind.AMOUNT ? AMOUNT_FORMAT : PERCENT_FORMAT);
            case COMPLETION -> number(ws, r, c, row.completionRatio(), PERCENT_FORMAT);
            case TIME_PROGRESS -> number(ws, r, c, row.timeProgress(), PERCENT_FORMAT);
            case GAP -> number(ws, r, c, row.gapPp(), POINTS_FORMAT);
            case PRIOR_YEAR_SHARE -> number(ws, r, c, row.priorYearShare(), PERCENT_FORMAT);
            case PRIOR_YEAR_GAP -> number(ws, r, c, row.priorYearGapPp(), POINTS_FORMAT);
            case STATUS -> text(ws, r, c, row.statusLabelZh() + " " + row.statusLabelEn(), "center");
            case UNIT, RANK -> text(ws, r, c, column.text(brief, row), "center");
            case INDICATOR -> text(ws, r, c, column.text(brief, row), "left");
        }
    }

    private static void number(final Worksheet ws, final int r, final int c, final BigDecimal value, final String format) {
        if (value == null) {
            text(ws, r, c, BriefText.DASH, "right");
            return;
        }
        ws.value(r, c, value);
        ws.style(r, c).format(format).borderStyle("thin").set();
    }

    private static void text(final Worksheet ws, final int r, final int c, final String value, final String align) {
        ws.value(r, c, value);
        ws.style(r, c).horizontalAlignment(align).borderStyle("thin").set();
    }

    /** Percent figures (5.2) become the fractions a percentage format shows as 5.2%. */
    private static BigDecimal fraction(final BigDecimal percent) {
        return percent == null ? null : percent.divide(HUNDRED, MathContext.DECIMAL64);
    }

    private static double width(final BriefColumn column) {
        return switch (column) {
            case INDICATOR -> 30;
            case UNIT -> 8;
            case STATUS -> 18;
            case TARGET, YTD_VALUE -> 14;
            default -> 12;
        };
    }
}
