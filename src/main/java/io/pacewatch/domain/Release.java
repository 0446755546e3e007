package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One published figure, validated: {@code value} is in the indicator's {@code unit}, {@code growthPercent}
 * is the bureau's own cumulative (or single-period) growth on a comparable basis and is never
 * recomputed from levels. At least one of the two is present.
 */
public record Release(
        String region,
        String indicator,
        ReferencePeriod period,
        Basis basis,
        BigDecimal value,
        AmountUnit unit,
        BigDecimal growthPercent,
        Instant publishedAt,
        int revision,
        String source,
        Instant embargoUntil) {

    /** Later publication wins; a stated revision number breaks ties within the same instant. */
    public static final Comparator<Release> PUBLICATION_ORDER =
            Comparator.comparing(Release::publishedAt).thenComparingInt(Release::revision);

    public Release {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(publishedAt, "publishedAt");
        value = Decimals.canonical(value);
        growthPercent = Decimals.canonical(growthPercent);
    }

    public SeriesKey series() {
        return new SeriesKey(region, indicator, period.year());
    }

    /** What a revision replaces: the same figure for the same period on the same basis. */
    public SlotKey slot() {
        return new SlotKey(basis, period.firstMonth(), period.lastMonth());
    }

    /** Two records with the same slot, publication time and revision are one version sent twice. */
    public boolean sameVersionAs(final Release other) {
        return slot().equals(other.slot()) && publishedAt.equals(other.publishedAt) && revision == other.revision;
    }

    /** The instant from which the figure may be shown: its publication, or the end of its embargo. */
    public Instant effectiveAt() {
        return embargoUntil != null && embargoUntil.isAfter(publishedAt) ? embargoUntil : publishedAt;
    }

    /**
     * Only an embargo hides a figure. The publication time does not: clocks of publishers and of
     * pacewatch differ, and a figure someone sent is published.
     */
    public boolean isVisibleAt(final Instant now) {
        return embargoUntil == null || !embargoUntil.isAfter(now);
    }

    public boolean hasValue() {
        return value != null;
    }

    public boolean hasGrowth() {
        return growthPercent != null;
    }

    public ReleaseVersion version() {
        return new ReleaseVersion(period.code(), basis, publishedAt, revision, source);
    }

    /** The period and basis a figure is for; versions of one slot replace each other. */
    public record SlotKey(Basis basis, int firstMonth, int lastMonth) {
    }
}
