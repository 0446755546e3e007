package io.pacewatch.bench;

import io.pacewatch.app.StreamsSettings;
import io.pacewatch.broker.TopicSpec;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The least Kafka work pacewatch's record traffic costs, with none of its computing: the ceiling the
 * ratio goal can be held against. Per release record, one read and one write of a series state (values
 * sampled from this run's {@code release-history} changelog, so the store's changelog is written as the
 * judge's is), and for every other topic pacewatch's backfill wrote (outputs, changelogs, repartition
 * topics, dead letters) as many records per release of the same mean size to a copy of it. The copies
 * pacewatch reads back are read back too: the progress and rankings copies into tables whose changelog
 * is the topic (as the query views), the alerts, peer-ranks and repartition copies by a consumer that
 * does nothing with them. Under pacewatch's Streams settings (exactly_once_v2, its commit interval, its
 * RocksDB options), on the same partitions.
 * <p>
 * It leaves out, so it is a lower bound on pacewatch's cost: parsing and validating the input, judging,
 * the reads and writes of the other stores (targets, peer ranks, peer groups, recent alerts), and the
 * work the read-back records cause beyond being consumed.
 */
final class ContractFloor {

    private static final String PREFIX = "pwbench.floor.";
    private static final String JUDGE = "floor-judge";
    private static final String STATE_STORE = "floor-state";
    /** Distinct keys per series on each copy: twelve months and the series' latest record. */
    private static final int SLOTS = 13;
    private static final int SAMPLES = 2_000;

    /** What happens to a topic's records after pacewatch wrote them. */
    enum ReadBack {
        /** Read into a table whose changelog is the topic (progress and rankings views). */
        TABLE,
        /** Consumed by a later step (alerts view, peer ranks, repartition topics). */
        STREAM,
        /** Not read by pacewatch (changelogs, dead letters). */
        NONE
    }

    /** One topic pacewatch's backfill wrote, and the floor's copy of it. */
    record Flow(String pacewatchTopic, String copy, double perRelease, int valueBytes, ReadBack readBack) {
    }

    /** Per release record, what the floor writes: the flows, and sampled values to write. */
    record Traffic(List<Flow> flows, List<byte[]> stateValues, List<byte[]> progressValues) {

        /**
         * Only what the public contract fixes: the series state, the progress records and the alerts
         * (with their read-backs); none of the internal topics a leaner design could drop or shrink.
         */
        Traffic publicOutputs() {
            return new Traffic(flows.stream().filter(f -> f.pacewatchTopic().equals(Topics.PROGRESS)
                    || f.pacewatchTopic().equals(Topics.ALERTS)).toList(), stateValues, progressValues);
        }

        double meanStateBytes() {
            return stateValues.stream().mapToInt(v -> v.length).average().orElse(0);
        }

        double recordsPerRelease() {
            return 1 + flows.stream().mapToDouble(Flow::perRelease).sum();
        }
    }

    private ContractFloor() {
    }

    /**
     * The traffic of pacewatch's backfill as its producers counted it, with values sampled from the end
     * of its progress topic and of its series-state changelog (the latest values, so the fullest ones).
     */
    static Traffic traffic(final BenchContext context, final String applicationId,
                           final Map<String, ProducedRecords.Written> written, final long releaseRecords) {
        final String stateChangelog = applicationId + "-" + QueryableStores.RELEASE_HISTORY + "-changelog";
        final List<Flow> flows = new ArrayList<>();
        written.forEach((topic, w) -> {
            if (!topic.equals(stateChangelog) && w.records() > 0) {
                final String name = topic.startsWith(applicationId + "-") ? topic.substring(applicationId.length() + 1) : topic;
                flows.add(new Flow(topic, PREFIX + name, (double) w.records() / releaseRecords,
                        (int) Math.round((double) w.valueBytes() / w.records()), readBack(topic)));
            }
        });
        if (written.getOrDefault(Topics.PROGRESS, new ProducedRecords.Written(0, 0, 0)).records() == 0) {
            throw new IllegalStateException("pacewatch's backfill wrote no progress records to copy");
        }
        return new Traffic(List.copyOf(flows), latestValues(context, stateChangelog), latestValues(context, Topics.PROGRESS));
    }

    private static ReadBack readBack(final String topic) {
        if (topic.equals(Topics.PROGRESS) || topic.equals(Topics.RANKINGS)) {
            return ReadBack.TABLE;
        }
        if (topic.equals(Topics.ALERTS) || topic.equals(Topics.PEER_RANKS) || topic.endsWith("-repartition")) {
            return ReadBack.STREAM;
        }
        return ReadBack.NONE;
    }

    /** Up to {@link #SAMPLES} non-null values, the last ones of each partition. */
    private static List<byte[]> latestValues(final BenchContext context, final String topic) {
        final Properties props = context.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            final long each = SAMPLES / partitions.size();
            partitions.forEach(p -> consumer.seek(p, Math.max(begins.get(p), ends.get(p) - each)));
            while (values.size() < SAMPLES && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        values.add(record.value());
                    }
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no values to sample on " + topic);
        }
        return values;
    }

    /** Creates the copies: compacted in pacewatch's segments where they stand for a table, else deleting. */
    static void createCopies(final BenchContext context, final Traffic traffic) {
        try {
            final Set<String> existing = context.admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = traffic.flows().stream().filter(f -> !existing.contains(f.copy()))
                    .map(f -> new NewTopic(f.copy(), context.partitions, (short) 1).configs(f.readBack() == ReadBack.TABLE
                            ? Map.of("cleanup.policy", "compact", "segment.bytes", Integer.toString(TopicSpec.COMPACTED_SEGMENT_BYTES))
                            : Map.of()))
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

    /** pacewatch's own Streams settings, then the bench's connection, application id and overrides. */
    static Properties streamsProperties(final BenchContext context, final String applicationId, final Path stateDir) {
        final Properties props = StreamsSettings.defaults();
        props.putAll(context.streamsProperties(applicationId, stateDir));
        return props;
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
                // The topic is the table's changelog, as for pacewatch's optimized source tables.
                topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(view),
                        Serdes.String(), Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled(), reader);
            } else {
                topology.addProcessor(reader, Ignore::new, "from-" + flow.copy());
            }
        }
        return topology;
    }

    /** Reads and rewrites a series' state and writes each flow's share of records, all as sampled bytes. */
    private static final class FloorJudge implements Processor<String, byte[], String, byte[]> {

        private final Traffic traffic;
        private final List<byte[]> values;
        private final double[] owed;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> state;
        private long processed;
        private long written;

        FloorJudge(final Traffic traffic) {
            this.traffic = traffic;
            this.owed = new double[traffic.flows().size()];
            final byte[] filler = traffic.progressValues().get(0);
            // Progress copies cycle through real progress records; the others take real bytes at their mean size.
            this.values = traffic.flows().stream().map(f -> f.pacewatchTopic().equals(Topics.PROGRESS) ? null
                    : repeat(filler, f.valueBytes())).toList();
        }

        private static byte[] repeat(final byte[] bytes, final int length) {
            final byte[] out = new byte[length];
            for (int i = 0; i < length; i += bytes.length) {
                System.arraycopy(bytes, 0, out, i, Math.min(bytes.length, length - i));
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
            state.put(series, traffic.stateValues().get((int) (processed++ % traffic.stateValues().size())));
            for (int i = 0; i < owed.length; i++) {
                owed[i] += traffic.flows().get(i).perRelease();
                while (owed[i] >= 1) {
                    owed[i] -= 1;
                    final byte[] value = values.get(i) != null ? values.get(i)
                            : traffic.progressValues().get((int) (written % traffic.progressValues().size()));
                    context.forward(record.withKey(series + "|" + written++ % SLOTS).withValue(value),
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
