package io.pacewatch.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads the indicator catalogue: the bundled one, or a file that replaces it without code changes. */
public final class CatalogueLoader {

    public static final String BUNDLED = "/catalogue/indicators.json";

    private CatalogueLoader() {
    }

    public static IndicatorCatalogue bundled() {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return read(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    public static IndicatorCatalogue fromFile(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the indicator catalogue " + file, e);
        }
    }

    private static IndicatorCatalogue read(final InputStream in) throws IOException {
        return new IndicatorCatalogue(Json.MAPPER.readValue(in, new TypeReference<List<Indicator>>() { }));
    }
}
