package io.pacewatch.wire;

import io.pacewatch.domain.ReleaseCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the release calendar: the bundled default, or a file with a deployment's own rules. */
public final class CalendarLoader {

    public static final String BUNDLED = "/calendar/release-calendar.json";

    private CalendarLoader() {
    }

    public static ReleaseCalendar bundled() {
        try (InputStream in = CalendarLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return Json.MAPPER.readValue(in, ReleaseCalendar.class);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    public static ReleaseCalendar fromFile(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readValue(in, ReleaseCalendar.class);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the release calendar " + file, e);
        }
    }
}
