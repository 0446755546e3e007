package io.pacewatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every published version of every figure of a series, first estimate to latest, and how far the
 * figure moved between them: what a reader needs to judge how much to trust a first release.
 */
public final class Vintages {

    private Vintages() {
    }

    /** One published version of a figure. */
    public record Vintage(Instant publishedAt, int revision, BigDecimal value, BigDecimal growthPercent,
                          String source, Instant embargoUntil) {
    }

    /** The versions of one figure, oldest first, with the change from the first estimate to the latest. */
    public record PeriodVintages(String period, Basis basis, int firstMonth, int lastMonth, Vintage first,
                                 Vintage latest, BigDecimal valueChange, BigDecimal growthChangePp,
                                 List<Vintage> versions) {
    }

    /** Versions still under embargo at {@code visibleAt} are left out: an embargoed figure is not public yet. */
    public static List<PeriodVintages> of(final ReleaseHistory history, final Instant visibleAt) {
        final Map<Release.SlotKey, List<Release>> bySlot = new LinkedHashMap<>();
        history.visibleAt(visibleAt).versions().forEach(r -> bySlot.computeIfAbsent(r.slot(), s -> new ArrayList<>()).add(r));
        final List<PeriodVintages> result = new ArrayList<>(bySlot.size());
        bySlot.forEach((slot, releases) -> {
            releases.sort(Release.PUBLICATION_ORDER);
            final Release first = releases.get(0);
            final Release latest = releases.get(releases.size() - 1);
            result.add(new PeriodVintages(first.period().code(), slot.basis(), slot.firstMonth(), slot.lastMonth(),
                    vintage(first), vintage(latest), change(first.value(), latest.value()),
                    change(first.growthPercent(), latest.growthPercent()),
                    releases.stream().map(Vintages::vintage).toList()));
        });
        return result;
    }

    private static Vintage vintage(final Release r) {
        return new Vintage(r.publishedAt(), r.revision(), r.value(), r.growthPercent(), r.source(), r.embargoUntil());
    }

    private static BigDecimal change(final BigDecimal first, final BigDecimal latest) {
        return first == null || latest == null ? null : Decimals.canonical(latest.subtract(first));
    }
}
