package io.pacewatch.http;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Vintages;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The answer to an accepted intake request: how many records Kafka acknowledged, and among them how
 * many revise a figure already held ({@code revisions}) or repeat a version already held or sent earlier
 * in the same request ({@code unchanged}: the stream keeps such a version once). Both are judged against
 * the versions this service could see before sending (out of embargo), so two requests racing each
 * other may both count a version as new; the stream still keeps it once. {@code null} where it cannot be
 * told: for targets (the service keeps no queryable history of them), when the state was not
 * available (rebalancing), or for a request spanning more than {@value Counts#MAX_SERIES} series.
 */
public record IntakeSummary(int accepted, Integer revisions, Integer unchanged, String source, String topic) {

    /** Where the versions already held come from: the service's interactive queries. */
    @FunctionalInterface
    public interface KnownVersions {
        Optional<List<Vintages.PeriodVintages>> of(SeriesKey series);

        KnownVersions NONE = series -> Optional.empty();
    }

    /** What the releases of one request are, before they are sent: revisions, unchanged or first versions. */
    record Counts(Integer revisions, Integer unchanged) {

        static final Counts UNKNOWN = new Counts(null, null);

        /** Each series is one lookup, possibly on another instance: beyond this many, counting is not worth the wait. */
        static final int MAX_SERIES = 500;

        static Counts of(final List<Release> batch, final KnownVersions known) {
            if (batch.stream().map(Release::series).distinct().count() > MAX_SERIES) {
                return UNKNOWN;
            }
            final Map<SeriesKey, List<Vintages.PeriodVintages>> held = new HashMap<>();
            final Set<Version> sent = new HashSet<>();
            final Set<Slot> slotsSent = new HashSet<>();
            int revisions = 0;
            int unchanged = 0;
            for (final Release release : batch) {
                final Slot slot = new Slot(release.series(), release.slot());
                final Version version = new Version(slot, release.publishedAt(), release.revision());
                final List<Vintages.PeriodVintages> vintages = held.computeIfAbsent(release.series(),
                        s -> known.of(s).orElse(List.of()));
                final Optional<Vintages.PeriodVintages> heldSlot = vintages.stream()
                        .filter(v -> v.basis() == release.basis() && v.firstMonth() == release.period().firstMonth()
                                && v.lastMonth() == release.period().lastMonth())
                        .findFirst();
                if (!sent.add(version) || heldSlot.map(v -> v.versions().stream().anyMatch(
                        held(release.publishedAt(), release.revision()))).orElse(false)) {
                    unchanged++;
                } else if (heldSlot.isPresent() || slotsSent.contains(slot)) {
                    revisions++;
                }
                slotsSent.add(slot);
            }
            return new Counts(revisions, unchanged);
        }

        private static Predicate<Vintages.Vintage> held(final Instant publishedAt, final int revision) {
            return v -> v.publishedAt().equals(publishedAt) && v.revision() == revision;
        }
    }

    private record Slot(SeriesKey series, Release.SlotKey slot) {
    }

    private record Version(Slot slot, Instant publishedAt, int revision) {
    }
}
