package io.pacewatch.ingest;

import io.pacewatch.wire.CatalogueLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Test data under src/test/resources/publish, and a way to run a command with captured output. */
public final class TestFiles {

    /** The bundled targets of the first user, shipped with the application. */
    public static final Path BUNDLED_TARGETS = Path.of("src/main/resources/targets/luohu-2023.jsonl");

    private TestFiles() {
    }

    public static Path resource(final String name) {
        final URL url = TestFiles.class.getResource("/publish/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource publish/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clerk forms of the bundled catalogue, dates in Asia/Shanghai, no default year. */
    public static ClerkForms forms() {
        return new ClerkForms(CatalogueLoader.bundled(), ClerkForms.DEFAULT_ZONE, null);
    }

    /** A cell formatted as a percentage: Excel stores 5.2% as 0.052. */
    public record Percent(String fraction) {
    }

    /** A cell holding a formula, saved without a result (as fastexcel writes it). */
    public record Formula(String expression) {
    }

    /**
     * An .xlsx workbook written with fastexcel, sheet by sheet in order. Cells: a String is text, a
     * Number a number, a LocalDate or LocalDateTime a date cell, a {@link Percent} a percent cell, null empty.
     */
    public static byte[] xlsx(final Map<String, List<List<Object>>> sheets) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Workbook workbook = new Workbook(bytes, "pacewatch-test", "1.0");
        for (final Map.Entry<String, List<List<Object>>> sheet : sheets.entrySet()) {
            final Worksheet ws = workbook.newWorksheet(sheet.getKey());
            for (int r = 0; r < sheet.getValue().size(); r++) {
                final List<Object> row = sheet.getValue().get(r);
                for (int c = 0; c < row.size(); c++) {
                    final Object cell = row.get(c);
                    if (cell instanceof String text) {
                        ws.value(r, c, text);
                    } else if (cell instanceof Number number) {
                        ws.value(r, c, number);
                    } else if (cell instanceof LocalDate date) {
                        ws.value(r, c, date);
                        ws.style(r, c).format("yyyy-mm-dd").set();
                    } else if (cell instanceof LocalDateTime dateTime) {
                        ws.value(r, c, dateTime);
                        ws.style(r, c).format("yyyy-mm-dd hh:mm").set();
                    } else if (cell instanceof Percent percent) {
                        ws.value(r, c, new BigDecimal(percent.fraction()));
                        ws.style(r, c).format("0.0%").set();
                    } else if (cell instanceof Formula formula) {
                        ws.formula(r, c, formula.expression());
                    }
                }
            }
        }
        workbook.finish();
        return bytes.toByteArray();
    }

    public static InputStream utf8(final String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Run run(final Object command, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** What a command did: its exit code and everything it printed. */
    public record Run(int exitCode, String out, String err) {
    }
}
