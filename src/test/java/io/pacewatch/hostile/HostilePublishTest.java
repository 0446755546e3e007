package io.pacewatch.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.cli.PacewatchCli;
import io.pacewatch.hostile.HostileCorpus.Case;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hostile corpus through {@code pacewatch publish --dry-run}, as a bureau would run it: one JSON
 * Lines file with every case on its own line and a valid release after each, so that every refused
 * row must be reported with its exact line, the valid rows must not be, and nothing is sent. Cases
 * that cannot be one line of a file (a key, an empty or blank message, a raw line break) are left
 * out, with the reason in the corpus ({@code publishSkip}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePublishTest {

    private static final Pattern ERROR_LINE = Pattern.compile("^(.*): line (\\d+): ([a-z_]+): (.*)$");
    private static final Pattern SUMMARY = Pattern.compile(
            "^publish: ([\\d,]+) invalid row\\(s\\) among ([\\d,]+) read, in 1 of 1 file\\(s\\); nothing was sent$");
    /** Every reported line is short enough to read: hostile values are cut, not echoed whole. */
    private static final int MAX_ERROR_LINE_LENGTH = 1_000;

    @TempDir
    static Path dir;

    private final List<Case> cases = new ArrayList<>();
    private final Map<Integer, Case> caseByLine = new LinkedHashMap<>();
    private Path file;
    private Run run;

    @BeforeAll
    void publishTheCorpus() throws IOException {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        int line = 0;
        for (final Case c : HostileCorpus.load()) {
            if (c.publishSkip() != null || KnownBugs.PUBLISH.containsKey(c.name())) {
                continue;
            }
            cases.add(c);
            content.write(c.payload());
            content.write('\n');
            caseByLine.put(++line, c);
            content.write(validRelease(line).getBytes(StandardCharsets.UTF_8));
            content.write('\n');
            line++;
        }
        file = dir.resolve("hostile.jsonl");
        Files.write(file, content.toByteArray());
        run = publish(file);
    }

    @Test
    @DisplayName("the corpus has at least 60 cases a file can carry, and covers every reason")
    void corpusIsLargeEnough() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(HostileCorpus.countByReason(cases).keySet()).contains("malformed_json", "oversize", "wrong_type",
                "unknown_field", "duplicate_field", "missing_field", "invalid_field", "invalid_text",
                "unknown_indicator", "invalid_period", "unknown_unit", "not_a_number", "negative_amount",
                "implausible_value");
    }

    @Test
    @DisplayName("every refused row is reported once with its exact line number and reason, valid rows never; exit 2, nothing sent")
    void everyRefusedRowIsReportedWithItsLineAndReason() {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).as("nothing on stdout: nothing was sent").isEmpty();

        final Map<Integer, String> reported = new LinkedHashMap<>();
        final List<String> other = new ArrayList<>();
        for (final String line : run.err().split("\n", -1)) {
            final Matcher m = ERROR_LINE.matcher(line);
            if (m.matches() && m.group(1).equals(file.toString())) {
                assertThat(reported.put(Integer.parseInt(m.group(2)), m.group(3))).as("line " + m.group(2) + " reported twice")
                        .isNull();
            } else if (!line.isEmpty()) {
                other.add(line);
            }
        }
        final SoftAssertions softly = new SoftAssertions();
        caseByLine.forEach((line, c) -> {
            if (c.accepted()) {
                softly.assertThat(reported.get(line)).as("%s (line %d) must be accepted", c.name(), line).isNull();
            } else {
                softly.assertThat(reported.get(line)).as("%s (line %d)", c.name(), line).isEqualTo(c.expectedReason());
            }
        });
        softly.assertThat(reported.keySet()).as("only the hostile lines are reported, never the valid one after each")
                .allMatch(caseByLine::containsKey);
        final long refused = caseByLine.values().stream().filter(c -> !c.accepted()).count();
        softly.assertThat(other).as("after the errors, one summary line").hasSize(1);
        softly.assertThat(other).first().asString().matches(SUMMARY)
                .startsWith(String.format("publish: %,d invalid row(s) among %,d read", refused, caseByLine.size() * 2));
        softly.assertAll();
    }

    @Test
    @DisplayName("the report escapes control, bidi and other hidden characters and cuts long values")
    void outputIsSafeForATerminal() {
        final String err = run.err();
        err.codePoints().forEach(cp -> assertThat(cp == '\n' || !HostileService.isHidden(cp))
                .as("hidden character U+%04X in the output", cp).isTrue());
        assertThat(err.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(MAX_ERROR_LINE_LENGTH));
        // The echoed values are there, escaped: \u001B for ESC, \u202E for the override, \u200D for ZWJ.
        assertThat(err).contains("finance\\u001B[2J\\u001B[1;31mbureau")
                .contains("罗湖区\\u202E局政财")
                .contains("hostile\\u200Dzwj")
                .contains("finance\\u2028bureau")
                .contains("<script>alert(1)</script>\\u001B[2J");
    }

    @Test
    @DisplayName("markup is printed as written: a terminal does not interpret HTML (SafeText's documented choice)")
    void markupIsPrintedAsData() {
        final Case script = cases.stream().filter(c -> c.name().equals("region-with-script-tag")).findFirst().orElseThrow();
        final int line = caseByLine.entrySet().stream().filter(e -> e.getValue() == script).findFirst().orElseThrow().getKey();
        assertThat(run.err()).contains(file + ": line " + line + ": invalid_text: region '<script>alert('x')</script>'"
                + " must be 1 to 64 letters, digits, '_', '-' or '.'");
    }

    @Test
    @DisplayName("a CSV file with hostile cells: each refused row by the line it starts on")
    void csvRows() throws IOException {
        final String header = "region,indicator,period,basis,value,unit,growthPercent,publishedAt,revision,source,embargoUntil\n";
        final String ok = "hostile-csv-ok,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n";
        final List<String[]> rows = List.of(
                new String[] {"<script>alert(1)</script>,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "invalid_text"},
                new String[] {"hostile-csv\u001b[2J,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "invalid_text"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,罗湖区\u202e局政财,\n", "invalid_text"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,NaN,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "not_a_number"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,1e400,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "implausible_value"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,-1e999999999,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "wrong_type"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-13,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "invalid_period"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,-60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "negative_amount"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,千元,,2023-07-15T09:30:00+08:00,,财政局,\n", "unknown_unit"},
                // 1,000 and full-width ６０ are clerks' forms, accepted (docs/publishing.md); a comma that is not a
                // thousands separator, or a % outside a percentage column, could mean two things and is refused.
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,\"1.000,5\",亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "wrong_type"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,６０％,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "wrong_type"},
                new String[] {"hostile-csv,HAPPINESS,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局,\n", "unknown_indicator"},
                new String[] {"hostile-csv,GDP,2023-05,,60,亿元,,2023-07-15T09:30:00+08:00,,统计局,\n", "invalid_period"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,1.5,财政局,\n", "wrong_type"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,\"two\nlines\",\n", "invalid_text"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,财政局\n", "malformed_csv"},
                new String[] {"hostile-csv,BUDGET_REVENUE,2023-06,,60,亿元,,2023-07-15T09:30:00+08:00,,\"unterminated,\n", "malformed_csv"});
        final StringBuilder csv = new StringBuilder(header);
        final Map<Integer, String> expected = new LinkedHashMap<>();
        int line = 1;
        for (final String[] row : rows) {
            expected.put(line + 1, row[1]);
            csv.append(row[0]);
            line += (int) row[0].chars().filter(ch -> ch == '\n').count();
            if (!row[1].equals("malformed_csv") || !row[0].contains("\"unterminated")) {
                csv.append(ok);
                line++;
            }
        }
        final Path csvFile = dir.resolve("hostile.csv");
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);

        final Run csvRun = publish(csvFile);

        assertThat(csvRun.exitCode()).as(csvRun.err()).isEqualTo(2);
        final Map<Integer, String> reported = new LinkedHashMap<>();
        csvRun.err().lines().map(ERROR_LINE::matcher).filter(Matcher::matches)
                .forEach(m -> reported.put(Integer.parseInt(m.group(2)), m.group(3)));
        assertThat(reported).as(csvRun.err()).containsExactlyEntriesOf(expected);
        csvRun.err().codePoints().forEach(cp -> assertThat(cp == '\n' || !HostileService.isHidden(cp))
                .as("hidden character U+%04X in the output", cp).isTrue());
    }

    @Test
    @DisplayName("known bugs: each case alone in a file is reported with its expected reason")
    void knownBugCases() throws IOException {
        final SoftAssertions softly = new SoftAssertions();
        for (final Case c : HostileCorpus.load()) {
            if (!KnownBugs.PUBLISH.containsKey(c.name())) {
                continue;
            }
            final Path single = dir.resolve(c.name() + ".jsonl");
            Files.write(single, c.payload());
            final Run alone = publish(single);
            softly.assertThat(alone.exitCode()).as("%s: %s", c.name(), alone.err()).isEqualTo(2);
            softly.assertThat(alone.err()).as(c.name()).startsWith(single + ": line 1: " + c.expectedReason() + ": ");
        }
        softly.assertAll();
    }

    private static String validRelease(final int line) {
        return String.format(HostileCorpus.VALID_TEMPLATE, "hostile-publish-" + line, "财政局", "");
    }

    private static Run publish(final Path file) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = PacewatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int exit = cli.execute("publish", "--dry-run", "--no-progress", file.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
