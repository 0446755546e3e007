package io.pacewatch.bench;

import io.pacewatch.broker.GroupLag;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The least Kafka work pacewatch's record traffic costs, with none of its computing: the ceiling the
 * ratio goal can be held against. Per release record, one read and one write of a series state, and
 * for every other topic pacewatch's backfill wrote (outputs, changelogs, repartition topics, dead
 * letters) as many records per release, of the same mean value size, to a copy of it; the counts and
 * sizes are what pacewatch's producers wrote in the same run ({@link ProducedRecords}). The copies
 * pacewatch reads back are read back too: the progress and rankings copies into cached tables whose
 * changelog is the topic (as the query views), the alerts, peer-ranks and repartition copies by a
 * consumer that does nothing with them. It runs with the trivial count's settings (exactly_once_v2,
 * pacewatch's commit interval, Kafka's defaults otherwise), not with pacewatch's own choices such as
 * compressed stores, so that it measures the traffic and not how pacewatch configured it.
 * <p>
 * It leaves out, so it is a lower bound on pacewatch's cost: parsing and validating the input, judging,
 * the reads and writes of the other stores (targets, peer ranks, peer groups, recent alerts), series
 * state written more than once per release, and the work the read-back records cause beyond being
 * consumed.
 */
final class ContractFloor {

    private static final String JUDGE = "floor-judge";
    private static final String STATE_STORE = "floor-state";
    /** Distinct keys per series on each copy: twelve months and the series' latest record. */
    private static final int SLOTS = 13;
    /** What the copies' values are made of: their size is what counts, the bytes only need to be JSON-like. */
    private static final byte[] FILLER = "{\"floor\":\"pacewatch's record traffic without its computing\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** What happens to a topic's records after pacewatch wrote them. */
    enum ReadBack {
        /** Read into a table whose changelog is the topic (progress and rankings views). */
        TABLE,
        /** Consumed by a later step (peer ranks, repartition topics). */
        STREAM,
        /** Not read by pacewatch (changelogs, dead letters). */
        NONE
    }

    /** One topic pacewatch's backfill wrote, and the floor's copy of it. */
    record Flow(String pacewatchTopic, String copy, double perRelease, int valueBytes, ReadBack readBack) {
    }

    /**
     * Per release record, what the floor writes: the series state (pacewatch's writes of it per release
     * and their mean size; the floor writes one) and the other flows. {@code latestPerRelease} is the
     * share of release records that pacewatch judged and answered with a latest standing (first
     * publications and revisions), for {@link #monthRecordsOnly()}.
     */
    record Traffic(double statePerRelease, int stateBytes, List<Flow> flows, double latestPerRelease) {

        /**
         * Only what the public contract fixes: the series state, and the progress records and alerts
         * written. Not read back: the query views are pacewatch's design (a reader could compose
         * records from the series state instead), and so are the internal topics.
         */
        Traffic publicOutputs() {
            return new Traffic(statePerRelease, stateBytes, flows.stream().filter(f -> f.pacewatchTopic().equals(Topics.PROGRESS)
                    || f.pacewatchTopic().equals(Topics.ALERTS))
                    .map(f -> new Flow(f.pacewatchTopic(), f.copy(), f.perRelease(), f.valueBytes(), ReadBack.NONE))
                    .toList(), latestPerRelease);
        }

        /**
         * All of the traffic, with nothing read back into a view: the most a pipeline could do that
         * writes every topic pacewatch writes (its internal ones too) but answers the query views'
         * reads by composing them from the judge's state at read time.
         */
        Traffic viewsComposedAtReadTime() {
            return new Traffic(statePerRelease, stateBytes, flows.stream()
                    .map(f -> f.readBack() == ReadBack.TABLE
                            ? new Flow(f.pacewatchTopic(), f.copy(), f.perRelease(), f.valueBytes(), ReadBack.NONE) : f)
                    .toList(), latestPerRelease);
        }

        /**
         * What if: the public outputs without the series' latest standing, which every judged release
         * writes beside its month's record (a copy of the last month's). For the decision the ratio goal
         * needs, not a pipeline pacewatch could run today.
         */
        Traffic monthRecordsOnly() {
            return new Traffic(statePerRelease, stateBytes, publicOutputs().flows().stream()
                    .map(f -> f.pacewatchTopic().equals(Topics.PROGRESS) ? new Flow(f.pacewatchTopic(), f.copy(),
                            Math.max(0, f.perRelease() - latestPerRelease), f.valueBytes(), f.readBack()) : f)
                    .toList(), latestPerRelease);
        }

        /** The same traffic to copies of its own, so that one floor run never reads another's records. */
        Traffic copiesUnder(final String applicationId) {
            return new Traffic(statePerRelease, stateBytes, flows.stream().map(f -> new Flow(f.pacewatchTopic(),
                    applicationId + "." + f.copy(), f.perRelease(), f.valueBytes(), f.readBack())).toList(), latestPerRelease);
        }

        /** Records written per release to one of pacewatch's topics (none: 0). */
        double perRelease(final String pacewatchTopic) {
            return flows.stream().filter(f -> f.pacewatchTopic().equals(pacewatchTopic)).mapToDouble(Flow::perRelease).sum();
        }

        double recordsPerRelease() {
            return 1 + flows.stream().mapToDouble(Flow::perRelease).sum();
        }
    }

    private ContractFloor() {
    }

    /**
     * The traffic of pacewatch's backfill as its producers counted it.
     *
     * @param judged release records that pacewatch judged (first publications and revisions)
     */
    static Traffic traffic(final String applicationId, final Map<String, ProducedRecords.Written> written,
                           final long releaseRecords, final long judged) {
        final String stateChangelog = applicationId + "-" + QueryableStores.RELEASE_HISTORY + "-changelog";
        final ProducedRecords.Written state = written.get(stateChangelog);
        if (state == null || written.getOrDefault(Topics.PROGRESS, new ProducedRecords.Written(0, 0, 0)).records() == 0) {
            throw new IllegalStateException("pacewatch's backfill wrote no series state or no progress to copy: " + written.keySet());
        }
        final List<Flow> flows = new ArrayList<>();
        written.forEach((topic, w) -> {
            if (!topic.equals(stateChangelog) && w.records() > 0) {
                final String name = topic.startsWith(applicationId + "-") ? topic.substring(applicationId.length() + 1) : topic;
                flows.add(new Flow(topic, name, (double) w.records() / releaseRecords, meanValueBytes(w), readBack(topic)));
            }
        });
        return new Traffic((double) state.records() / releaseRecords, meanValueBytes(state), List.copyOf(flows),
                (double) judged / releaseRecords);
    }

    private static int meanValueBytes(final ProducedRecords.Written written) {
        return (int) Math.round((double) written.valueBytes() / written.records());
    }

    private static ReadBack readBack(final String topic) {
        if (topic.equals(Topics.PROGRESS) || topic.equals(Topics.RANKINGS)) {
            return ReadBack.TABLE;
        }
        // What pacewatch's topology reads (GroupLag names it for "done"): since the alerts view is kept as
        // alerts are raised, the alerts topic is not among it.
        if (GroupLag.pacewatchSources().contains(topic) || topic.endsWith("-repartition")) {
            return ReadBack.STREAM;
        }
        return ReadBack.NONE;
    }

    /** Creates the copies: compacted where they stand for a table (as the progress topic is), else deleting. */
    static void createCopies(final BenchContext context, final Traffic traffic) {
        try {
            final Set<String> existing = context.admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = traffic.flows().stream().filter(f -> !existing.contains(f.copy()))
                    .map(f -> new NewTopic(f.copy(), context.partitions, (short) 1).configs(f.readBack() == ReadBack.TABLE
                            ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            context.admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the contract floor's topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the contract floor's topics", e);
        }
    }

    /** The topics the floor reads, for its caught-up check: the releases and the copies read back. */
    static List<String> sources(final Traffic traffic) {
        final List<String> sources = new ArrayList<>(List.of(Topics.RELEASES));
        traffic.flows().stream().filter(f -> f.readBack() != ReadBack.NONE).map(Flow::copy).forEach(sources::add);
        return sources;
    }

    static Topology topology(final Traffic traffic) {
        final Topology topology = new Topology();
        topology.addSource("releases", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.RELEASES);
        topology.addProcessor(JUDGE, () -> new FloorJudge(traffic), "releases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled(), JUDGE);
        for (final Flow flow : traffic.flows()) {
            topology.addSink("to-" + flow.copy(), flow.copy(), Serdes.String().serializer(), Serdes.ByteArray().serializer(), JUDGE);
            if (flow.readBack() == ReadBack.NONE) {
                continue;
            }
            topology.addSource("from-" + flow.copy(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                    flow.copy());
            final String reader = "read-" + flow.copy();
            if (flow.readBack() == ReadBack.TABLE) {
                final String view = "view-" + flow.copy();
                topology.addProcessor(reader, () -> new TableWriter(view), "from-" + flow.copy());
                // The topic is the table's changelog, as for pacewatch's optimized source tables, and the
                // record cache is on, as Materialized leaves it for pacewatch's views.
                topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(view),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled().withLoggingDisabled(), reader);
            } else {
                topology.addProcessor(reader, Ignore::new, "from-" + flow.copy());
            }
        }
        return topology;
    }

    /** Reads and rewrites a series' state and writes each flow's share of records, each at its mean size. */
    private static final class FloorJudge implements Processor<String, byte[], String, byte[]> {

        private final Traffic traffic;
        private final byte[] stateValue;
        private final List<byte[]> values;
        private final double[] owed;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> state;
        private long written;

        FloorJudge(final Traffic traffic) {
            this.traffic = traffic;
            this.owed = new double[traffic.flows().size()];
            this.stateValue = filled(traffic.stateBytes());
            this.values = traffic.flows().stream().map(f -> filled(f.valueBytes())).toList();
        }

        private static byte[] filled(final int length) {
            final byte[] out = new byte[length];
            for (int i = 0; i < length; i += FILLER.length) {
                System.arraycopy(FILLER, 0, out, i, Math.min(FILLER.length, length - i));
            }
            return out;
        }

        @Override
        public void init(final ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.state = context.getStateStore(STATE_STORE);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final String series = record.key() == null ? "keyless" : record.key();
            // The judge reads the state it rewrites; what it finds changes nothing here.
            state.get(series);
            state.put(series, stateValue);
            for (int i = 0; i < owed.length; i++) {
                owed[i] += traffic.flows().get(i).perRelease();
                while (owed[i] >= 1) {
                    owed[i] -= 1;
                    context.forward(record.withKey(series + "|" + written++ % SLOTS).withValue(values.get(i)),
                            "to-" + traffic.flows().get(i).copy());
                }
            }
        }
    }

    /** Puts what it reads into its table, as a source table's processor does. */
    private static final class TableWriter implements Processor<String, byte[], Void, Void> {

        private final String storeName;
        private KeyValueStore<String, byte[]> store;

        TableWriter(final String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            store.put(record.key(), record.value());
        }
    }

    /** Consumes and drops: the least a later step does with a record. */
    private static final class Ignore implements Processor<String, byte[], Void, Void> {

        @Override
        public void process(final Record<String, byte[]> record) {
            // consumed; nothing else
        }
    }

    /** For the report: the flows, largest first. */
    static List<Flow> bySize(final Traffic traffic) {
        final Flow[] flows = traffic.flows().toArray(new Flow[0]);
        Arrays.sort(flows, (a, b) -> Double.compare(b.perRelease() * b.valueBytes(), a.perRelease() * a.valueBytes()));
        return List.of(flows);
    }
}
