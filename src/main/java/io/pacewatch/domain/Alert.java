package io.pacewatch.domain;

import java.time.Instant;

/**
 * A change of status worth telling a leader about. {@code id} is derived from the inputs alone, so
 * the same inputs always give the same id: a consumer that remembers ids never pages twice, whatever
 * is replayed. {@code figures} is the progress that caused it.
 */
public record Alert(
        String id,
        String region,
        String indicator,
        int year,
        String period,
        PaceStatus previousStatus,
        PaceStatus status,
        AlertKind kind,
        Severity severity,
        Instant occurredAt,
        String messageZh,
        String messageEn,
        Progress figures) {

    /** The series the alert is about; its {@link SeriesKey#id() id} is the alert's record key. */
    public SeriesKey series() {
        return new SeriesKey(region, indicator, year);
    }
}
