package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.InputCodec;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * releases → history per series ─┐
 *                                 ├─ outer join → judge (evaluate, publish changes) → progress, alerts
 * targets  → target per series ──┘
 * <p>
 * Releases are kept as versions per series rather than summed in a stream, so a revision replaces
 * its figure instead of being counted twice. Both inputs are re-keyed by series through internal
 * topics, so the join is correct whatever partitioner the publishers used. Caching is off on both
 * tables: with it, updates arriving within one commit interval merge, so whether an intermediate
 * status (and its alert) exists would depend on timing, and a replay could alert differently.
 * <p>
 * Two views serve interactive queries: the progress topic read back as a table of its JSON bytes
 * ({@value #PROGRESS_VIEW_STORE}, compacted topic doubling as its changelog) and the recent alerts
 * of each series ({@value #ALERTS_VIEW_STORE}).
 */
public final class PacewatchTopology {

    public static final String RELEASE_HISTORY_STORE = "release-history";
    public static final String TARGETS_STORE = "targets";
    public static final String EMITTED_STORE = SeriesJudgeProcessor.STORE;
    public static final String PROGRESS_VIEW_STORE = "progress-view";
    public static final String ALERTS_VIEW_STORE = "recent-alerts";

    private PacewatchTopology() {
    }

    public static Topology build(final IndicatorCatalogue catalogue) {
        return build(catalogue, CalendarLoader.bundled(), Clock.systemUTC(), PipelineEvents.NONE);
    }

    /**
     * @param clock what "now" is for embargoes and overdue releases: the system clock in service, a
     *              simulated one when the demo replays a past year
     */
    public static Topology build(final IndicatorCatalogue catalogue, final ReleaseCalendar calendar, final Clock clock,
                                 final PipelineEvents events) {
        final InputCodec codec = new InputCodec(catalogue);
        final Topic<String, Release> releases = Topics.releases(codec);
        final Topic<String, Target> targets = Topics.targets(codec);
        final StreamsBuilder builder = new StreamsBuilder();

        final KTable<String, ReleaseHistory> histories = builder.stream(releases.name(), releases.consumed())
                .filter((key, release) -> release != null, Named.as("drop-release-tombstones"))
                .mapValues(KeyCheck::release, Named.as("check-release-key"))
                .groupBy((key, release) -> release.series().id(),
                        Grouped.with("releases-by-series", Serdes.String(), JsonSerde.internal(Release.class)))
                .aggregate(() -> ReleaseHistory.EMPTY, (key, release, history) -> {
                    events.releaseAccepted(release.indicator(), history.revises(release));
                    return history.with(release);
                },
                        Named.as("collect-versions"),
                        Materialized.<String, ReleaseHistory, KeyValueStore<Bytes, byte[]>>as(RELEASE_HISTORY_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.internal(ReleaseHistory.class))
                                .withCachingDisabled());

        final KTable<String, Target> targetTable = builder.stream(targets.name(), targets.consumed())
                .mapValues(KeyCheck::target, Named.as("check-target-key"))
                .repartition(Repartitioned.<String, Target>as("targets-by-series")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.internal(Target.class)))
                .toTable(Named.as("target-table"),
                        Materialized.<String, Target, KeyValueStore<Bytes, byte[]>>as(TARGETS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.internal(Target.class))
                                .withCachingDisabled());

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMITTED_STORE),
                Serdes.String(), JsonSerde.internal(EmittedState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SeriesJudgeProcessor.RECHECK_STORE),
                Serdes.String(), Serdes.String()));
        final SeriesEvaluator evaluator = new SeriesEvaluator(catalogue, calendar);
        final KStream<String, SeriesChange> changes = histories
                .outerJoin(targetTable, SeriesInputs::new, Named.as("join-target"))
                .toStream(Named.as("series-inputs"))
                .process(() -> new SeriesJudgeProcessor(evaluator, clock), Named.as("judge-series"), EMITTED_STORE,
                        SeriesJudgeProcessor.RECHECK_STORE, RELEASE_HISTORY_STORE, TARGETS_STORE);

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
