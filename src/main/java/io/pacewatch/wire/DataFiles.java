package io.pacewatch.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the data pacewatch ships with and lets a deployment replace (indicator and region catalogues,
 * release calendar): a bundled classpath resource, or a file, in the strict JSON dialect of {@link Json}.
 */
final class DataFiles {

    private DataFiles() {
    }

    static <T> T bundled(final String resource, final TypeReference<T> type) {
        try (InputStream in = DataFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return Json.MAPPER.readValue(in, type);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** @param what names the file's role in the error, e.g. "the region catalogue" */
    static <T> T fromFile(final Path file, final String what, final TypeReference<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readValue(in, type);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
