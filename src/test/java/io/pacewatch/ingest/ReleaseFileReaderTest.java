package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Basis;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReleaseFileReaderTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final ReleaseFileReader AUTO = new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE, TestFiles.forms(), null);

    @Test
    void csvColumnsAreExactlyTheReleaseMessageFields() {
        final List<String> fields = Arrays.stream(ReleaseDraft.class.getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toList());

        assertThat(ReleaseFileReader.CSV_COLUMNS).containsExactlyElementsOf(fields);
    }

    @Test
    void readsAValidCsvFileWithQuotedCellsAndConvertsUnits() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases-valid.csv"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.rows()).isEqualTo(4);
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2, 3, 4, 5);
        final Release revenue = outcome.records().get(0).value();
        assertThat(revenue.source()).isEqualTo("罗湖区财政局, 月报");
        assertThat(revenue.value()).isEqualByComparingTo("21.3");
        final Release gdp = outcome.records().get(1).value();
        assertThat(gdp.source()).isEqualTo("罗湖区统计局 \"季报\"");
        assertThat(gdp.value()).isNull();
        assertThat(gdp.growthPercent()).isEqualByComparingTo("6.1");
        final Release retail = outcome.records().get(2).value();
        assertThat(retail.value()).isEqualByComparingTo("12.05");
        assertThat(retail.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(retail.revision()).isEqualTo(1);
        final Release industry = outcome.records().get(3).value();
        assertThat(industry.embargoUntil()).isEqualTo(Instant.parse("2023-04-18T07:00:00Z"));
    }

    @Test
    void reportsEveryBadCsvRowWithItsPhysicalLineAndReason() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases-bad.csv"));

        assertThat(outcome.rows()).isEqualTo(7);
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(3, "unknown_indicator"),
                tuple(4, "malformed_csv"),
                tuple(5, "wrong_type"),
                tuple(6, "invalid_text"),
                tuple(9, "invalid_period"),
                tuple(10, "malformed_csv"));
        assertThat(outcome.errors().get(1).describe())
                .isEqualTo("line 4: malformed_csv: the row has 10 cells but the header (line 1) has 11 columns");
        assertThat(outcome.errors().get(2).detail()).contains("'45,1' is not a number");
        assertThat(outcome.errors().get(5).detail()).contains("unterminated quote");
    }

    @Test
    void refusesACsvHeaderWithUnknownOrRepeatedColumns() throws IOException {
        final FileOutcome<Release> unknown = readCsv("region,indicator,Value,growth\nluohu,GDP,1,2\n");
        assertThat(unknown.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo("unknown_field");
            assertThat(e.detail()).contains("'Value', 'growth'");
        });
        assertThat(unknown.rows()).isZero();

        final FileOutcome<Release> repeated = readCsv("region,region\n");
        assertThat(repeated.errors()).extracting(RowError::reason).containsExactly("duplicate_field");
    }

    @Test
    void anEmptyCsvFileHasNoHeader() throws IOException {
        assertThat(readCsv("").errors()).extracting(RowError::describe)
                .containsExactly("line 1: malformed_csv: the file is empty; a CSV file starts with a header row");
    }

    @Test
    void refusesNumbersJsonWouldRefuseButFoldsFullWidthDigits() throws IOException {
        final String header = "region,indicator,period,value,unit,publishedAt,source\n";
        final FileOutcome<Release> outcome = readCsv(header
                + "luohu,BUDGET_REVENUE,2023-02,NaN,亿元,2023-03-15T10:00:00+08:00,x\n"
                + "luohu,BUDGET_REVENUE,2023-02,１２,亿元,2023-03-15T10:00:00+08:00,x\n"
                + "luohu,BUDGET_REVENUE,2023-02,1e5,亿元,2023-03-15T10:00:00+08:00,x\n");

        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(2, "not_a_number"));
        assertThat(outcome.records()).extracting(r -> r.value().value().toPlainString())
                .containsExactly("12", "100000");
    }

    @Test
    void readsJsonLinesSkippingCommentsAndBlankLines() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases-valid.jsonl"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.rows()).isEqualTo(2);
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(3, 5);
        assertThat(outcome.records().get(1).value().period().code()).isEqualTo("2023-Q1");
    }

    @Test
    void reportsBadJsonLinesWithTheStreamsReasons() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases-bad.jsonl"));

        assertThat(outcome.rows()).isEqualTo(5);
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(3, "malformed_json"),
                tuple(4, "unknown_field"),
                tuple(6, "missing_field"),
                tuple(7, "unknown_unit"));
        assertThat(outcome.errors().get(1).describe())
                .isEqualTo("line 4: unknown_field: field 'growth' is not part of a release message");
    }

    @Test
    void reportsAJsonLineThatIsNotUtf8() throws IOException {
        final byte[] file = {'#', '\n', '{', (byte) 0xFF, '}', '\n'};
        final FileOutcome<Release> outcome = AUTO.read("x.jsonl", new ByteArrayInputStream(file), InputFormat.JSONL);

        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason)
                .containsExactly(tuple(2, "malformed_json"));
    }

    @Test
    void choosesTheFormatByExtensionUnlessToldAndRefusesToGuess() {
        assertThat(InputFormat.AUTO.resolve(Path.of("a.JSONL"))).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.AUTO.resolve(Path.of("dir/a.ndjson"))).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.AUTO.resolve(Path.of("a.csv"))).isEqualTo(InputFormat.CSV);
        assertThat(InputFormat.CSV.resolve(Path.of("a.txt"))).isEqualTo(InputFormat.CSV);
        assertThatThrownBy(() -> InputFormat.AUTO.resolve(Path.of("a.json")))
                .isInstanceOf(InputFormat.UnknownFormatException.class)
                .hasMessageContaining("--format");
    }

    @Test
    void formatConverterTakesTheOptionNames() {
        final InputFormat.Converter converter = new InputFormat.Converter();

        assertThat(converter.convert("sdmx-csv")).isEqualTo(InputFormat.SDMX_CSV);
        assertThat(converter.convert("JSONL")).isEqualTo(InputFormat.JSONL);
        assertThatThrownBy(() -> converter.convert("xml")).hasMessageContaining("auto, jsonl, csv, sdmx-csv");
    }

    @Test
    void readsSdmxCsvByItsHeaderConvertingUnitMultiplier() throws IOException {
        final ReleaseFileReader reader = new ReleaseFileReader(CODEC, InputFormat.AUTO,
                new SdmxDefaults("2023-03-15T10:00:00+08:00", "罗湖区统计局"), TestFiles.forms(), null);

        final FileOutcome<Release> outcome = reader.read(TestFiles.resource("releases.sdmx.csv"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2, 3, 4);
        final Release retail = outcome.records().get(0).value();
        // OBS_VALUE 1234500 with UNIT_MULT 4 is 1,234,500 万元 = 123.45 亿元, the indicator's unit.
        assertThat(retail.value()).isEqualByComparingTo("123.45");
        assertThat(retail.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(retail.growthPercent()).isEqualByComparingTo("4.8");
        assertThat(retail.basis()).isEqualTo(Basis.CUMULATIVE);
        assertThat(retail.publishedAt()).isEqualTo(Instant.parse("2023-04-18T02:00:00Z"));
        assertThat(retail.source()).isEqualTo("罗湖区统计局");
        final Release gdp = outcome.records().get(1).value();
        assertThat(gdp.value()).isEqualByComparingTo("612.4");
        final Release revenue = outcome.records().get(2).value();
        assertThat(revenue.period().code()).isEqualTo("2023-01-01/P2M");
        assertThat(revenue.value()).isEqualByComparingTo("21.3");
        assertThat(revenue.publishedAt()).isEqualTo(Instant.parse("2023-03-15T02:00:00Z"));
    }

    @Test
    void sdmxRowsWithoutPublicationTimeOrSourceNeedTheOptions() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases.sdmx.csv"));

        assertThat(outcome.errors()).extracting(RowError::line).containsExactly(2, 3, 4);
        assertThat(outcome.errors()).extracting(RowError::detail)
                .allSatisfy(d -> assertThat(d).containsAnyOf("source is required", "publishedAt is required"));
    }

    @Test
    void sdmxRefusesDeletesAndUnknownMultipliersAndEchoesFreq() throws IOException {
        final FileOutcome<Release> outcome = AUTO.read(TestFiles.resource("releases-delete.sdmx.csv"));

        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(3, "invalid_field"),
                tuple(4, "invalid_period"),
                tuple(5, "unknown_unit"));
        assertThat(outcome.errors().get(0).detail())
                .contains("ACTION D (delete) is not accepted: releases are versioned, not deleted");
        assertThat(outcome.errors().get(1).detail()).contains("quarterly").endsWith("(FREQ 'M')");
        assertThat(outcome.errors().get(2).detail()).contains("UNIT_MULT 6");
    }

    @Test
    void sdmxRefusesColumnsThatMightBeDimensionsAndOtherCurrencies() throws IOException {
        final String header = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SECTOR,TIME_PERIOD,OBS_VALUE\n";
        assertThat(readCsv(header).errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("unknown_field");
            assertThat(e.detail()).contains("'SECTOR'");
        });

        final FileOutcome<Release> usd = readCsv("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,"
                + "UNIT_MULT,UNIT_MEASURE,PUBLICATION_TIME,SOURCE\n"
                + "dataflow,X,I,luohu,RETAIL_SALES,2023-03,5,8,USD,2023-04-18T10:00:00+08:00,s\n"
                + "dataflow,X,I,luohu,RETAIL_SALES,2023-03,5,8,CNY,2023-04-18T10:00:00+08:00,s\n");
        assertThat(usd.errors()).extracting(RowError::line, RowError::reason)
                .containsExactly(tuple(2, "unknown_unit"));
        assertThat(usd.records()).hasSize(1);
    }

    @Test
    void sdmxFormatNamedForAFileThatIsNotSdmx() throws IOException {
        final ReleaseFileReader reader = new ReleaseFileReader(CODEC, InputFormat.SDMX_CSV, SdmxDefaults.NONE, TestFiles.forms(), null);

        final FileOutcome<Release> outcome = reader.read(TestFiles.resource("releases-valid.csv"));

        assertThat(outcome.errors()).extracting(RowError::describe).containsExactly(
                "line 1: malformed_csv: not an SDMX-CSV header: it must start with STRUCTURE,STRUCTURE_ID,ACTION");
    }

    @Test
    void valuesAreReadAsDecimalsNeverAsDoubles() throws IOException {
        // 18 significant digits: a double would round this to 10000000.
        final FileOutcome<Release> outcome = readCsv("region,indicator,period,value,unit,publishedAt,source\n"
                + "luohu,BUDGET_REVENUE,2023-02,9999999.9999999999,亿元,2023-03-15T10:00:00+08:00,x\n");

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records().get(0).value().value()).isEqualTo(new BigDecimal("9999999.9999999999"));
    }

    private static FileOutcome<Release> readCsv(final String text) throws IOException {
        return AUTO.read("test.csv", TestFiles.utf8(text), InputFormat.CSV);
    }
}
