package io.pacewatch.cli;

import io.pacewatch.brief.BriefClient;
import io.pacewatch.brief.BriefFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pacewatch brief}: saves a region's monthly brief from a running service. See docs/brief.md. */
@Command(name = "brief", mixinStandardHelpOptions = true,
        description = {"Save the monthly brief (主要经济指标完成情况) of a region and year from a running pacewatch "
                + "service: a spreadsheet, a printable page or markdown.", "See docs/brief.md."})
public final class BriefCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", required = true, defaultValue = "${env:PACEWATCH_URL}",
            description = "The service, such as http://localhost:8080 (env PACEWATCH_URL).")
    URI url;

    @Option(names = "--region", paramLabel = "CODE", required = true, description = "Region code, such as luohu.")
    String region;

    @Option(names = "--year", paramLabel = "YEAR", required = true, description = "Year, such as 2023.")
    int year;

    @Option(names = "--month", paramLabel = "M",
            description = "Month 1..12 (default: the latest with data; an earlier month shows each series as it stood then).")
    Integer month;

    @Option(names = "--format", paramLabel = "xlsx|html|md", defaultValue = "xlsx", converter = FormatConverter.class,
            description = "xlsx (default), html (one A4 landscape page) or md.")
    BriefFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "File to write; - for standard output.")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Time allowed for the answer (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        final PrintWriter err = spec.commandLine().getErr();
        final BriefClient.Answer answer;
        try {
            answer = new BriefClient(url, Duration.ofSeconds(timeoutSeconds)).fetch(region, year, month, format);
        } catch (final ConnectException e) {
            err.println("pacewatch brief: cannot reach " + url + " (is the service running?)");
            return 1;
        } catch (final IOException | IllegalArgumentException e) {
            err.println("pacewatch brief: cannot get the brief from " + url + ": " + e.getMessage());
            return 1;
        }
        if (!answer.ok()) {
            err.println("pacewatch brief: the service answered " + answer.status() + ": " + answer.text());
            return answer.status() == 404 || answer.status() == 400 ? 2 : 1;
        }
        try {
            if ("-".equals(output.toString())) {
                System.out.write(answer.body());
                System.out.flush();
            } else {
                Files.write(output, answer.body());
                spec.commandLine().getOut().println("wrote " + output + " (" + answer.body().length + " bytes)");
            }
        } catch (final IOException e) {
            err.println("pacewatch brief: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<BriefFormat> {
        @Override
        public BriefFormat convert(final String value) {
            return BriefFormat.parse(value).filter(f -> f != BriefFormat.JSON).orElseThrow(() ->
                    new CommandLine.TypeConversionException("format must be xlsx, html or md, not '" + value + "'"));
        }
    }
}
