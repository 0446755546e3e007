package io.pacewatch.topology;

import io.pacewatch.domain.PeerRanking;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What one standing change did to its peer group: the rankings to (re)publish (null value: the month
 * has no ranking any more) and the ranks to send back to the members' series.
 */
record RankingChange(List<KeyValue<String, PeerRanking>> rankings, List<KeyValue<String, PeerRankUpdate>> ranks) {
}
