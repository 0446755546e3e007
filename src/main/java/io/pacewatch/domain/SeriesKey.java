package io.pacewatch.domain;

import java.util.Objects;

/**
 * One indicator of one region in one year: the unit a target is set for and progress is judged on.
 * Its text form {@code region|indicator|year} is the record key on every keyed topic, so a series
 * always lands on one partition.
 */
public record SeriesKey(String region, String indicator, int year) {

    private static final char SEPARATOR = '|';

    public SeriesKey {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(indicator, "indicator");
    }

    public String id() {
        return region + SEPARATOR + indicator + SEPARATOR + year;
    }

    /**
     * The key of this series' standing at one month, {@code region|indicator|year|period}: the series
     * key first, so every month's record lands on the series' partition and sorts after its key.
     */
    public String monthId(final String period) {
        return monthId(id(), period);
    }

    /** {@link #monthId(String)} for a series already in its text form, as record keys arrive. */
    public static String monthId(final String seriesId, final String period) {
        return seriesId + SEPARATOR + period;
    }

    /** What every month key of this series, and no other series' key, starts with. */
    public String monthPrefix() {
        return id() + SEPARATOR;
    }

    /** Reads the text form back; region and indicator codes cannot contain the separator. */
    public static SeriesKey parse(final String id) {
        final String[] parts = id.split("\\|", -1);
        if (parts.length != 3) {
            throw new InvalidInputException(RejectionReason.KEY_MISMATCH,
                    "key '" + id + "' is not of the form region|indicator|year");
        }
        try {
            return new SeriesKey(parts[0], parts[1], Integer.parseInt(parts[2]));
        } catch (final NumberFormatException e) {
            throw new InvalidInputException(RejectionReason.KEY_MISMATCH,
                    "key '" + id + "' does not end in a year", e);
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
