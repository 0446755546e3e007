package io.pacewatch.cli.publish;

import io.pacewatch.wire.CatalogueLoader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Test data under src/test/resources/publish, and a way to run a command with captured output. */
final class TestFiles {

    /** The bundled targets of the first user, shipped with the application. */
    static final Path BUNDLED_TARGETS = Path.of("src/main/resources/targets/luohu-2023.jsonl");

    private TestFiles() {
    }

    static Path resource(final String name) {
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
    static ClerkForms forms() {
        return new ClerkForms(CatalogueLoader.bundled(), ClerkForms.DEFAULT_ZONE, null);
    }

    static InputStream utf8(final String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static Run run(final Object command, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** What a command did: its exit code and everything it printed. */
    record Run(int exitCode, String out, String err) {
    }
}
