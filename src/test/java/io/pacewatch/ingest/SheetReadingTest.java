package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.ingest.TestFiles.Formula;
import io.pacewatch.ingest.TestFiles.Percent;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases and targets from .xlsx sheets, and the same clerk forms in CSV. */
public class SheetReadingTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final List<Object> HEADINGS = List.of("地区", "指标", "时期", "累计值", "单位", "累计增长(%)", "发布时间", "来源");

    @Test
    void readsChineseHeadingsNamesPeriodsAndTypedCells() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                HEADINGS,
                row("luohu", "社会消费品零售总额", "2023年1-6月", new BigDecimal("1391.75"), "亿元", new Percent("0.052"),
                        LocalDate.of(2023, 7, 15), "罗湖区统计局"),
                row("luohu", "固投", "2023年上半年", "1,391.75", "亿元", "5.2%", "2023-07-15", "罗湖区统计局"),
                row("luohu", "地区生产总值", "2023年一季度", null, null, 4.5, LocalDateTime.of(2023, 4, 20, 10, 0),
                        "罗湖区统计局"),
                row("luohu", "规上工业增加值", "2023年1-2月", null, null, "-3.1", "2023-03-15 09:30", "罗湖区统计局")));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2, 3, 4, 5);
        final Release retail = outcome.records().get(0).value();
        assertThat(retail.indicator()).isEqualTo("RETAIL_SALES");
        assertThat(retail.period().code()).isEqualTo("2023-S1");
        assertThat(retail.basis()).isEqualTo(Basis.CUMULATIVE);
        assertThat(retail.value()).isEqualByComparingTo("1391.75");
        // A percent cell stores 5.2% as 0.052; the message says 5.2.
        assertThat(retail.growthPercent()).isEqualByComparingTo("5.2");
        // A date cell without a time, in Asia/Shanghai: midnight there is 16:00 UTC the day before.
        assertThat(retail.publishedAt()).isEqualTo(Instant.parse("2023-07-14T16:00:00Z"));
        final Release investment = outcome.records().get(1).value();
        assertThat(investment.indicator()).isEqualTo("FIXED_ASSET_INVESTMENT");
        assertThat(investment.value()).isEqualByComparingTo("1391.75");
        assertThat(investment.growthPercent()).isEqualByComparingTo("5.2");
        assertThat(investment.publishedAt()).isEqualTo(retail.publishedAt());
        final Release gdp = outcome.records().get(2).value();
        assertThat(gdp.period().code()).isEqualTo("2023-Q1");
        assertThat(gdp.publishedAt()).isEqualTo(Instant.parse("2023-04-20T02:00:00Z"));
        final Release industry = outcome.records().get(3).value();
        assertThat(industry.period().code()).isEqualTo("2023-01-01/P2M");
        assertThat(industry.publishedAt()).isEqualTo(Instant.parse("2023-03-15T01:30:00Z"));
    }

    @Test
    void errorsNameTheSheetAndTheCell() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                HEADINGS,
                row("luohu", "社零", "2023年1-6月", LocalDate.of(2023, 6, 1), "亿元", 5.2, "2023-07-15", "s"),
                row("luohu", "社零额度", "2023年1-6月", 1, "亿元", 5.2, "2023-07-15", "s"),
                row("luohu", "社零", "2023年1-6月", 1, "亿元", "5.2%%", "2023-07-15", "s"),
                row("luohu", "社零", "2023年1-6月", new Percent("0.5"), "亿元", 5.2, "2023-07-15", "s"),
                row("luohu", "社零", "2023年1-6月", new Formula("1/0"), "亿元", 5.2, "2023-07-15", "s"),
                row("luohu", "社零", "1-6月", 1, "亿元", 5.2, "2023-07-15", "s"),
                row("luohu", "社零", "2023年1-6月", 1, "亿元", 5.2, "2023-06-15", "s"),
                row("luohu", "社零", LocalDate.of(2023, 6, 1), 1, "亿元", 5.2, "2023-07-15", "s")));

        assertThat(outcome.errors()).extracting(RowError::place, RowError::reason).containsExactly(
                tuple("sheet 数据, D2", "wrong_type"),
                tuple("sheet 数据, B3", "unknown_indicator"),
                tuple("sheet 数据, F4", "wrong_type"),
                tuple("sheet 数据, D5", "wrong_type"),
                tuple("sheet 数据, D6", "wrong_type"),
                tuple("sheet 数据, C7", "invalid_period"),
                tuple("sheet 数据, row 8", "invalid_period"),
                tuple("sheet 数据, C9", "wrong_type"));
        assertThat(outcome.errors().get(0).describe())
                .startsWith("sheet 数据, D2: wrong_type: value is a date cell (2023-06-01)");
        assertThat(outcome.errors().get(3).detail()).contains("is a percentage, but only a percentage column");
        assertThat(outcome.errors().get(4).detail()).contains("a formula without a saved result");
        assertThat(outcome.errors().get(5).detail()).contains("does not say which year").contains("--year");
        assertThat(outcome.errors().get(6).detail()).contains("before its period");
        assertThat(RowError.columnName(0) + RowError.columnName(25) + RowError.columnName(26) + RowError.columnName(27))
                .isEqualTo("AZAAAB");
    }

    @Test
    void theYearGivenOnceDatesPeriodsWithoutOne() throws IOException {
        final ClerkForms forms = new ClerkForms(CatalogueLoader.bundled(), ClerkForms.DEFAULT_ZONE, 2023);
        final ReleaseFileReader reader = new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE, forms, null);

        final FileOutcome<Release> outcome = reader.read("a.xlsx", new ByteArrayInputStream(TestFiles.xlsx(sheet("数据",
                HEADINGS, row("luohu", "社零", "1-6月", 1391.75, "亿元", 5.2, "2023-07-15", "s")))), InputFormat.XLSX);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records().get(0).value().period().code()).isEqualTo("2023-S1");
    }

    @Test
    void aSecondHeadingRowOfFieldNamesIsSkippedAndBlankRowsToo() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                HEADINGS,
                row("region", "indicator", "period", "value", "unit", "growthPercent", "publishedAt", "source"),
                row(),
                row("luohu", "社零", "2023年1-6月", 1391.75, "亿元", 5.2, "2023-07-15", "s")));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.rows()).isEqualTo(1);
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(4);
    }

    @Test
    void unknownHeadingsAreRefusedWithEveryKnownOne() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                List.of("地区", "指标", "时期", "累计", "单位"),
                row("luohu", "社零", "2023年1-6月", 1391.75, "亿元")));

        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.place()).isEqualTo("sheet 数据, row 1");
            assertThat(e.reason()).isEqualTo("unknown_field");
            assertThat(e.detail()).contains("column '累计' is not a release field; the columns are: region (地区, 区域,"
                    + " 地区名称), indicator (指标, 指标名称)").contains("growthPercent (累计增长(%), ");
        });
    }

    @Test
    void aFigureWithoutAHeadingIsRefusedNotDropped() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                HEADINGS,
                row("luohu", "社零", "2023年1-6月", 1391.75, "亿元", 5.2, "2023-07-15", "s", null, "6.0")));

        assertThat(outcome.errors()).extracting(RowError::place, RowError::reason)
                .containsExactly(tuple("sheet 数据, J2", "unknown_field"));
    }

    @Test
    void readsTheSheetNamedAndRefusesOneThatIsMissing() throws IOException {
        final Map<String, List<List<Object>>> book = new LinkedHashMap<>(sheet("说明", List.of("这不是数据")));
        book.putAll(sheet("6月", HEADINGS, row("luohu", "社零", "2023年1-6月", 1391.75, "亿元", 5.2, "2023-07-15", "s")));

        assertThat(releases("6月", book).records()).hasSize(1);
        assertThat(releases(null, book).errors()).extracting(RowError::place).containsExactly("sheet 说明, row 1");
        assertThatThrownBy(() -> releases("7月", book))
                .isInstanceOf(SheetReader.Unreadable.class)
                .hasMessage("it has no sheet named '7月'; its sheets are '说明', '6月'");
    }

    @Test
    void aFileThatIsNoXlsxWorkbookSaysWhatToDo() {
        final ReleaseFileReader reader = reader();
        assertThatThrownBy(() -> reader.read("a.xlsx", TestFiles.utf8("region,indicator\n"), InputFormat.XLSX))
                .isInstanceOf(SheetReader.Unreadable.class).hasMessage("not an .xlsx workbook");
        final byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThatThrownBy(() -> reader.read("a.xls", new ByteArrayInputStream(ole2), InputFormat.XLSX))
                .isInstanceOf(SheetReader.Unreadable.class).hasMessageContaining("save it as an Excel workbook (.xlsx)");
        assertThat(InputFormat.AUTO.resolve(java.nio.file.Path.of("报表.XLSX"))).isEqualTo(InputFormat.XLSX);
    }

    @Test
    void aDamagedSheetMakesTheFileUnreadableRatherThanHalfRead(@TempDir final Path dir) throws IOException {
        final Path good = dir.resolve("good.xlsx");
        Files.write(good, TestFiles.xlsx(sheet("数据", HEADINGS,
                row("luohu", "社零", "2023年1-6月", 1391.75, "亿元", 5.2, "2023-07-15", "s"))));
        final Path damaged = dir.resolve("damaged.xlsx");
        try (ZipFile zip = new ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (final ZipEntry entry : java.util.Collections.list(zip.entries())) {
                final byte[] bytes = zip.getInputStream(entry).readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                // The sheet cut off in the middle of its rows, as a broken copy or download leaves it.
                out.write(entry.getName().equals("xl/worksheets/sheet1.xml")
                        ? java.util.Arrays.copyOf(bytes, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                .indexOf("<row r=\"2\"") + 20)
                        : bytes);
                out.closeEntry();
            }
        }

        assertThat(reader().read(good).errors()).isEmpty();
        assertThatThrownBy(() -> reader().read(damaged))
                .isInstanceOf(SheetReader.Unreadable.class)
                .hasMessageStartingWith("sheet '数据' cannot be read: ");
    }

    @Test
    void aHeadingThatStatesTheBasisMustAgreeWithTheBasisColumn() throws IOException {
        final FileOutcome<Release> outcome = releases(null, sheet("数据",
                List.of("地区", "指标", "时期", "口径", "当期值", "单位", "发布时间", "来源"),
                row("luohu", "社零", "2023年6月", "当月", 230.5, "亿元", "2023-07-15", "s"),
                row("luohu", "社零", "2023年6月", null, 230.5, "亿元", "2023-07-15", "s"),
                row("luohu", "社零", "2023年6月", "累计", 230.5, "亿元", "2023-07-15", "s")));

        assertThat(outcome.records()).extracting(r -> r.value().basis(), r -> r.value().period().code())
                .containsExactly(tuple(Basis.SINGLE_PERIOD, "2023-M06"), tuple(Basis.SINGLE_PERIOD, "2023-M06"));
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.place()).isEqualTo("sheet 数据, D4");
            assertThat(e.detail()).contains("basis '累计' contradicts the heading '当期值', which says SINGLE_PERIOD");
        });
    }

    @Test
    void csvTakesTheSameClerkFormsAsASheet() throws IOException {
        final String csv = "地区,指标,时期,累计值,单位,累计增长(%),发布时间,来源\n"
                + "luohu,社会消费品零售总额,2023年1-6月,\"1,391.75\",亿元,5.2%,2023-07-15,罗湖区统计局\n"
                + "luohu,社零,2023年一季度,\"1,391.75\",亿元,5.2,2023-04-15,罗湖区统计局\n"
                + "luohu,社零,2023年1-6月,5.2%,亿元,5.2,2023-07-15,罗湖区统计局\n";

        final FileOutcome<Release> outcome = reader().read("a.csv", TestFiles.utf8(csv), InputFormat.CSV);

        assertThat(outcome.records()).extracting(r -> r.value().period().code(), r -> r.value().value().toPlainString(),
                        r -> r.value().publishedAt().toString())
                .containsExactly(tuple("2023-S1", "1391.75", "2023-07-14T16:00:00Z"),
                        tuple("2023-Q1", "1391.75", "2023-04-14T16:00:00Z"));
        assertThat(outcome.errors()).extracting(RowError::describe).containsExactly("line 4: wrong_type: value '5.2%' is a"
                + " percentage, but only a percentage column (growthPercent, 累计增长(%)) takes one; write the number alone");
    }

    @Test
    void targetsFromASheetWithChineseHeadingsKindsAndAPercentGrowthTarget() throws IOException {
        final TargetFileReader reader = new TargetFileReader(CODEC, InputFormat.AUTO, TestFiles.forms(), null);
        final byte[] book = TestFiles.xlsx(sheet("目标",
                List.of("地区", "年度", "指标", "目标类型", "目标值", "单位", "发布时间", "来源"),
                row("luohu", 2023, "社零", "增速", "5%", null, LocalDate.of(2023, 1, 12), "政府工作报告"),
                row("luohu", 2023, "固投", "总量", "3,800,000", "万元", "2023-01-12", "政府工作报告"),
                row("luohu", 2023, "固投", "总量", "380%", "亿元", "2023-01-12", "政府工作报告")));

        final FileOutcome<Target> outcome = reader.read("t.xlsx", new ByteArrayInputStream(book), InputFormat.XLSX);

        assertThat(outcome.records()).extracting(t -> t.value().indicator(), t -> t.value().kind(),
                        t -> t.value().value().toPlainString())
                .containsExactly(tuple("RETAIL_SALES", TargetKind.GROWTH, "5"),
                        tuple("FIXED_ASSET_INVESTMENT", TargetKind.AMOUNT, "380"));
        assertThat(outcome.records().get(0).value().publishedAt()).isEqualTo(Instant.parse("2023-01-11T16:00:00Z"));
        assertThat(outcome.errors()).extracting(RowError::place, RowError::reason)
                .containsExactly(tuple("sheet 目标, E4", "wrong_type"));
    }

    private static ReleaseFileReader reader() {
        return new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE, TestFiles.forms(), null);
    }

    private static FileOutcome<Release> releases(final String sheet, final Map<String, List<List<Object>>> book)
            throws IOException {
        final ReleaseFileReader reader = new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE,
                TestFiles.forms(), sheet);
        return reader.read("book.xlsx", new ByteArrayInputStream(TestFiles.xlsx(book)), InputFormat.XLSX);
    }

    @SafeVarargs
    public static Map<String, List<List<Object>>> sheet(final String name, final List<Object>... rows) {
        final Map<String, List<List<Object>>> book = new LinkedHashMap<>();
        book.put(name, List.of(rows));
        return book;
    }

    public static List<Object> row(final Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }
}
