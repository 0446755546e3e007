package io.pacewatch.cli.publish;

import io.pacewatch.ingest.SheetTemplate;
import io.pacewatch.ingest.ClerkForms;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code publish} and {@code targets load} for tables as clerks keep them: which sheet
 * of a workbook, the year of periods written without one, the zone of dates written without an
 * offset, and the blank template to fill.
 */
public final class TableOptions {

    @Option(names = "--sheet", paramLabel = "NAME", description = "The sheet of an .xlsx workbook to read (default: the first).")
    String sheet;

    @Option(names = "--year", paramLabel = "YEAR",
            description = "The year of periods a table writes without one (1-6月, 一季度, 上半年).")
    Integer year;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Asia/Shanghai",
            description = "Time zone of dates and times written without an offset (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--template", paramLabel = "xlsx",
            description = "Write a blank workbook to fill (with -o FILE) instead of reading files: both heading rows,"
                    + " drop-down lists and a marked example row.")
    String template;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where --template writes the workbook.")
    Path output;

    ClerkForms forms(final IndicatorCatalogue catalogue) {
        return new ClerkForms(catalogue, zone, year);
    }

    /** True when the command is to write the template rather than read files. */
    boolean wantsTemplate() {
        return template != null;
    }

    /** The files to read: at least one, and no template asked for at the same time. */
    List<Path> requireFiles(final CommandSpec spec, final List<Path> files) {
        if (files == null || files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one FILE, or write a blank one with"
                    + " --template xlsx -o FILE");
        }
        return files;
    }

    /** Writes the template; never over an existing file, which may be a filled one. */
    int writeTemplate(final CommandSpec spec, final List<Path> files,
                      final BiFunction<IndicatorCatalogue, Integer, SheetTemplate> layout, final IndicatorCatalogue catalogue) {
        if (!"xlsx".equalsIgnoreCase(template.strip())) {
            throw new ParameterException(spec.commandLine(), "--template " + SafeText.quote(template)
                    + ": the only template is xlsx");
        }
        if (output == null || (files != null && !files.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--template xlsx writes one file: name it with -o FILE,"
                    + " and no input FILE");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (OutputStream stream = Files.newOutputStream(output, StandardOpenOption.CREATE_NEW)) {
            layout.apply(catalogue, year).write(stream);
        } catch (final FileAlreadyExistsException e) {
            err.printf("%s exists; the template is never written over a file, which may be a filled one%n",
                    SafeText.escape(output.toString()));
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (final IOException e) {
            err.printf("cannot write %s: %s%n", SafeText.escape(output.toString()), SafeText.escape(String.valueOf(e.getMessage())));
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        out.printf("wrote the template %s: fill the first sheet from row 3 (delete the example), then run"
                + " --dry-run on it%n", SafeText.escape(output.toString()));
        out.flush();
        return ExitCodes.OK;
    }
}
