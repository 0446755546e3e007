package io.pacewatch.topology;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.InputCodec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
 * topics, so the join is correct whatever partitioner the publishers used.
 */
public final class PacewatchTopology {

    public static final String RELEASE_HISTORY_STORE = "release-history";
    public static final String TARGETS_STORE = "targets";
    public static final String EMITTED_STORE = SeriesJudgeProcessor.STORE;

    private PacewatchTopology() {
    }

    public static Topology build(final IndicatorCatalogue catalogue) {
        final InputCodec codec = new InputCodec(catalogue);
        final Topic<String, Release> releases = Topics.releases(codec);
        final Topic<String, Target> targets = Topics.targets(codec);
        final StreamsBuilder builder = new StreamsBuilder();

        final KTable<String, ReleaseHistory> histories = builder.stream(releases.name(), releases.consumed())
                .filter((key, release) -> release != null, Named.as("drop-release-tombstones"))
                .mapValues(KeyCheck::release, Named.as("check-release-key"))
                .groupBy((key, release) -> release.series().id(),
                        Grouped.with("releases-by-series", Serdes.String(), new JsonSerde<>(Release.class)))
                .aggregate(() -> ReleaseHistory.EMPTY, (key, release, history) -> history.with(release),
                        Named.as("collect-versions"),
                        Materialized.<String, ReleaseHistory, KeyValueStore<Bytes, byte[]>>as(RELEASE_HISTORY_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(ReleaseHistory.class)));

        final KTable<String, Target> targetTable = builder.stream(targets.name(), targets.consumed())
                .mapValues(KeyCheck::target, Named.as("check-target-key"))
                .repartition(Repartitioned.<String, Target>as("targets-by-series")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(Target.class)))
                .toTable(Named.as("target-table"),
                        Materialized.<String, Target, KeyValueStore<Bytes, byte[]>>as(TARGETS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(Target.class)));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMITTED_STORE),
                Serdes.String(), new JsonSerde<>(EmittedState.class)));
        final SeriesEvaluator evaluator = new SeriesEvaluator(catalogue);
        final KStream<String, SeriesChange> changes = histories
                .outerJoin(targetTable, SeriesInputs::new, Named.as("join-target"))
                .toStream(Named.as("series-inputs"))
                .process(() -> new SeriesJudgeProcessor(evaluator), Named.as("judge-series"), EMITTED_STORE);

        final Topic<String, io.pacewatch.domain.Progress> progress = Topics.progress();
        changes.flatMap((key, change) -> change.progress(), Named.as("progress-records"))
                .to(progress.name(), progress.produced());
        final Topic<String, io.pacewatch.domain.Alert> alerts = Topics.alerts();
        changes.flatMapValues(change -> change.alert().stream().toList(), Named.as("alert-records"))
                .to(alerts.name(), alerts.produced());
        return builder.build();
    }
}
