package io.pacewatch.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.ingest.SheetReadingTest;
import io.pacewatch.ingest.TestFiles;
import io.pacewatch.ingest.TestFiles.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command without a broker: everything up to the moment something would be sent. */
class PublishCommandTest {

    private static final String VALID_CSV = TestFiles.resource("releases-valid.csv").toString();
    private static final String VALID_JSONL = TestFiles.resource("releases-valid.jsonl").toString();
    private static final String BAD_CSV = TestFiles.resource("releases-bad.csv").toString();
    private static final String BAD_JSONL = TestFiles.resource("releases-bad.jsonl").toString();

    @TempDir
    Path dir;

    @Test
    void aBadFileListsEveryErrorWithItsLineAndSendsNothing() {
        // The broker address is never used: validation fails first, so this needs no Kafka.
        final Run run = TestFiles.run(new PublishCommand(), "--bootstrap-servers", "127.0.0.1:1", VALID_CSV, BAD_CSV);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).anySatisfy(line -> assertThat(line).startsWith(
                BAD_CSV + ": line 3: unknown_indicator: indicator 'HOUSE_PRICES' is not in the catalogue; known:"
                        + " GDP 地区生产总值 (生产总值, 地区GDP), BUDGET_REVENUE 地方一般公共预算收入"));
        assertThat(run.err().lines()).contains(
                BAD_CSV + ": line 4: malformed_csv: the row has 10 cells but the header (line 1) has 11 columns");
        assertThat(run.err()).contains(BAD_CSV + ": line 5: wrong_type: ")
                .contains(BAD_CSV + ": line 6: invalid_text: ")
                .contains(BAD_CSV + ": line 9: invalid_period: ")
                .contains(BAD_CSV + ": line 10: malformed_csv: unterminated quote")
                .doesNotContain(VALID_CSV + ":")
                .contains("publish: 6 invalid row(s) among 11 read, in 1 of 2 file(s); nothing was sent");
    }

    @Test
    void aBadJsonLinesFileInADryRunNeedsNoBroker() {
        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", BAD_JSONL);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err().lines().filter(l -> l.startsWith(BAD_JSONL + ": line ")))
                .extracting(l -> l.substring(BAD_JSONL.length() + 2, l.indexOf(':', BAD_JSONL.length() + 2)))
                .containsExactly("line 3", "line 4", "line 6", "line 7");
    }

    @Test
    void aDryRunOfValidFilesSummarisesWithoutSending() {
        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", VALID_CSV, VALID_JSONL);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("dry run: all 6 rows of 2 file(s) are valid; nothing was sent to pacewatch.releases")
                .containsPattern("BUDGET_REVENUE +2")
                .containsPattern("GDP +1");
    }

    @Test
    void sdmxDefaultsComeFromTheOptions() {
        final String sdmx = TestFiles.resource("releases.sdmx.csv").toString();

        assertThat(TestFiles.run(new PublishCommand(), "--dry-run", sdmx).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", "--published-at", "2023-03-15T10:00:00+08:00",
                "--source", "罗湖区统计局", sdmx);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void echoesHostileValuesEscaped() throws IOException {
        final Path file = dir.resolve("hostile.csv");
        Files.writeString(file, "region,indicator,period,growthPercent,publishedAt,source\n"
                + "luohu,<script>\u001B[2J\u202Egdp,2023-Q1,6.1,2023-04-20T10:00:00+08:00,s\n", StandardCharsets.UTF_8);

        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("indicator '<script>\\u001B[2J\\u202Egdp' is not in the catalogue")
                .doesNotContain("\u001B").doesNotContain("\u202E");
    }

    @Test
    void unreadableFilesAreInvalidInput() {
        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", dir.resolve("missing.csv").toString(),
                dir.resolve("releases.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("missing.csv: no such file")
                .contains("cannot tell the format of")
                .contains("2 unreadable file(s), in 2 of 2 file(s); nothing was sent");
    }

    @Test
    void theFormatOptionOverridesTheExtension() throws IOException {
        final Path file = dir.resolve("releases.txt");
        Files.copy(TestFiles.resource("releases-valid.jsonl"), file);

        assertThat(TestFiles.run(new PublishCommand(), "--dry-run", "--format", "jsonl", file.toString()).exitCode())
                .isEqualTo(ExitCodes.OK);
        final Run unknown = TestFiles.run(new PublishCommand(), "--dry-run", "--format", "xml", file.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("'xml' is not one of auto, jsonl, csv, sdmx-csv, xlsx");
    }

    @Test
    void sendingWithoutABrokerIsAUsageError() {
        final Run run = TestFiles.run(new PublishCommand(), VALID_CSV);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("no Kafka brokers given").contains("--dry-run");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        final Run run = TestFiles.run(new PublishCommand(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("2   invalid input").contains("--format=FORMAT");
    }

    @Test
    void writesTheTemplateNeverOverAFileAndItsDryRunNamesTheExample() throws IOException {
        final Path template = dir.resolve("模板.xlsx");

        final Run written = TestFiles.run(new PublishCommand(), "--template", "xlsx", "-o", template.toString());

        assertThat(written.exitCode()).as(written.err()).isEqualTo(ExitCodes.OK);
        assertThat(written.out()).contains("wrote the template " + template);
        assertThat(Files.size(template)).isPositive();
        final Run again = TestFiles.run(new PublishCommand(), "--template", "xlsx", "-o", template.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err()).contains("exists; the template is never written over a file");
        final Run dryRun = TestFiles.run(new PublishCommand(), "--dry-run", template.toString());
        assertThat(dryRun.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(dryRun.err()).contains(template + ": sheet 数据, I3: invalid_field: this is the template's example row");
        assertThat(TestFiles.run(new PublishCommand(), "--template", "xlsx", "-o", dir.resolve("b.xlsx").toString(),
                VALID_CSV).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(TestFiles.run(new PublishCommand(), "--template", "ods", "-o", dir.resolve("c.ods").toString())
                .err()).contains("the only template is xlsx");
        assertThat(TestFiles.run(new PublishCommand(), "--dry-run").err()).contains("name at least one FILE");
    }

    @Test
    void aDryRunOfAWorkbookStatesTheZoneOfDatesWithoutOffset() throws IOException {
        final Path book = dir.resolve("6月.xlsx");
        Files.write(book, TestFiles.xlsx(SheetReadingTest.sheet("数据",
                java.util.List.of("地区", "指标", "时期", "累计值", "单位", "累计增长(%)", "发布时间", "来源"),
                SheetReadingTest.row("luohu", "社零", "1-6月", "1,391.75", "亿元", "5.2%", "2023-07-15", "罗湖区统计局"))));

        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", "--year", "2023", "--zone", "Asia/Hong_Kong",
                book.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("dry run: all 1 rows of 1 file(s) are valid")
                .contains("local times   1 date(s) without an offset, taken in Asia/Hong_Kong")
                .containsPattern("RETAIL_SALES +1");
    }

    @Test
    void anOldXlsWorkbookIsUnreadableWithTheWayOut() throws IOException {
        final Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1});

        final Run run = TestFiles.run(new PublishCommand(), "--dry-run", xls.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains(xls + ": an Excel 97-2003 workbook (.xls) or an encrypted one; save it as an"
                + " Excel workbook (.xlsx)");
    }
}
