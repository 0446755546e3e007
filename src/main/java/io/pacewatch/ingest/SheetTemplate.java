package io.pacewatch.ingest;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dhatim.fastexcel.DataValidationErrorStyle;
import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The blank workbook a clerk fills: the Chinese headings over the field names (both are read back as
 * headings), drop-down lists of the indicators, units and periods (or target kinds), and one filled
 * example row, marked in its note as an example so that publishing it unchanged is refused. The
 * data sheet comes first, as {@code publish} reads the first sheet; the lists live on a hidden sheet.
 */
public final class SheetTemplate {

    /** Rows that get the drop-down lists: enough for any bureau's month, without bloating the file. */
    static final int LAST_ROW = 1000;
    static final String LISTS_SHEET = "lists";

    /** One column: its field, its Chinese heading, the example's cell, and its drop-down list if any. */
    record Column(String field, String heading, Object example, List<String> choices, String format) {
    }

    private final String sheetName;
    private final List<Column> columns;
    private final List<String> notes;

    private SheetTemplate(final String sheetName, final List<Column> columns, final List<String> notes) {
        this.sheetName = sheetName;
        this.columns = columns;
        this.notes = notes;
    }

    /** The release template; with a year its period list states it, else periods need {@code --year}. */
    public static SheetTemplate releases(final IndicatorCatalogue catalogue, final Integer year) {
        final String y = year == null ? "" : year + "年";
        // The example must be valid once unmarked: published after its period, in the template's year.
        final int exampleYear = year == null ? 2023 : year;
        final List<String> periods = Stream.concat(
                IntStream.rangeClosed(2, 12).mapToObj(m -> y + "1-" + m + "月"),
                Stream.of(y + "一季度", y + "上半年", y + "前三季度", year == null ? "全年" : y))
                .collect(Collectors.toList());
        return new SheetTemplate("数据", List.of(
                new Column("region", "地区", "luohu", null, "@"),
                new Column("indicator", "指标", "社会消费品零售总额", indicatorNames(catalogue), "@"),
                new Column("period", "时期", exampleYear + "年1-6月", periods, "@"),
                new Column("value", "累计值", new BigDecimal("1391.75"), null, null),
                new Column("unit", "单位", "亿元", units(), "@"),
                new Column("growthPercent", "累计增长(%)", new BigDecimal("5.2"), null, null),
                new Column("publishedAt", "发布时间", LocalDate.of(exampleYear, 7, 15), null, "yyyy-mm-dd"),
                new Column("source", "来源", "罗湖区统计局", null, "@"),
                new Column(ClerkForms.NOTE, "备注", ClerkForms.EXAMPLE_MARK, null, "@")),
                List.of("每行一个地区、一个指标、一个时期的累计数。 One row per region, indicator and period, cumulative.",
                        "第一、二行是标题，勿改。 Rows 1-2 are the headings: keep them.",
                        "第三行是示例：发布前请删除。 Row 3 is an example: delete it before publishing.",
                        "时期不写年份时，发布时用 --year 指定。 Periods without a year need --year when publishing.",
                        "发布时间不带时区的，按 Asia/Shanghai 计（--zone 可改）。 Dates without an offset are taken"
                                + " in Asia/Shanghai (--zone changes it).",
                        "先检查：pacewatch publish --dry-run 文件.xlsx  再发布：pacewatch publish 文件.xlsx"));
    }

    public static SheetTemplate targets(final IndicatorCatalogue catalogue, final Integer year) {
        final int exampleYear = year == null ? 2023 : year;
        return new SheetTemplate("目标", List.of(
                new Column("region", "地区", "luohu", null, "@"),
                new Column("year", "年度", exampleYear, null, null),
                new Column("indicator", "指标", "社会消费品零售总额", indicatorNames(catalogue), "@"),
                new Column("kind", "目标类型", "增速", List.of("增速", "总量"), "@"),
                new Column("value", "目标值", new BigDecimal("5"), null, null),
                new Column("unit", "单位", "", units(), "@"),
                new Column("publishedAt", "发布时间", LocalDate.of(exampleYear, 1, 12), null, "yyyy-mm-dd"),
                new Column("source", "来源", "罗湖区政府工作报告", null, "@"),
                new Column(ClerkForms.NOTE, "备注", ClerkForms.EXAMPLE_MARK, null, "@")),
                List.of("每行一个地区、一个指标的年度目标。 One row per region and indicator: its annual target.",
                        "目标类型：增速（目标值为百分数，如 5 或 5%）或 总量（填单位）。 Kind: 增速 (growth, in"
                                + " percent) or 总量 (an amount: give its unit).",
                        "第三行是示例：加载前请删除。 Row 3 is an example: delete it before loading.",
                        "先检查：pacewatch targets load --dry-run 文件.xlsx  再加载：pacewatch targets load 文件.xlsx"));
    }

    List<Column> columns() {
        return columns;
    }

    String sheetName() {
        return sheetName;
    }

    public void write(final OutputStream out) throws IOException {
        final Workbook workbook = new Workbook(out, "pacewatch", "1.0");
        final Worksheet data = workbook.newWorksheet(sheetName);
        final Worksheet help = workbook.newWorksheet("说明");
        final Worksheet lists = workbook.newWorksheet(LISTS_SHEET);
        int listColumn = 0;
        for (int c = 0; c < columns.size(); c++) {
            final Column column = columns.get(c);
            data.value(0, c, column.heading());
            data.value(1, c, column.field());
            data.width(c, Math.max(12, column.heading().length() * 2.5));
            example(data, c, column.example());
            if (column.format() != null) {
                data.range(2, c, LAST_ROW - 1, c).style().format(column.format()).set();
            }
            if (column.choices() != null) {
                for (int i = 0; i < column.choices().size(); i++) {
                    lists.value(i, listColumn, column.choices().get(i));
                }
                data.range(2, c, LAST_ROW - 1, c)
                        .validateWithList(lists.range(0, listColumn, column.choices().size() - 1, listColumn))
                        .allowBlank(true)
                        .showErrorMessage(true)
                        .errorStyle(DataValidationErrorStyle.WARNING)
                        .errorTitle(column.heading())
                        .error("不在列表中（" + column.field() + " is not one of the list）; see docs/publishing.md");
                listColumn++;
            }
        }
        data.range(0, 0, 1, columns.size() - 1).style().bold().fillColor("DDEBF7").set();
        data.range(2, 0, 2, columns.size() - 1).style().italic().fontColor("808080").set();
        data.freezePane(0, 2);
        for (int i = 0; i < notes.size(); i++) {
            help.value(i, 0, notes.get(i));
        }
        help.width(0, 100);
        lists.setVisibilityState(VisibilityState.HIDDEN);
        workbook.finish();
    }

    private static void example(final Worksheet sheet, final int column, final Object value) {
        if (value instanceof LocalDate date) {
            sheet.value(2, column, date);
        } else if (value instanceof Number number) {
            sheet.value(2, column, number);
        } else {
            sheet.value(2, column, (String) value);
        }
    }

    /** Each indicator by its Chinese name, the name clerks use; codes and aliases are accepted as well. */
    private static List<String> indicatorNames(final IndicatorCatalogue catalogue) {
        return catalogue.all().stream().map(Indicator::nameZh).collect(Collectors.toList());
    }

    private static List<String> units() {
        return new ArrayList<>(Arrays.stream(AmountUnit.values()).map(AmountUnit::symbol).toList());
    }
}
