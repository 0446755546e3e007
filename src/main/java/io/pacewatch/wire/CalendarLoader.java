package io.pacewatch.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pacewatch.domain.ReleaseCalendar;
import java.nio.file.Path;

/** Loads the release calendar: the bundled default, or a file with a deployment's own rules. */
public final class CalendarLoader {

    public static final String BUNDLED = "/calendar/release-calendar.json";
    private static final TypeReference<ReleaseCalendar> TYPE = new TypeReference<>() { };

    private CalendarLoader() {
    }

    public static ReleaseCalendar bundled() {
        return DataFiles.bundled(BUNDLED, TYPE);
    }

    public static ReleaseCalendar fromFile(final Path file) {
        return DataFiles.fromFile(file, "the release calendar", TYPE);
    }
}
