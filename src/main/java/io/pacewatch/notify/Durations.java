package io.pacewatch.notify;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in options and the routes file: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required (e.g. 500ms, 10s, 5m, 1h)");
        }
        final String value = text.strip().toLowerCase(Locale.ROOT);
        final Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            final long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            final Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative");
            }
            return parsed;
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 10s, 5m, 1h, PT10S)", e);
        }
    }

    /** {@code 1.5s}, {@code 5m}, {@code 250ms}: for log lines. */
    public static String show(final Duration d) {
        final long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0)) + "s";
        }
        if (ms < 3_600_000) {
            return (ms % 60_000 == 0 ? Long.toString(ms / 60_000) : String.format(Locale.ROOT, "%.1f", ms / 60_000.0)) + "m";
        }
        return String.format(Locale.ROOT, "%.1fh", ms / 3_600_000.0);
    }
}
