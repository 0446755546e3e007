package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Severity;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A daily window, in a time zone, during which low-severity alerts are held and then sent together
 * as one digest when the window ends. {@code from} is inclusive, {@code to} exclusive; a window
 * whose end is before its start crosses midnight ({@code 22:00-07:00}). Alerts above
 * {@code digestUpTo} are never held.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone, Severity digestUpTo) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours " + from + "-" + to + " are empty: start and end are the same");
        }
        zone = zone == null ? DEFAULT_ZONE : zone;
        digestUpTo = digestUpTo == null ? Severity.INFO : digestUpTo;
    }

    /** {@code "22:00-07:00"}. */
    public static QuietHours parse(final String window, final String zone, final Severity digestUpTo) {
        final String[] parts = window == null ? new String[0] : window.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours '" + window + "' are not HH:mm-HH:mm, e.g. 22:00-07:00");
        }
        final ZoneId zoneId;
        try {
            zoneId = zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException("zone '" + zone + "' is not a time zone such as Asia/Shanghai", e);
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0], HH_MM), LocalTime.parse(parts[1], HH_MM), zoneId, digestUpTo);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours '" + window + "' are not HH:mm-HH:mm, e.g. 22:00-07:00", e);
        }
    }

    public boolean isQuiet(final Instant instant) {
        final LocalTime time = instant.atZone(zone).toLocalTime();
        return from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    /** Whether an alert arriving at {@code now} waits for the digest. */
    public boolean holds(final Alert alert, final Instant now) {
        return alert.severity().compareTo(digestUpTo) <= 0 && isQuiet(now);
    }

    /** The first instant at or after {@code instant} at which the window is over (the instant itself when not quiet). */
    public Instant end(final Instant instant) {
        if (!isQuiet(instant)) {
            return instant;
        }
        final ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(to);
        }
        return end.toInstant();
    }

    @Override
    public String toString() {
        return HH_MM.format(from) + "-" + HH_MM.format(to) + " " + zone + " (digest up to " + digestUpTo + ")";
    }
}
