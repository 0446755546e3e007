package io.pacewatch.notify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where a consumer group that has never committed starts reading the alerts topic: the earliest
 * alert (default: nothing is ever missed, but a first start delivers the whole history), the
 * latest (only alerts raised from now on), or the first alert published at or after an instant.
 * A group that has committed offsets always continues from them.
 */
public record StartFrom(Kind kind, Instant instant) {

    public enum Kind { EARLIEST, LATEST, INSTANT }

    public static final StartFrom EARLIEST = new StartFrom(Kind.EARLIEST, null);
    public static final StartFrom LATEST = new StartFrom(Kind.LATEST, null);

    public static StartFrom parse(final String text) {
        final String value = text == null ? "" : text.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "earliest":
                return EARLIEST;
            case "latest":
                return LATEST;
            default:
                try {
                    return new StartFrom(Kind.INSTANT, Instant.parse(value));
                } catch (final DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not earliest, latest or an instant such as "
                            + "2024-01-01T00:00:00Z", e);
                }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.INSTANT ? instant.toString() : kind.name().toLowerCase(Locale.ROOT);
    }
}
