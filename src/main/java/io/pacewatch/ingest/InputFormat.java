package io.pacewatch.ingest;

import io.pacewatch.domain.SafeText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How an input file is laid out. {@link #AUTO} goes by the extension ({@code .jsonl}/{@code .ndjson},
 * {@code .csv}, {@code .xlsx}; an old {@code .xls} is taken for a workbook so that the reader can say
 * how to save it); {@link #JSON} (one message or an array) is only ever named; a CSV file whose header starts with {@code STRUCTURE,STRUCTURE_ID,ACTION} is read as
 * SDMX-CSV whether it was named {@code auto} or {@code csv}.
 */
public enum InputFormat {
    AUTO("auto"),
    JSONL("jsonl"),
    CSV("csv"),
    SDMX_CSV("sdmx-csv"),
    XLSX("xlsx"),
    /** One JSON message or an array of them; never guessed from an extension, so {@code .json} still asks. */
    JSON("json");

    private final String option;

    InputFormat(final String option) {
        this.option = option;
    }

    /** The name on the command line; also what picocli lists as the choices in the help. */
    @Override
    public String toString() {
        return option;
    }

    /**
     * The format of {@code file}: this one, unless it is {@link #AUTO}, then the extension's.
     *
     * @throws UnknownFormatException if the extension does not tell
     */
    InputFormat resolve(final Path file) {
        if (this != AUTO) {
            return this;
        }
        final Path name = file.getFileName();
        final String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return JSONL;
        }
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        if (lower.endsWith(".xlsx") || lower.endsWith(".xls")) {
            return XLSX;
        }
        throw new UnknownFormatException("cannot tell the format of " + SafeText.escape(file.toString())
                + " from its extension (.jsonl, .ndjson, .csv or .xlsx); name it with --format");
    }

    /** A file whose format {@link #AUTO} cannot tell. */
    public static final class UnknownFormatException extends IllegalArgumentException {

        UnknownFormatException(final String message) {
            super(message);
        }
    }

    /** Accepts the option names ({@code sdmx-csv}) in any case; the enum's own names would need an underscore. */
    public static final class Converter implements ITypeConverter<InputFormat> {

        @Override
        public InputFormat convert(final String value) {
            return Arrays.stream(values())
                    .filter(f -> f.option.equalsIgnoreCase(value.strip()) || f.name().equalsIgnoreCase(value.strip()))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + SafeText.escape(value) + "' is not one of "
                            + Arrays.stream(values()).map(InputFormat::toString).collect(Collectors.joining(", "))));
        }
    }
}
