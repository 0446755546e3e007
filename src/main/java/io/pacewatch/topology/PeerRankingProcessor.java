package io.pacewatch.topology;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.PeerStanding;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Ranks one peer group ({@code parent|indicator|year}, the key it is partitioned by) whenever a
 * member's standing in a month changes, and passes on the month's ranking and the ranks that changed.
 * <p>
 * A standing equal to the one held changes nothing and is dropped here: that is what ends the loop
 * through the judge, which republishes a record when only its rank changed. Members the catalogue no
 * longer puts under the parent are dropped from every month at the group's next change, so a region
 * moved to another parent leaves its old group then and joins the new one at its own next change.
 */
final class PeerRankingProcessor implements Processor<String, PeerStandingChange, String, RankingChange> {

    private final RegionCatalogue regions;
    private ProcessorContext<String, RankingChange> context;
    private KeyValueStore<String, PeerGroupState> groups;

    PeerRankingProcessor(final RegionCatalogue regions) {
        this.regions = regions;
    }

    @Override
    public void init(final ProcessorContext<String, RankingChange> context) {
        this.context = context;
        this.groups = context.getStateStore(PacewatchTopology.PEER_GROUPS_STORE);
    }

    @Override
    public void process(final Record<String, PeerStandingChange> record) {
        final String key = record.key();
        final SeriesKey group = SeriesKey.parse(key);
        final PeerStandingChange change = record.value();
        final PeerGroupState stored = Objects.requireNonNullElse(groups.get(key), PeerGroupState.EMPTY);
        if (Objects.equals(stored.standingsIn(change.month()).get(change.region()), change.standing())) {
            return;
        }

        final Map<Integer, Map<String, PeerStanding>> standings = new TreeMap<>();
        stored.standings().forEach((month, byRegion) -> standings.put(month, new HashMap<>(byRegion)));
        final TreeSet<Integer> touched = new TreeSet<>();
        if (change.standing() == null) {
            standings.getOrDefault(change.month(), new HashMap<>()).remove(change.region());
        } else {
            standings.computeIfAbsent(change.month(), m -> new HashMap<>()).put(change.region(), change.standing());
        }
        touched.add(change.month());
        standings.forEach((month, byRegion) -> {
            if (byRegion.keySet().removeIf(region -> !regions.peerGroupOf(region).orElse("").equals(group.region()))) {
                touched.add(month);
            }
        });
        standings.values().removeIf(Map::isEmpty);

        final List<KeyValue<String, PeerRanking>> rankings = new ArrayList<>();
        final List<KeyValue<String, PeerRankUpdate>> ranks = new ArrayList<>();
        final Map<Integer, Map<String, PeerRank>> published = new TreeMap<>(stored.published());
        for (final int month : touched) {
            final String period = ReferencePeriod.cumulativeThrough(group.year(), month).code();
            final Map<String, PeerRank> now;
            if (standings.containsKey(month)) {
                final PeerRanking ranking = PeerRanking.rank(regions, group.region(), group.indicator(), group.year(),
                        month, standings.get(month));
                rankings.add(KeyValue.pair(SeriesKey.monthId(key, period), ranking));
                now = ranking.ranks();
            } else {
                rankings.add(KeyValue.pair(SeriesKey.monthId(key, period), null));
                now = Map.of();
            }
            final Map<String, PeerRank> before = stored.publishedIn(month);
            now.forEach((region, rank) -> {
                if (!rank.equals(before.get(region))) {
                    ranks.add(KeyValue.pair(seriesMonthKey(region, group, period), new PeerRankUpdate(group.region(), month, rank)));
                }
            });
            before.keySet().stream().filter(region -> !now.containsKey(region)).sorted().forEach(region ->
                    ranks.add(KeyValue.pair(seriesMonthKey(region, group, period), new PeerRankUpdate(group.region(), month, null))));
            published.put(month, now);
        }
        final PeerGroupState next = new PeerGroupState(standings, published);
        // The group's key alone holds the ranking of its latest month, what a reader asks for first.
        final int latest = next.latestMonth();
        if (latest == 0) {
            rankings.add(KeyValue.pair(key, null));
        } else if (touched.contains(latest) || latest != stored.latestMonth()) {
            rankings.add(KeyValue.pair(key, PeerRanking.rank(regions, group.region(), group.indicator(), group.year(),
                    latest, next.standingsIn(latest))));
        }
        if (next.isEmpty()) {
            groups.delete(key);
        } else {
            groups.put(key, next);
        }
        context.forward(new Record<>(key, new RankingChange(rankings, ranks), record.timestamp()));
    }

    /** The key of a member's month, as its progress record's: on the series' partition. */
    private static String seriesMonthKey(final String region, final SeriesKey group, final String period) {
        return new SeriesKey(region, group.indicator(), group.year()).monthId(period);
    }
}
