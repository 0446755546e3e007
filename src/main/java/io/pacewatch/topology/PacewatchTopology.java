package io.pacewatch.topology;

import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.wire.RecentAlerts;
import io.pacewatch.wire.WireSerdes;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Topic;
import io.pacewatch.wire.PipelineEvents;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * releases ─ keyed by their series: as they are ────────────┐
 *          ─ keyless: re-keyed by series (internal topic) ──┤
 * targets  ─ keyed by their series: as they are ────────────┤
 * peer-ranks ─ keyed series|period: on the series' partition ┴─ judge (versions, evaluate, publish changes)
 *                                                              → progress, alerts
 *          its own cumulative curve, keyed by next year's series ─ prior-year-curves (internal topic)
 *                                                              ─ judge of prior years (same stores) → progress, alerts
 * judge's month records ─ re-keyed parent|indicator|year (internal topic) ─ rank peers
 *                                                              → rankings, peer-ranks (back to the judge)
 * <p>
 * Releases are kept as versions per series rather than summed in a stream, so a revision replaces
 * its figure instead of being counted twice. A release whose key is its series (as {@code pacewatch
 * publish} sends it, with the default partitioner) is already on its series' partition and goes
 * straight to the judge; a keyless one is re-keyed through an internal topic first, and one whose key
 * names another series is dead-lettered; so is a target without its series as key. Keyed records
 * must have been partitioned by the default partitioner, and the releases and targets topics must
 * have the same partition count (docs/topics.md). Targets and releases then meet in one task in
 * the order of their timestamps, as they did when both were re-keyed; re-keying only the targets
 * would let a release published with its target overtake it and be judged without it first.
 * <p>
 * The judge holds each series' versions and what it last published in one value
 * ({@value #RELEASE_HISTORY_STORE}), and the target in {@value #TARGETS_STORE}: a release costs one
 * read and one write of its series' state and one read of its target. Nothing is cached: whether an
 * intermediate status (and its alert) exists must not depend on timing, or a replay could alert
 * differently.
 * <p>
 * Peer ranking (issue #12) is a loop through the judge, so that a rank is part of the progress
 * record it describes. The month records the judge publishes go, as standings, to their region's peer
 * group (the catalogue's parent), re-keyed by group through a repartition topic; the group's task keeps
 * its members' standings per month ({@value #PEER_GROUPS_STORE}), ranks the month on every change
 * ({@link io.pacewatch.domain.PeerRanking}), writes the ranking to {@code pacewatch.rankings} and
 * sends each rank that changed back to its series' partition on {@code pacewatch.peer-ranks}. The
 * judge keeps them ({@value #PEER_RANKS_STORE}) and republishes only the records whose rank changed.
 * The loop ends because a standing leaves the rank fields out: a record republished for its rank is
 * the same standing, which the ranking drops. The peer-ranks topic is read directly, not through a
 * repartition topic (Kafka Streams cannot build a cycle of those), so like the inputs it must have as
 * many partitions as the releases topic, which TopicSetup gives every topic.
 * <p>
 * Three views serve interactive queries: the rankings topic read back as a table of its JSON bytes
 * ({@value #RANKINGS_VIEW_STORE}), the progress topic read back as a table of its JSON bytes
 * ({@value #PROGRESS_VIEW_STORE}, compacted topic doubling as its changelog) and the recent alerts
 * of each series ({@value #ALERTS_VIEW_STORE}), kept as the judge raises them ({@link RecentAlertsProcessor}).
 */
public final class PacewatchTopology {

    /** Each series' versions and what was last published from them ({@link SeriesState}). */
    public static final String RELEASE_HISTORY_STORE = QueryableStores.RELEASE_HISTORY;
    public static final String TARGETS_STORE = QueryableStores.TARGETS;
    public static final String PROGRESS_VIEW_STORE = QueryableStores.PROGRESS_VIEW;
    public static final String ALERTS_VIEW_STORE = QueryableStores.ALERTS_VIEW;
    /** Each peer group's members' standings per month and the ranks last sent back ({@link PeerGroupState}). */
    public static final String PEER_GROUPS_STORE = "peer-groups";
    /** Each series' rank in its peer group per month, beside the judge ({@link SeriesPeerRanks}). */
    public static final String PEER_RANKS_STORE = "series-peer-ranks";
    public static final String RANKINGS_VIEW_STORE = QueryableStores.RANKINGS_VIEW;
    /** The repartition topic (with the application id in front) carrying curves to next year's series. */
    static final String PRIOR_YEAR_CURVES = "prior-year-curves";

    private PacewatchTopology() {
    }

    public static Topology build(final IndicatorCatalogue catalogue) {
        return build(catalogue, CalendarLoader.bundled(), Clock.systemUTC(), PipelineEvents.NONE);
    }

    /** With the bundled region catalogue. */
    public static Topology build(final IndicatorCatalogue catalogue, final ReleaseCalendar calendar, final Clock clock,
                                 final PipelineEvents events) {
        return build(catalogue, CatalogueLoader.bundledRegions(), calendar, clock, events);
    }

    /**
     * @param regions names regions in what people read and groups them into peer groups
     * @param clock   what "now" is for embargoes and overdue releases: the system clock in service, a
     *                simulated one when the demo replays a past year
     */
    public static Topology build(final IndicatorCatalogue catalogue, final RegionCatalogue regions,
                                 final ReleaseCalendar calendar, final Clock clock, final PipelineEvents events) {
        final InputCodec codec = new InputCodec(catalogue);
        final Topic<String, Release> releases = Topics.releases(codec);
        final Topic<String, Target> targets = Topics.targets(codec);
        final StreamsBuilder builder = new StreamsBuilder();

        final Map<String, KStream<String, Release>> byKey = builder.stream(releases.name(), releases.consumed())
                .filter((key, release) -> release != null, Named.as("drop-release-tombstones"))
                .mapValues(KeyCheck::release, Named.as("check-release-key"))
                .split(Named.as("release-"))
                .branch((key, release) -> key != null, Branched.as("keyed"))
                .defaultBranch(Branched.as("keyless"));
        final KStream<String, Release> keyless = byKey.get("release-keyless")
                .selectKey((key, release) -> release.series().id(), Named.as("key-by-series"))
                .repartition(Repartitioned.<String, Release>as("keyless-releases-by-series")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(WireSerdes.stateReadingJson(Release.class)));
        final KStream<String, SeriesEvent> releaseEvents = byKey.get("release-keyed")
                .merge(keyless, Named.as("releases-by-series"))
                .mapValues(SeriesEvent.NewRelease::new, Named.as("release-events"));

        // A target's key must be its series, so it is on its series' partition as it is.
        final KStream<String, SeriesEvent> targetEvents = builder.stream(targets.name(), targets.consumed())
                .mapValues(KeyCheck::target, Named.as("check-target-key"))
                .mapValues(SeriesEvent.TargetChange::new, Named.as("target-events"));
        // Ranks come back keyed series|period, on their series' partition (see addPeerRanking).
        final Topic<String, PeerRankUpdate> peerRanks =
                new Topic<>(Topics.PEER_RANKS, Serdes.String(), WireSerdes.internal(PeerRankUpdate.class));
        final KStream<String, SeriesEvent> rankEvents = builder.stream(peerRanks.name(), peerRanks.consumed())
                .filter((key, update) -> update != null, Named.as("drop-peer-rank-tombstones"))
                .mapValues(SeriesEvent.PeerRankChange::new, Named.as("peer-rank-events"));

        // Bytes: the judge encodes its SeriesState itself (SeriesStates), so readers get the raw value.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RELEASE_HISTORY_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        // Timestamped, as the target table before: its changelog and files read as they were.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(TARGETS_STORE),
                Serdes.String(), WireSerdes.stateReadingJson(Target.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SeriesJudgeProcessor.RECHECK_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEER_RANKS_STORE),
                Serdes.String(), WireSerdes.internal(SeriesPeerRanks.class)).withCachingDisabled());
        final SeriesEvaluator evaluator = new SeriesEvaluator(catalogue, regions, calendar);
        final KStream<String, SeriesChange> judged = releaseEvents
                .merge(targetEvents, Named.as("series-events"))
                .merge(rankEvents, Named.as("series-and-rank-events"))
                .process(() -> new SeriesJudgeProcessor(evaluator, regions, clock, events), Named.as("judge-series"),
                        RELEASE_HISTORY_STORE, TARGETS_STORE, SeriesJudgeProcessor.RECHECK_STORE, PEER_RANKS_STORE);
        final KStream<String, SeriesChange> changes = judged.merge(
                priorYearLoop(judged, evaluator, regions, clock, events), Named.as("series-changes"));

        final Topic<String, Progress> progress = Topics.progress();
        changes.flatMap((key, change) -> change.progress(), Named.as("progress-records"))
                .to(progress.name(), progress.produced(new SeriesPartitioner<>()));
        final Topic<String, Alert> alerts = Topics.alerts();
        final KStream<String, Alert> raised = changes
                .flatMapValues(change -> change.alert().stream().toList(), Named.as("alert-records"))
                .peek((key, alert) -> events.alertRaised(alert), Named.as("count-alerts"));
        raised.to(alerts.name(), alerts.produced());

        final Topic<String, PeerRanking> rankings = Topics.rankings();
        addPeerRanking(builder, changes, regions, rankings, peerRanks);
        addQueryViews(builder, progress, raised, rankings);
        // The optimizer is applied here or nowhere: KafkaStreams ignores the property for a built
        // topology. It makes the compacted progress topic the view's changelog instead of a second copy.
        final Properties optimize = new Properties();
        optimize.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        return builder.build(optimize);
    }

    /**
     * Same-period pace: a series' own cumulative curve, when it changes, goes to next year's series
     * (key region|indicator|year+1, usually on another partition) through the repartition topic
     * {@value #PRIOR_YEAR_CURVES} and comes back to a second judge on the same stores, which keeps it
     * beside that series' state and judges it again. Streams creates the topic (application-id prefix,
     * as many partitions as the inputs, so the curve lands where next year's releases do), deletes it
     * on an application reset, and under exactly_once_v2 a curve and the state that sent it commit
     * together. The second judge shares the first one's stores, so both run in one task.
     */
    private static KStream<String, SeriesChange> priorYearLoop(final KStream<String, SeriesChange> judged,
                                                               final SeriesEvaluator evaluator,
                                                               final RegionCatalogue regions, final Clock clock,
                                                               final PipelineEvents events) {
        return judged
                .flatMap((key, change) -> change.nextYearCurve().stream().toList(), Named.as("next-year-curves"))
                .repartition(Repartitioned.<String, CumulativeCurve>as(PRIOR_YEAR_CURVES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(WireSerdes.stateReadingJson(CumulativeCurve.class)))
                .<SeriesEvent>mapValues(SeriesEvent.PriorYear::new, Named.as("prior-year-events"))
                .process(() -> SeriesJudgeProcessor.forPriorYear(evaluator, regions, clock, events),
                        Named.as("judge-prior-year"), RELEASE_HISTORY_STORE, TARGETS_STORE,
                        SeriesJudgeProcessor.RECHECK_STORE, PEER_RANKS_STORE);
    }

    /**
     * Each published month's standing goes to its region's peer group (the catalogue's parent, read
     * now, so a region moved in the catalogue goes to its new group), re-keyed {@code
     * parent|indicator|year} through a repartition topic; the group is ranked there on every change.
     * Rankings go to the compacted rankings topic, ranks that changed back to the judge of each
     * member's series through the compacted peer-ranks topic. The latest record of a series repeats
     * its last month and is left out; regions without a peer group never leave the judge's task.
     */
    private static void addPeerRanking(final StreamsBuilder builder, final KStream<String, SeriesChange> changes,
                                       final RegionCatalogue regions, final Topic<String, PeerRanking> rankings,
                                       final Topic<String, PeerRankUpdate> peerRanks) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEER_GROUPS_STORE),
                Serdes.String(), WireSerdes.internal(PeerGroupState.class)).withCachingDisabled());
        final KStream<String, RankingChange> ranked = changes
                .flatMap((key, change) -> PeerStandings.of(regions, key, change), Named.as("peer-standings"))
                .repartition(Repartitioned.<String, PeerStandingChange>as("peer-standings-by-group")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(WireSerdes.internal(PeerStandingChange.class)))
                .process(() -> new PeerRankingProcessor(regions), Named.as("rank-peers"), PEER_GROUPS_STORE);
        ranked.flatMap((key, change) -> change.rankings(), Named.as("ranking-records"))
                .to(rankings.name(), rankings.produced(new SeriesPartitioner<>()));
        ranked.flatMap((key, change) -> change.ranks(), Named.as("peer-rank-records"))
                .to(peerRanks.name(), peerRanks.produced(new SeriesPartitioner<>()));
    }

    private static void addQueryViews(final StreamsBuilder builder, final Topic<String, Progress> progress,
                                      final KStream<String, Alert> raised, final Topic<String, PeerRanking> rankings) {
        // Kept as the bytes on the topic: decoding each record only to encode it again for the store
        // cost an eighth of the stream thread's time in the benchmark; readers decode what they read.
        // Not cached: its readers walk it with a range reopened per series (LatestRange), and a cached
        // store copies the cached keys of a range at each opening; nothing reads the table downstream,
        // and a key is seldom written twice within a commit, so the cache saved nothing either.
        builder.table(progress.name(), Consumed.with(progress.keySerde(), Serdes.ByteArray()).withName("progress-view-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(PROGRESS_VIEW_STORE)
                        .withKeySerde(progress.keySerde())
                        .withValueSerde(Serdes.ByteArray())
                        .withCachingDisabled());
        // Fed by the judge's own alerts, keyed by series on the series' partition already: no read-back.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(ALERTS_VIEW_STORE), Serdes.String(),
                WireSerdes.stateReadingJson(RecentAlerts.class)));
        raised.process(RecentAlertsProcessor::new, Named.as("recent-alerts"), ALERTS_VIEW_STORE);
        builder.table(rankings.name(), Consumed.with(rankings.keySerde(), Serdes.ByteArray()).withName("rankings-view-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(RANKINGS_VIEW_STORE)
                        .withKeySerde(rankings.keySerde())
                        .withValueSerde(Serdes.ByteArray()));
    }
}
