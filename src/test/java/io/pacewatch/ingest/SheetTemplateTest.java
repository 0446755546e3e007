package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The template written, then read back: with fastexcel's reader, the sheet's XML, and pacewatch's own readers. */
class SheetTemplateTest {

    private static final IndicatorCatalogue CATALOGUE = CatalogueLoader.bundled();
    private static final InputCodec CODEC = new InputCodec(CATALOGUE);
    private static final Pattern LIST_RANGE = Pattern.compile("'?lists'?!\\$([A-Z]+)\\$(\\d+):\\$([A-Z]+)\\$(\\d+)");

    @Test
    void releaseTemplateHasBothHeadingRowsAMarkedExampleAndDateCell() throws IOException {
        final byte[] book = write(SheetTemplate.releases(CATALOGUE, null));

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(book), new ReadingOptions(true, false))) {
            assertThat(workbook.getSheets().map(Sheet::getName)).containsExactly("数据", "说明", "lists");
            assertThat(workbook.findSheet("lists").orElseThrow().getVisibility()).isEqualTo(SheetVisibility.HIDDEN);
            final List<Row> rows = workbook.getFirstSheet().read();
            assertThat(texts(rows.get(0))).containsExactly("地区", "指标", "时期", "累计值", "单位", "累计增长(%)", "发布时间",
                    "来源", "备注");
            assertThat(texts(rows.get(1))).containsExactly("region", "indicator", "period", "value", "unit",
                    "growthPercent", "publishedAt", "source", "note");
            final Row example = rows.get(2);
            assertThat(example.getCell(8).getText()).isEqualTo(ClerkForms.EXAMPLE_MARK);
            assertThat(example.getCell(3).asNumber()).isEqualByComparingTo("1391.75");
            assertThat(example.getCell(6).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(example.getCell(6).asDate().toLocalDate()).hasToString("2023-07-15");
        }
    }

    @Test
    void releaseTemplateValidatesIndicatorsUnitsAndPeriodsWithListsTheReaderAccepts() throws IOException {
        final byte[] book = write(SheetTemplate.releases(CATALOGUE, 2024));

        final Map<String, List<String>> lists = validationLists(book);

        assertThat(lists).containsOnlyKeys("B3:B1000", "C3:C1000", "E3:E1000");
        assertThat(lists.get("B3:B1000")).containsExactlyElementsOf(
                CATALOGUE.all().stream().map(Indicator::nameZh).collect(Collectors.toList()));
        assertThat(lists.get("E3:E1000")).containsExactly("元", "万元", "亿元");
        assertThat(lists.get("C3:C1000")).startsWith("2024年1-2月", "2024年1-3月")
                .contains("2024年1-6月", "2024年一季度", "2024年上半年", "2024年前三季度", "2024年");
        final ClerkForms forms = TestFiles.forms();
        lists.get("B3:B1000").forEach(name -> assertThat(forms.indicator(name)).isNotBlank());
        lists.get("C3:C1000").forEach(period -> assertThat(forms.period(period)).startsWith("2024"));
        assertThat(dataValidationAttributes(book)).allSatisfy(a -> assertThat(a)
                .containsEntry("type", "list").containsEntry("showErrorMessage", "true"));
    }

    @Test
    void periodsOfATemplateWithoutYearNeedTheYearWhenPublished() throws IOException {
        final List<String> periods = validationLists(write(SheetTemplate.releases(CATALOGUE, null))).get("C3:C1000");

        assertThat(periods).contains("1-2月", "1-6月", "一季度", "上半年", "前三季度", "全年");
        final ClerkForms withYear = new ClerkForms(CATALOGUE, ClerkForms.DEFAULT_ZONE, 2023);
        periods.forEach(period -> assertThat(withYear.period(period)).startsWith("2023"));
    }

    @ParameterizedTest(name = "year {0}")
    @NullSource
    @ValueSource(ints = 2026)
    void theTemplateReadBackPublishesNothingBecauseOfItsExampleAndTheExampleIsValidOnceUnmarked(final Integer year)
            throws IOException {
        final SheetTemplate template = SheetTemplate.releases(CATALOGUE, year);
        final ReleaseFileReader reader = new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE,
                TestFiles.forms(), null);

        final FileOutcome<Release> asWritten = reader.read("template.xlsx", new ByteArrayInputStream(write(template)),
                InputFormat.XLSX);

        assertThat(asWritten.records()).isEmpty();
        assertThat(asWritten.rows()).isEqualTo(1);
        assertThat(asWritten.errors()).singleElement().satisfies(e -> {
            assertThat(e.place()).isEqualTo("sheet 数据, I3");
            assertThat(e.reason()).isEqualTo("invalid_field");
            assertThat(e.detail()).contains("the template's example row").contains("delete the row");
        });

        final FileOutcome<Release> unmarked = reader.read("filled.xlsx",
                new ByteArrayInputStream(TestFiles.xlsx(filledLikeTheExample(template))), InputFormat.XLSX);
        assertThat(unmarked.errors()).isEmpty();
        final Release release = unmarked.records().get(0).value();
        assertThat(release.indicator()).isEqualTo("RETAIL_SALES");
        assertThat(release.period().code()).isEqualTo((year == null ? 2023 : year) + "-S1");
    }

    @Test
    void targetTemplateHasKindsAndItsExampleIsAValidTargetOnceUnmarked() throws IOException {
        final SheetTemplate template = SheetTemplate.targets(CATALOGUE, 2024);
        final byte[] book = write(template);

        assertThat(validationLists(book)).containsOnlyKeys("C3:C1000", "D3:D1000", "F3:F1000")
                .containsEntry("D3:D1000", List.of("增速", "总量"));
        final TargetFileReader reader = new TargetFileReader(CODEC, InputFormat.AUTO, TestFiles.forms(), null);
        assertThat(reader.read("t.xlsx", new ByteArrayInputStream(book), InputFormat.XLSX).errors())
                .extracting(RowError::place).containsExactly("sheet 目标, I3");
        final FileOutcome<Target> unmarked = reader.read("t.xlsx",
                new ByteArrayInputStream(TestFiles.xlsx(filledLikeTheExample(template))), InputFormat.XLSX);
        assertThat(unmarked.errors()).isEmpty();
        assertThat(unmarked.records().get(0).value().year()).isEqualTo(2024);
    }

    /** The template's two heading rows and its example without the example mark, as a clerk would fill it. */
    private static Map<String, List<List<Object>>> filledLikeTheExample(final SheetTemplate template) {
        final List<Object> chinese = new ArrayList<>();
        final List<Object> fields = new ArrayList<>();
        final List<Object> example = new ArrayList<>();
        for (final SheetTemplate.Column column : template.columns()) {
            chinese.add(column.heading());
            fields.add(column.field());
            example.add(column.field().equals(ClerkForms.NOTE) ? "核对：张三" : column.example());
        }
        final Map<String, List<List<Object>>> book = new LinkedHashMap<>();
        book.put(template.sheetName(), List.of(chinese, fields, example));
        return book;
    }

    private static byte[] write(final SheetTemplate template) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        template.write(out);
        return out.toByteArray();
    }

    private static List<String> texts(final Row row) {
        return row.stream().map(Cell::getText).collect(Collectors.toList());
    }

    /** Each validated range of the data sheet, with the values of the list it points at on the lists sheet. */
    private static Map<String, List<String>> validationLists(final byte[] book) throws IOException {
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(book))) {
            final List<Row> listRows = workbook.findSheet(SheetTemplate.LISTS_SHEET).orElseThrow().read();
            for (final Map<String, String> validation : dataValidationAttributes(book)) {
                final Matcher range = LIST_RANGE.matcher(validation.get("formula1"));
                assertThat(range.matches()).as(validation.get("formula1")).isTrue();
                assertThat(range.group(1)).isEqualTo(range.group(3));
                final int column = range.group(1).charAt(0) - 'A';
                final List<String> values = new ArrayList<>();
                for (int r = Integer.parseInt(range.group(2)); r <= Integer.parseInt(range.group(4)); r++) {
                    values.add(listRows.get(r - 1).getCell(column).getText());
                }
                lists.put(validation.get("sqref"), values);
            }
        }
        return lists;
    }

    /** fastexcel's reader does not read data validations, so they are read from the first sheet's XML. */
    private static List<Map<String, String>> dataValidationAttributes(final byte[] book) throws IOException {
        // The writer streams its entries (sizes after the data), which ZipInputStream cannot read; ZipFile can.
        final Path file = Files.createTempFile("template", ".xlsx");
        Files.write(file, book);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            final ZipEntry entry = zip.getEntry("xl/worksheets/sheet1.xml");
            if (entry != null) {
                try (InputStream sheet = zip.getInputStream(entry)) {
                    final NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(sheet).getElementsByTagName("dataValidation");
                    final List<Map<String, String>> validations = new ArrayList<>();
                    for (int i = 0; i < nodes.getLength(); i++) {
                        final Element element = (Element) nodes.item(i);
                        final Map<String, String> attributes = new LinkedHashMap<>();
                        for (int a = 0; a < element.getAttributes().getLength(); a++) {
                            attributes.put(element.getAttributes().item(a).getNodeName(),
                                    element.getAttributes().item(a).getNodeValue());
                        }
                        attributes.put("formula1", element.getElementsByTagName("formula1").item(0).getTextContent());
                        validations.add(attributes);
                    }
                    return validations;
                }
            }
        } catch (final javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(e);
        } finally {
            Files.delete(file);
        }
        throw new AssertionError("the workbook has no first sheet");
    }
}
