package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.IndicatorCatalogue;
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
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * releases ─ keyed by their series: as they are ────────────┐
 *          ─ keyless: re-keyed by series (internal topic) ──┤
 * targets  ─ keyed by their series: as they are ────────────┴─ judge (versions, evaluate, publish changes)
 *                                                              → progress, alerts
 *          its own cumulative curve, keyed by next year's series ─ prior-year-curves (internal topic)
 *                                                              ─ judge of prior years (same stores) → progress, alerts
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
 * Two views serve interactive queries: the progress topic read back as a table of its JSON bytes
 * ({@value #PROGRESS_VIEW_STORE}, compacted topic doubling as its changelog) and the recent alerts
 * of each series ({@value #ALERTS_VIEW_STORE}).
 */
public final class PacewatchTopology {

    /** Each series' versions and what was last published from them ({@link SeriesState}). */
    public static final String RELEASE_HISTORY_STORE = "release-history";
    public static final String TARGETS_STORE = "targets";
    public static final String PROGRESS_VIEW_STORE = "progress-view";
    public static final String ALERTS_VIEW_STORE = "recent-alerts";
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
                        .withValueSerde(SmileSerde.readingJson(Release.class)));
        final KStream<String, SeriesEvent> releaseEvents = byKey.get("release-keyed")
                .merge(keyless, Named.as("releases-by-series"))
                .mapValues(SeriesEvent.NewRelease::new, Named.as("release-events"));

        // A target's key must be its series, so it is on its series' partition as it is.
        final KStream<String, SeriesEvent> targetEvents = builder.stream(targets.name(), targets.consumed())
                .mapValues(KeyCheck::target, Named.as("check-target-key"))
                .mapValues(SeriesEvent.TargetChange::new, Named.as("target-events"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RELEASE_HISTORY_STORE),
                Serdes.String(), SmileSerde.refusingJson(SeriesState.class)).withCachingDisabled());
        // Timestamped, as the target table before: its changelog and files read as they were.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(TARGETS_STORE),
                Serdes.String(), SmileSerde.readingJson(Target.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SeriesJudgeProcessor.RECHECK_STORE),
                Serdes.String(), Serdes.String()));
        final SeriesEvaluator evaluator = new SeriesEvaluator(catalogue, regions, calendar);
        final KStream<String, SeriesChange> judged = releaseEvents
                .merge(targetEvents, Named.as("series-events"))
                .process(() -> new SeriesJudgeProcessor(evaluator, clock, events), Named.as("judge-series"),
                        RELEASE_HISTORY_STORE, TARGETS_STORE, SeriesJudgeProcessor.RECHECK_STORE);
        final KStream<String, SeriesChange> changes = judged.merge(priorYearLoop(judged, evaluator, clock, events),
                Named.as("series-changes"));

        final Topic<String, Progress> progress = Topics.progress();
        changes.flatMap((key, change) -> change.progress(), Named.as("progress-records"))
                .to(progress.name(), progress.produced(new SeriesPartitioner<>()));
        final Topic<String, Alert> alerts = Topics.alerts();
        changes.flatMapValues(change -> change.alert().stream().toList(), Named.as("alert-records"))
                .peek((key, alert) -> events.alertRaised(alert), Named.as("count-alerts"))
                .to(alerts.name(), alerts.produced());

        addQueryViews(builder, progress, alerts);
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
                                                               final SeriesEvaluator evaluator, final Clock clock,
                                                               final PipelineEvents events) {
        return judged
                .flatMap((key, change) -> change.nextYearCurve().stream().toList(), Named.as("next-year-curves"))
                .repartition(Repartitioned.<String, CumulativeCurve>as(PRIOR_YEAR_CURVES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(SmileSerde.readingJson(CumulativeCurve.class)))
                .<SeriesEvent>mapValues(SeriesEvent.PriorYear::new, Named.as("prior-year-events"))
                .process(() -> SeriesJudgeProcessor.forPriorYear(evaluator, clock, events), Named.as("judge-prior-year"),
                        RELEASE_HISTORY_STORE, TARGETS_STORE, SeriesJudgeProcessor.RECHECK_STORE);
    }

    private static void addQueryViews(final StreamsBuilder builder, final Topic<String, Progress> progress,
                                      final Topic<String, Alert> alerts) {
        // Kept as the bytes on the topic: decoding each record only to encode it again for the store
        // cost an eighth of the stream thread's time in the benchmark; readers decode what they read.
        builder.table(progress.name(), Consumed.with(progress.keySerde(), Serdes.ByteArray()).withName("progress-view-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(PROGRESS_VIEW_STORE)
                        .withKeySerde(progress.keySerde())
                        .withValueSerde(Serdes.ByteArray()));
        builder.stream(alerts.name(), Consumed.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-view-source"))
                .groupByKey(Grouped.with("alerts-by-series", alerts.keySerde(), alerts.valueSerde()))
                .aggregate(() -> RecentAlerts.NONE, (key, alert, recent) -> recent.with(alert), Named.as("recent-alerts"),
                        Materialized.<String, RecentAlerts, KeyValueStore<Bytes, byte[]>>as(ALERTS_VIEW_STORE)
                                .withKeySerde(alerts.keySerde())
                                .withValueSerde(JsonSerde.internal(RecentAlerts.class)));
    }
}
