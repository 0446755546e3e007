package io.pacewatch.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Every version received for one series. Order of arrival does not matter: a version replaces another
 * by publication order, so a correction for March that arrives after April's figure, or an old
 * version arriving late, both end in the same state. Nothing is summed here, which is why a revision
 * can never be counted twice.
 */
public record ReleaseHistory(List<Release> versions) {

    /** Versions kept per period: the first estimate plus the most recent ones, so storms stay bounded. */
    static final int MAX_VERSIONS_PER_SLOT = 16;

    public static final ReleaseHistory EMPTY = new ReleaseHistory(List.of());

    public ReleaseHistory {
        versions = List.copyOf(versions);
    }

    /** Adds a version; the same version sent twice is kept once. The caller keeps one series per history. */
    public ReleaseHistory with(final Release release) {
        final List<Release> next = new ArrayList<>(versions.size() + 1);
        for (final Release existing : versions) {
            if (!existing.sameVersionAs(release)) {
                next.add(existing);
            }
        }
        next.add(release);
        next.sort(Comparator.comparing((Release r) -> r.period().lastMonth())
                .thenComparing(r -> r.basis())
                .thenComparing(r -> r.period().firstMonth())
                .thenComparing(Release.PUBLICATION_ORDER));
        return new ReleaseHistory(trim(next));
    }

    private static List<Release> trim(final List<Release> sorted) {
        final Map<Release.SlotKey, List<Release>> bySlot = sorted.stream()
                .collect(Collectors.groupingBy(Release::slot, LinkedHashMap::new, Collectors.toList()));
        if (bySlot.values().stream().allMatch(v -> v.size() <= MAX_VERSIONS_PER_SLOT)) {
            return sorted;
        }
        final List<Release> kept = new ArrayList<>();
        for (final List<Release> slot : bySlot.values()) {
            if (slot.size() <= MAX_VERSIONS_PER_SLOT) {
                kept.addAll(slot);
            } else {
                kept.add(slot.get(0));
                kept.addAll(slot.subList(slot.size() - MAX_VERSIONS_PER_SLOT + 1, slot.size()));
            }
        }
        return kept;
    }

    /** True when the release revises a figure already held, rather than being the first for its period. */
    public boolean revises(final Release release) {
        return versions.stream().anyMatch(v -> v.slot().equals(release.slot()) && !v.sameVersionAs(release));
    }

    /** Only the versions out of embargo at {@code visibleAt}: what may be shown to anyone then. */
    public ReleaseHistory visibleAt(final Instant visibleAt) {
        return new ReleaseHistory(versions.stream().filter(r -> r.isVisibleAt(visibleAt)).toList());
    }

    /**
     * Only the versions published by {@code t} (publishedAt ≤ t): the history as it stood then, e.g.
     * at a brief's cut-off. Embargo is a separate matter: judge the result as of t ({@code visibleAt = t}).
     */
    public ReleaseHistory publishedBy(final Instant t) {
        return new ReleaseHistory(versions.stream().filter(r -> !r.publishedAt().isAfter(t)).toList());
    }

    /** When the next version still under embargo at {@code visibleAt} may be shown, if any is. */
    public java.util.Optional<Instant> nextEmbargoEnd(final Instant visibleAt) {
        return versions.stream()
                .filter(r -> !r.isVisibleAt(visibleAt))
                .map(Release::embargoUntil)
                .min(Instant::compareTo);
    }

    /** The latest version per period and basis among those visible at {@code visibleAt} (not under embargo). */
    public List<Release> latestPerSlot(final Instant visibleAt) {
        final Map<Release.SlotKey, Release> latest = new LinkedHashMap<>();
        for (final Release release : versions) {
            if (release.isVisibleAt(visibleAt)) {
                latest.merge(release.slot(), release,
                        (a, b) -> Release.PUBLICATION_ORDER.compare(a, b) >= 0 ? a : b);
            }
        }
        return List.copyOf(latest.values());
    }
}
