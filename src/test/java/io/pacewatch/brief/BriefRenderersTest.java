package io.pacewatch.brief;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefBuilder;
import io.pacewatch.domain.brief.BriefFixture;
import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.domain.brief.RowExtras;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BriefRenderersTest {

    private final Brief brief = BriefFixture.june();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("xlsx read back: bilingual headers, numbers with their formats, a dash for the growth-only value")
    void xlsxCellsAndFormats() throws IOException {
        final byte[] xlsx = XlsxBrief.render(brief);

        final List<Row> rows = readBack(xlsx);
        assertThat(text(rows, 0, 0)).isEqualTo("罗湖区2023年1-6月主要经济指标完成情况");
        assertThat(text(rows, 2, 0)).startsWith("罗湖区1-6月：5项主要指标中，1项快于序时进度");
        assertThat(rows.get(XlsxBrief.HEADER_ZH_ROW).getCells(0, 8)).extracting(Cell::getText).containsExactly(
                "指标", "单位", "1-6月累计", "累计增长%", "年度目标", "完成进度%", "序时进度%", "差距 pp");
        assertThat(text(rows, XlsxBrief.HEADER_EN_ROW, 2)).isEqualTo("YTD value");

        final int gdp = XlsxBrief.FIRST_DATA_ROW;
        final int revenue = gdp + 1;
        final int industry = gdp + 4;
        assertThat(text(rows, gdp, 0)).isEqualTo("地区生产总值（1-3月）");
        final Cell revenueValue = cell(rows, revenue, 2);
        assertThat(revenueValue.getType()).isEqualTo(CellType.NUMBER);
        assertThat(revenueValue.asNumber()).isEqualByComparingTo("60");
        assertThat(revenueValue.getDataFormatString()).isEqualTo(XlsxBrief.AMOUNT_FORMAT);
        final Cell completion = cell(rows, revenue, 5);
        assertThat(completion.asNumber()).isEqualByComparingTo("0.4724");
        assertThat(completion.getDataFormatString()).isEqualTo(XlsxBrief.PERCENT_FORMAT);
        assertThat(cell(rows, revenue, 4).asNumber()).isEqualByComparingTo("127");
        assertThat(cell(rows, revenue, 7).asNumber()).isEqualByComparingTo("-2.76");
        assertThat(cell(rows, revenue, 7).getDataFormatString()).isEqualTo(XlsxBrief.POINTS_FORMAT);
        // growth as a percentage: 1.6% is the fraction 0.016 shown in a percent format
        assertThat(cell(rows, industry, 3).asNumber()).isEqualByComparingTo("0.016");
        assertThat(cell(rows, industry, 3).getDataFormatString()).isEqualTo(XlsxBrief.PERCENT_FORMAT);
        assertThat(cell(rows, industry, 4).asNumber()).isEqualByComparingTo("0.03");
        assertThat(cell(rows, industry, 2).getType()).isEqualTo(CellType.STRING);
        assertThat(text(rows, industry, 2)).isEqualTo("—");
        assertThat(text(rows, industry, 8)).isEqualTo("滞后 behind");
    }

    @Test
    @DisplayName("xlsx read back with last year known: the same-period share as a percentage, its gap as signed points, a dash where last year is unknown")
    void xlsxSamePeriod() throws IOException {
        final Brief withLastYear = BriefFixture.juneWithLastYear();
        final byte[] xlsx = XlsxBrief.render(withLastYear);

        final List<Row> rows = readBack(xlsx);
        assertThat(rows.get(XlsxBrief.HEADER_ZH_ROW).getCells(7, 11)).extracting(Cell::getText)
                .containsExactly("差距 pp", "上年同期进度%", "比上年同期 ±pp", "状态");
        assertThat(text(rows, XlsxBrief.HEADER_EN_ROW, 8)).isEqualTo("Same period last year %");
        final int revenue = XlsxBrief.FIRST_DATA_ROW + 1;
        final int investment = revenue + 1;
        assertThat(cell(rows, revenue, 8).asNumber().doubleValue()).isCloseTo(0.583333, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(cell(rows, revenue, 8).getDataFormatString()).isEqualTo(XlsxBrief.PERCENT_FORMAT);
        assertThat(cell(rows, revenue, 9).asNumber().doubleValue()).isCloseTo(-11.09, org.assertj.core.data.Offset.offset(0.01));
        assertThat(cell(rows, revenue, 9).getDataFormatString()).isEqualTo(XlsxBrief.POINTS_FORMAT);
        assertThat(text(rows, investment, 8)).isEqualTo("—");
        assertThat(text(rows, investment, 9)).isEqualTo("—");
        assertThat(text(rows, XlsxBrief.FIRST_DATA_ROW, 9)).isEqualTo("—");
    }

    @Test
    @DisplayName("xlsx: the header rows and the indicator column are frozen, the page is landscape and fits one page")
    void xlsxFrozenHeader() throws IOException {
        // The reader does not expose panes or page setup: read the sheet's XML itself.
        final Path file = Files.createTempFile(tmp, "brief", ".xlsx");
        Files.write(file, XlsxBrief.render(brief));
        final String sheet;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(sheet).containsPattern("<pane[^>]*xSplit=\"1\"[^>]*ySplit=\"" + XlsxBrief.FIRST_DATA_ROW + "\"[^>]*state=\"frozen\"");
        assertThat(sheet).containsPattern("orientation=\"landscape\"");
        assertThat(sheet).containsPattern("<col [^>]*width=\"30");
    }

    @Test
    @DisplayName("HTML is one self-contained page for A4 landscape: no external URL, no script")
    void htmlSelfContained() {
        final String html = HtmlBrief.render(brief);

        assertThat(html).contains("@page { size: A4 landscape;");
        assertThat(html).doesNotContainPattern(Pattern.compile("https?:|//[a-z]|<script|<link|<img|@import|url\\(",
                Pattern.CASE_INSENSITIVE));
        assertThat(html).contains("<h1>罗湖区2023年1-6月主要经济指标完成情况</h1>");
        assertThat(html).contains("<td class=\"status BEHIND\">滞后");
        assertThat(html).contains("规模以上工业增加值增速低于目标1.4个百分点");
    }

    @Test
    @DisplayName("HTML escapes what it shows")
    void htmlEscapes() {
        assertThat(HtmlBrief.esc("<b>&\"'")).isEqualTo("&lt;b&gt;&amp;&quot;&#39;");
    }

    @Test
    @DisplayName("Markdown: both header rows, one row per indicator, a dash for the growth-only value, messages and footnotes")
    void markdownTable() {
        final String md = MarkdownBrief.render(brief);

        assertThat(md).contains("| 指标 | 单位 | 1-6月累计 | 累计增长% | 年度目标 | 完成进度% | 序时进度% | 差距 pp | 状态 |");
        assertThat(md).contains("| Indicator | Unit | YTD value |");
        assertThat(md).contains("| 地方一般公共预算收入 | 亿元 | 60.00 | — | 127.00 | 47.2 | 50.0 | -2.8 | 预警 |");
        assertThat(md).contains("| 规模以上工业增加值 | 亿元 | — | 1.6 | 增长3.0% | — | 50.0 | -1.4 | 滞后 |");
        assertThat(md).contains("- **地方一般公共预算收入**：1-6月累计完成60亿元");
        assertThat(md).contains("> 地区生产总值为季度数据，1-3月数据。");
    }

    @Test
    @DisplayName("Markdown and HTML with last year known: the same-period columns, '—' where unknown, the fallback footnote")
    void samePeriodInMarkdownAndHtml() {
        final Brief withLastYear = BriefFixture.juneWithLastYear();

        final String md = MarkdownBrief.render(withLastYear);
        assertThat(md).contains("| 序时进度% | 差距 pp | 上年同期进度% | 比上年同期 ±pp | 状态 |");
        assertThat(md).contains("| 地方一般公共预算收入 | 亿元 | 60.00 | — | 127.00 | 47.2 | 50.0 | -2.8 | 58.3 | -11.1 | 预警 |");
        assertThat(md).containsPattern("\\| 固定资产投资 \\|.*\\| — \\| — \\| [^|]+ \\|\\n");
        assertThat(md).contains("上年同期数据不全，本期按序时进度评估");
        final String html = HtmlBrief.render(withLastYear);
        assertThat(html).contains("<th>上年同期进度%<span class=\"en\">Same period last year %</span></th>");
        assertThat(html).contains("<td class=\"num\">58.3</td><td class=\"num\">-11.1</td>");
        // without last year, no same-period columns at all
        assertThat(MarkdownBrief.render(brief)).doesNotContain("上年同期");
    }

    @Test
    @DisplayName("A PRIOR_YEAR target judged on last year's curve in all three formats: linear 序时进度 and gap, last year's share and gap once, the status marked 同期")
    void judgedOnLastYearRendered() throws IOException {
        final Brief judged = BriefFixture.juneJudgedOnLastYear();

        final String md = MarkdownBrief.render(judged);
        assertThat(md).contains("| 固定资产投资 | 亿元 | 220.00 | — | 380.00 | 57.9 | 50.0 | +7.9 | 60.0 | -2.1 | 预警（同期） |");
        assertThat(md).contains("| 地方一般公共预算收入 | 亿元 | 60.00 | — | 127.00 | 47.2 | 55.0 | -7.8 | 58.3 | -11.1 | 滞后（季节） |");
        assertThat(md).contains("> 固定资产投资状态按上年同期进度评估，序时进度%、差距列为按月序时进度。");

        final String html = HtmlBrief.render(judged);
        assertThat(html).contains("<td class=\"num\">57.9</td><td class=\"num\">50.0</td><td class=\"num\">+7.9</td>"
                + "<td class=\"num\">60.0</td><td class=\"num\">-2.1</td>"
                + "<td class=\"status AT_RISK\">预警（同期）<span class=\"en\">at risk (vs last year)</span></td>");
        assertThat(html).contains("<li>地方一般公共预算收入状态按季节性进度评估，序时进度%列为目标的季节性进度。");

        final List<Row> rows = readBack(XlsxBrief.render(judged));
        final int investment = XlsxBrief.FIRST_DATA_ROW + 2;
        assertThat(text(rows, investment, 0)).isEqualTo("固定资产投资");
        assertThat(cell(rows, investment, 6).asNumber()).isEqualByComparingTo("0.5");
        assertThat(cell(rows, investment, 6).getDataFormatString()).isEqualTo(XlsxBrief.PERCENT_FORMAT);
        assertThat(cell(rows, investment, 7).asNumber()).isEqualByComparingTo("7.89");
        assertThat(cell(rows, investment, 8).asNumber()).isEqualByComparingTo("0.6");
        assertThat(cell(rows, investment, 9).asNumber()).isEqualByComparingTo("-2.11");
        assertThat(cell(rows, investment, 9).getDataFormatString()).isEqualTo(XlsxBrief.POINTS_FORMAT);
        assertThat(text(rows, investment, 10)).isEqualTo("预警（同期） at risk (vs last year)");
        assertThat(cell(rows, investment - 1, 6).asNumber()).isEqualByComparingTo("0.55");
        assertThat(text(rows, investment - 1, 10)).isEqualTo("滞后（季节） behind (seasonal)");
        assertThat(rows).anySatisfy(r -> assertThat(r.getCell(0).getText())
                .startsWith("注").contains("固定资产投资状态按上年同期进度评估"));
    }

    @Test
    @DisplayName("Ranked rows in all three formats: 第1/7, a tie as 并列第3/7, '—' for a row without a rank")
    void rankRendered() throws IOException {
        final RowExtras ranks = new RowExtras() {
            @Override
            public Optional<PeerRank> peer(final Progress progress) {
                return switch (progress.indicator()) {
                    case "GDP" -> Optional.of(new PeerRank("shenzhen", 3, 7, true));
                    case "BUDGET_REVENUE" -> Optional.of(new PeerRank("shenzhen", 1, 7, false));
                    default -> Optional.empty();
                };
            }
        };
        final Brief ranked = new BriefBuilder(BriefFixture.CATALOGUE, BriefSchedule.DEFAULT, ranks)
                .build("luohu", "罗湖区", "Luohu District", 2023, null, BriefFixture.firstHalf());

        final String md = MarkdownBrief.render(ranked);
        assertThat(md).contains("| 差距 pp | 状态 | 排名 |").contains("| Gap pp | Status | Rank |");
        assertThat(md).contains("| 地区生产总值（1-3月） | 亿元 | 620.50 | 6.6 | 增长6.5% | — | 25.0 | +0.1 | 正常 | 并列第3/7 |");
        assertThat(md).contains("| 地方一般公共预算收入 | 亿元 | 60.00 | — | 127.00 | 47.2 | 50.0 | -2.8 | 预警 | 第1/7 |");
        assertThat(md).contains("| 社会消费品零售总额 | 亿元 | 640.00 | 5.2 | 增长5.0% | — | 50.0 | +0.2 | 正常 | — |");

        final String html = HtmlBrief.render(ranked);
        assertThat(html).contains("<th>排名<span class=\"en\">Rank</span></th></tr>");
        assertThat(html).contains("<span class=\"en\">on pace</span></td><td class=\"num\">并列第3/7</td></tr>");
        assertThat(html).contains("<span class=\"en\">at risk</span></td><td class=\"num\">第1/7</td></tr>");
        assertThat(html).contains("<span class=\"en\">behind</span></td><td class=\"num\">—</td></tr>");

        final List<Row> rows = readBack(XlsxBrief.render(ranked));
        assertThat(text(rows, XlsxBrief.HEADER_ZH_ROW, 9)).isEqualTo("排名");
        assertThat(text(rows, XlsxBrief.HEADER_EN_ROW, 9)).isEqualTo("Rank");
        assertThat(cell(rows, XlsxBrief.FIRST_DATA_ROW, 9).getType()).isEqualTo(CellType.STRING);
        assertThat(text(rows, XlsxBrief.FIRST_DATA_ROW, 9)).isEqualTo("并列第3/7");
        assertThat(text(rows, XlsxBrief.FIRST_DATA_ROW + 1, 9)).isEqualTo("第1/7");
        assertThat(text(rows, XlsxBrief.FIRST_DATA_ROW + 2, 9)).isEqualTo("—");
        // without any rank, no rank column
        assertThat(MarkdownBrief.render(brief)).doesNotContain("排名");
    }

    /** The first sheet's rows as fastexcel's reader sees them, with cell formats. */
    private static List<Row> readBack(final byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            return workbook.getFirstSheet().read();
        }
    }

    private static Cell cell(final List<Row> rows, final int row, final int column) {
        return rows.get(row).getCell(column);
    }

    private static String text(final List<Row> rows, final int row, final int column) {
        return cell(rows, row, column).getText();
    }
}
