package io.pacewatch.query;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Vintages;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.RecentAlerts;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.wire.Topics;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads this instance's <em>active</em> view stores. Standby copies are left out on purpose: a series
 * is then answered, and exported as a metric, by exactly one instance, so nothing is counted twice
 * and nothing stale lingers after a rebalance.
 */
public final class LocalViews {

    private static final Serde<Progress> PROGRESS = Topics.progress().valueSerde();
    private static final Serde<PeerRanking> RANKING = Topics.rankings().valueSerde();
    /** As in {@code SeriesKey.id()}; region codes never contain it, so {@code region|} is exactly one region. */
    private static final char SEPARATOR = '|';
    /** The store's order: keys compared as their UTF-8 bytes, unsigned, as RocksDB sorts them. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final KafkaStreams streams;
    private final Clock clock;

    /** @param clock what "now" is for embargoes, as the judge has it (a simulated clock in the demo) */
    public LocalViews(final KafkaStreams streams, final Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    /** Every latest record that matches, unordered; a region filter reads only that region's key range. */
    public List<Progress> latest(final ProgressFilter filter) {
        final List<Progress> found = new ArrayList<>();
        for (final int partition : progressPartitions()) {
            try (LatestRange range = new LatestRange(progressStore(partition), regionPrefix(filter), null)) {
                while (range.hasNext()) {
                    final KeyValue<String, byte[]> kv = range.next();
                    if (filter.matches(SeriesKey.parse(kv.key))) {
                        final Progress progress = decode(kv.value);
                        if (filter.matches(progress)) {
                            found.add(progress);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Up to {@code limit} latest records that match, in key order ({@code region|indicator|year}),
     * after the key {@code after} (null: from the first). The filter is applied before counting, so a
     * page is never short because of it; with a region only that region's key range is read.
     */
    public List<Progress> latestPage(final ProgressFilter filter, final String after, final int limit) {
        // Each partition's store is in key order, their union is not: merge the partitions' ordered
        // ranges, so a page reads about as many keys as it returns (and the months between them)
        // instead of every key after the cursor.
        final PriorityQueue<LatestRange> ranges = new PriorityQueue<>(
                Comparator.comparing(LatestRange::peekNextKey, KEY_ORDER));
        final List<LatestRange> opened = new ArrayList<>();
        try {
            for (final int partition : progressPartitions()) {
                final LatestRange range = new LatestRange(progressStore(partition), regionPrefix(filter), after);
                opened.add(range);
                if (range.hasNext()) {
                    ranges.add(range);
                }
            }
            final List<Progress> found = new ArrayList<>();
            while (found.size() < limit && !ranges.isEmpty()) {
                final LatestRange smallest = ranges.poll();
                final KeyValue<String, byte[]> kv = smallest.next();
                if (smallest.hasNext()) {
                    ranges.add(smallest);
                }
                if ((after == null || KEY_ORDER.compare(kv.key, after) > 0) && filter.matches(SeriesKey.parse(kv.key))) {
                    final Progress progress = decode(kv.value);
                    if (filter.matches(progress)) {
                        found.add(progress);
                    }
                }
            }
            return found;
        } finally {
            opened.forEach(LatestRange::close);
        }
    }

    /**
     * The progress view's partitions to read one by one (a partition's range is in key order, the whole
     * view's is not). Refused, as reading the whole view is, while this instance's threads are not
     * RUNNING, rather than answering from the partitions that happen to be ready.
     */
    private Set<Integer> progressPartitions() {
        // Asking the whole view anything is what checks the threads (InvalidStateStoreException);
        // the positions below would leave a restoring partition out without a word.
        progressStore().approximateNumEntries();
        return activePositions(QueryableStores.PROGRESS_VIEW).keySet();
    }

    /** A region filter's key prefix ({@code region|}), or null without one. */
    private static String regionPrefix(final ProgressFilter filter) {
        return filter.region() == null ? null : filter.region() + SEPARATOR;
    }

    /** The regions, years and indicators this instance holds progress for, read from the keys only. */
    public SeriesIndex seriesIndex() {
        final SeriesIndex.Builder index = new SeriesIndex.Builder();
        for (final int partition : progressPartitions()) {
            try (LatestRange range = new LatestRange(progressStore(partition), null, null)) {
                while (range.hasNext()) {
                    index.add(SeriesKey.parse(range.next().key));
                }
            }
        }
        return index.build();
    }

    /** Decodes a progress view record (the progress topic's JSON). */
    public static Progress decodeProgress(final byte[] json) {
        return decode(json);
    }

    public Optional<SeriesDetail> series(final SeriesKey series) {
        final ReadOnlyKeyValueStore<String, byte[]> store = progressStore();
        final byte[] latest = store.get(series.id());
        if (latest == null) {
            return Optional.empty();
        }
        final List<Progress> history = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> months = store.prefixScan(series.monthPrefix(), Serdes.String().serializer())) {
            months.forEachRemaining(kv -> history.add(decode(kv.value)));
        }
        history.sort(Comparator.comparingInt(Progress::asOfMonth));
        final RecentAlerts alerts = alertStore().get(series.id());
        return Optional.of(new SeriesDetail(decode(latest), history, alerts == null ? List.of() : alerts.alerts()));
    }

    public List<Alert> alerts(final ProgressFilter filter) {
        final List<Alert> found = new ArrayList<>();
        try (KeyValueIterator<String, RecentAlerts> all = alertStore().all()) {
            all.forEachRemaining((KeyValue<String, RecentAlerts> kv) ->
                    kv.value.alerts().stream().filter(filter::matches).forEach(found::add));
        }
        return found;
    }

    /** Every version out of embargo of every figure of the series, or empty when no release of it is held here. */
    public Optional<List<Vintages.PeriodVintages>> vintages(final SeriesKey series) {
        return Optional.ofNullable(historyStore().get(series.id()))
                .map(stored -> Vintages.of(SeriesVersions.decode(stored).history(), clock.instant()));
    }

    /**
     * The series judged as of {@code t} from the versions published by then (embargo judged at t too),
     * with its target as it is now and last year's curve as last received: its standing and pace curve
     * as they stood at t, e.g. at a brief's cut-off, whatever was revised after. Alerts are not kept as
     * of an instant, so there are none. Empty when this instance holds neither versions nor a target of
     * the series, or the indicator has left the catalogue.
     */
    public Optional<SeriesDetail> asOf(final SeriesKey series, final Instant t, final SeriesEvaluator evaluator) {
        final byte[] stored = historyStore().get(series.id());
        final SeriesVersions state = stored == null ? null : SeriesVersions.decode(stored);
        final Target target = Optional.ofNullable(targetStore().get(series.id())).map(ValueAndTimestamp::value).orElse(null);
        final ReleaseHistory history = state == null ? null : state.history().publishedBy(t);
        return evaluator.evaluate(series, history == null || history.versions().isEmpty() ? null : history, target,
                        state == null ? null : state.priorYear(), t, 1)
                .map(e -> new SeriesDetail(e.latest(),
                        e.history().stream().map(SeriesEvaluation.PeriodProgress::progress).toList(), List.of()));
    }

    /**
     * Every version of every series whose release history this instance holds actively. That store
     * belongs to other tasks than the progress view, so a series' history may be held by another
     * instance than its progress.
     */
    public List<ReleaseHistory> releaseHistories() {
        final List<ReleaseHistory> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = historyStore().all()) {
            all.forEachRemaining(kv -> {
                if (kv.value != null) {
                    found.add(SeriesVersions.decode(kv.value).history());
                }
            });
        }
        return found;
    }

    /**
     * The partitions of a store this instance holds actively, each with its position (the input
     * offsets its content reflects): a partition's position moves with every write made from an input
     * record, so an unchanged one means unchanged content, except after a restoration. A partition
     * that cannot answer now (restoring, moving away) is left out.
     */
    public Map<Integer, Position> activePositions(final String storeName) {
        final StateQueryRequest<Object> probe = StateQueryRequest.inStore(storeName)
                .withQuery(KeyQuery.<String, Object>withKey("")).requireActive();
        final Map<Integer, Position> positions = new TreeMap<>();
        for (final Map.Entry<Integer, QueryResult<Object>> partition : streams.query(probe).getPartitionResults().entrySet()) {
            if (partition.getValue().isSuccess()) {
                positions.put(partition.getKey(), partition.getValue().getPosition().copy());
            }
        }
        return positions;
    }

    /**
     * The raw latest records of one partition of the progress view, undecoded, in key order: what a
     * scrape needs to tell which series changed since the last one without decoding the others.
     */
    public List<KeyValue<String, byte[]>> latestRecords(final int partition) {
        final List<KeyValue<String, byte[]>> found = new ArrayList<>();
        try (LatestRange range = new LatestRange(progressStore(partition), null, null)) {
            while (range.hasNext()) {
                found.add(range.next());
            }
        }
        return found;
    }

    /**
     * The raw values of one partition of the release-history store, undecoded ({@link SeriesVersions#decode}),
     * in key order: what a scrape needs to tell which series changed since the last one.
     */
    public List<KeyValue<String, byte[]>> releaseHistoryRecords(final int partition) {
        final List<KeyValue<String, byte[]>> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = historyStore(partition).all()) {
            all.forEachRemaining(kv -> {
                if (kv.value != null) {
                    found.add(kv);
                }
            });
        }
        return found;
    }

    private ReadOnlyKeyValueStore<String, byte[]> historyStore(final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.RELEASE_HISTORY,
                QueryableStoreTypes.<String, byte[]>keyValueStore()).withPartition(partition));
    }

    private ReadOnlyKeyValueStore<String, byte[]> progressStore(final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.PROGRESS_VIEW,
                QueryableStoreTypes.<String, byte[]>keyValueStore()).withPartition(partition));
    }

    private ReadOnlyKeyValueStore<String, byte[]> historyStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.RELEASE_HISTORY,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Target>> targetStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.TARGETS,
                QueryableStoreTypes.<String, Target>timestampedKeyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, byte[]> progressStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.PROGRESS_VIEW,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /** The view holds the topic's bytes, so only what a reader asks for is decoded. */
    private static Progress decode(final byte[] json) {
        return PROGRESS.deserializer().deserialize(Topics.PROGRESS, json);
    }

    /** The ranking of {@code group} for {@code month} (null: its latest month) if this instance holds it. */
    public Optional<PeerRanking> ranking(final SeriesKey group, final Integer month) {
        final byte[] json = streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.RANKINGS_VIEW,
                QueryableStoreTypes.<String, byte[]>keyValueStore())).get(rankingKey(group, month));
        return Optional.ofNullable(json).map(bytes -> RANKING.deserializer().deserialize(Topics.RANKINGS, bytes));
    }

    /** {@code parent|indicator|year} for the latest month, with {@code |period} for one month, as the rankings topic is keyed. */
    static String rankingKey(final SeriesKey group, final Integer month) {
        return month == null ? group.id() : group.monthId(ReferencePeriod.cumulativeThrough(group.year(), month).code());
    }

    private ReadOnlyKeyValueStore<String, RecentAlerts> alertStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(QueryableStores.ALERTS_VIEW,
                QueryableStoreTypes.<String, RecentAlerts>keyValueStore()));
    }
}
