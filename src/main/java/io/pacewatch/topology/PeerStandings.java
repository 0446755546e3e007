package io.pacewatch.topology;

import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.domain.Basis;
import io.pacewatch.domain.PeerStanding;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/** The standings a judgement sends to the peer groups: its month records, re-keyed by group. */
final class PeerStandings {

    private PeerStandings() {
    }

    /**
     * Keyed {@code parent|indicator|year}; the series' latest record is left out, and a region without
     * a parent sends nothing (one catalogue lookup: the benchmark's regions cost no more than that).
     */
    static List<KeyValue<String, PeerStandingChange>> of(final RegionCatalogue regions, final String seriesKey,
                                                         final SeriesChange change) {
        final SeriesKey series = SeriesKey.parse(seriesKey);
        final Optional<String> parent = regions.peerGroupOf(series.region());
        if (parent.isEmpty()) {
            return List.of();
        }
        final String group = new SeriesKey(parent.get(), series.indicator(), series.year()).id();
        final List<KeyValue<String, PeerStandingChange>> standings = new ArrayList<>();
        for (final KeyValue<String, Progress> record : change.progress()) {
            if (!SeriesPartitioner.isLatestKey(record.key)) {
                final int month = ReferencePeriod.parse(record.key.substring(seriesKey.length() + 1), Basis.CUMULATIVE)
                        .lastMonth();
                standings.add(KeyValue.pair(group, new PeerStandingChange(series.region(), month,
                        record.value == null ? null : PeerStanding.of(record.value))));
            }
        }
        return standings;
    }
}
