package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.SeriesKey;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The judge's side of peer ranking: keeps the ranks sent back for each series and puts the peer
 * group and the month's rank on the series' progress records. A region outside any peer group costs
 * nothing here (no store read), so series the catalogue does not know are judged as before.
 */
final class SeriesPeers {

    /** Puts a series' peer fields on its record of one month. */
    interface Attach {
        Attach NONE = (month, progress) -> progress;

        Progress apply(int month, Progress progress);
    }

    private final RegionCatalogue regions;
    private final KeyValueStore<String, SeriesPeerRanks> ranks;

    SeriesPeers(final RegionCatalogue regions, final KeyValueStore<String, SeriesPeerRanks> ranks) {
        this.regions = regions;
        this.ranks = ranks;
    }

    /**
     * Keeps a rank sent back by the ranking. A rank from a group the catalogue has since moved the
     * region out of is ignored; that group's word that the region is no longer ranked there is not:
     * it takes the old rank off the month's records, which then go to the new group.
     *
     * @return true when the series' records must be judged again from the update's month
     */
    boolean record(final String series, final PeerRankUpdate update) {
        final String region = SeriesKey.parse(series).region();
        final SeriesPeerRanks held = Objects.requireNonNullElse(ranks.get(series), SeriesPeerRanks.NONE);
        final PeerRank heldRank = held.byMonth().get(update.month());
        final boolean fromOwnGroup = regions.peerGroupOf(region).orElse("").equals(update.parent());
        final boolean clearsOldRank = update.rank() == null && heldRank != null && heldRank.parent().equals(update.parent());
        if (!fromOwnGroup && !clearsOldRank) {
            return false;
        }
        final SeriesPeerRanks next = held.with(update.month(), update.rank());
        if (next.equals(held)) {
            return false;
        }
        if (next.byMonth().isEmpty()) {
            ranks.delete(series);
        } else {
            ranks.put(series, next);
        }
        return true;
    }

    /** How to mark the series' records: its peer group now, and the ranks it holds in that group. */
    Attach of(final SeriesKey series) {
        final Optional<String> group = regions.peerGroupOf(series.region());
        if (group.isEmpty()) {
            return Attach.NONE;
        }
        final SeriesPeerRanks held = Objects.requireNonNullElse(ranks.get(series.id()), SeriesPeerRanks.NONE);
        return (month, progress) -> {
            final PeerRank rank = held.byMonth().get(month);
            // A rank from the group the region was in before a catalogue change is not shown.
            return progress.withPeers(group.get(), rank != null && rank.parent().equals(group.get()) ? rank : null);
        };
    }
}
