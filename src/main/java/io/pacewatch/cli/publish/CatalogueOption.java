package io.pacewatch.cli.publish;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.SafeText;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Which indicator catalogue rows are validated against. It must be the one the stream runs with:
 * a file validated against another catalogue could pass here and be dead-lettered there.
 */
public final class CatalogueOption {

    @Option(names = "--catalogue", paramLabel = "FILE",
            description = "Indicator catalogue (JSON) to validate against; use the stream's own if it runs with one."
                    + " Default: the bundled catalogue.")
    Path file;

    InputCodec codec(final CommandSpec spec) {
        return new InputCodec(catalogue(spec));
    }

    IndicatorCatalogue catalogue(final CommandSpec spec) {
        try {
            return file == null ? CatalogueLoader.bundled() : CatalogueLoader.fromFile(file);
        } catch (final UncheckedIOException | IllegalArgumentException e) {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ParameterException(spec.commandLine(), "cannot use the indicator catalogue "
                    + SafeText.escape(String.valueOf(file)) + ": " + SafeText.escape(cause.getMessage()), e);
        }
    }
}
