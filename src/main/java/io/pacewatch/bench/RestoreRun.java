package io.pacewatch.bench;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.Pipelines;
import io.pacewatch.app.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * State restore after losing the state directory: the instance is stopped, its state directory
 * wiped, and it is started again with the same application id, so every store is rebuilt from its
 * changelog (and the progress view from the compacted progress topic).
 * <p>
 * Done twice. First the real {@link PacewatchService}, timed from {@code start()} to RUNNING. Then
 * the same topology with the same Streams settings on a plain {@link KafkaStreams}, because
 * PacewatchService offers no way to attach a {@link StateRestoreListener} before it starts; the
 * listener counts the records restored per store and times the restore itself.
 */
final class RestoreRun {

    /** Restored records and time per store, from the listener. */
    record StoreRestore(String store, long records, long changelogRecords, long millis, long keys) {
    }

    record Result(long serviceStartToRunningMillis, long startToRunningMillis, long restoreMillis,
                  List<StoreRestore> stores, long stateDirBytes, ResourceMonitor.Usage usage) {

        long records() {
            return stores.stream().mapToLong(StoreRestore::records).sum();
        }

        long keys() {
            return stores.stream().mapToLong(StoreRestore::keys).sum();
        }
    }

    private final BenchContext context;

    RestoreRun(final BenchContext context) {
        this.context = context;
    }

    Result run(final String applicationId, final Path stateDir) throws Exception {
        final long stateDirBytes = BenchContext.sizeOf(stateDir);
        final ResourceMonitor.Phase phase = context.monitor.begin("restore");

        forgetMembers(applicationId);
        BenchContext.deleteRecursively(stateDir);
        final long serviceStart = System.nanoTime();
        final long serviceRunning;
        try (PacewatchService service = PacewatchService.start(context.serviceSettings(applicationId, stateDir))) {
            serviceRunning = ThroughputRuns.awaitRunning(service::state, new AtomicReference<>());
        }
        context.say(String.format("restore: PacewatchService RUNNING %.1f s after start with an empty state directory",
                (serviceRunning - serviceStart) / 1e9));

        forgetMembers(applicationId);
        BenchContext.deleteRecursively(stateDir);
        final Listener listener = new Listener();
        final Properties props = StreamsSettings.defaults();
        props.putAll(context.streamsProperties(applicationId, stateDir));
        final long start = System.nanoTime();
        final long running;
        final List<StoreRestore> stores;
        try (KafkaStreams streams = new KafkaStreams(Pipelines.serviceTopology(context.catalogue), props)) {
            streams.setGlobalStateRestoreListener(listener);
            streams.start();
            running = ThroughputRuns.awaitRunning(streams::state, new AtomicReference<>());
            stores = listener.byStore().entrySet().stream()
                    .map(e -> new StoreRestore(e.getKey(), e.getValue().restored.get(), e.getValue().expected.get(),
                            TimeUnit.NANOSECONDS.toMillis(e.getValue().lastEnd.get() - e.getValue().firstStart.get()),
                            keys(streams, e.getKey())))
                    .toList();
            streams.close(Duration.ofSeconds(60));
        }
        final ResourceMonitor.Usage usage = phase.end();
        return new Result(TimeUnit.NANOSECONDS.toMillis(serviceRunning - serviceStart),
                TimeUnit.NANOSECONDS.toMillis(running - start),
                TimeUnit.NANOSECONDS.toMillis(listener.lastEnd.get() - listener.firstStart.get()),
                stores, stateDirBytes, usage);
    }

    /**
     * PacewatchService leaves its group on close, but a plain KafkaStreams closed with defaults stays
     * a member until its session times out, and a restarted instance would wait for that before it
     * gets its tasks. Removing any such member first keeps that wait out of the figure.
     */
    private void forgetMembers(final String groupId) {
        try {
            context.admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            // No members left, which is what we want.
        }
    }

    /** Counted by iterating the store once the restore is over (RocksDB's own estimate counts overwrites). */
    private static long keys(final KafkaStreams streams, final String store) {
        try (KeyValueIterator<Object, Object> all = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore())).all()) {
            long keys = 0;
            while (all.hasNext()) {
                all.next();
                keys++;
            }
            return keys;
        } catch (final RuntimeException e) {
            return -1;
        }
    }

    /** Counts restored records per store; keeps the first start and the last end of any restore. */
    private static final class Listener implements StateRestoreListener {
        final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
        private final Map<String, Listener> stores = new ConcurrentHashMap<>();
        final AtomicLong restored = new AtomicLong();
        final AtomicLong expected = new AtomicLong();

        private Listener store(final String name) {
            return stores.computeIfAbsent(name, n -> new Listener());
        }

        Map<String, Listener> byStore() {
            return new TreeMap<>(stores);
        }

        @Override
        public void onRestoreStart(final TopicPartition partition, final String storeName, final long startingOffset,
                                   final long endingOffset) {
            final long now = System.nanoTime();
            for (final Listener l : List.of(this, store(storeName))) {
                l.firstStart.accumulateAndGet(now, Math::min);
                l.expected.addAndGet(endingOffset - startingOffset);
            }
        }

        @Override
        public void onBatchRestored(final TopicPartition partition, final String storeName, final long batchEndOffset,
                                    final long numRestored) {
            restored.addAndGet(numRestored);
            store(storeName).restored.addAndGet(numRestored);
        }

        @Override
        public void onRestoreEnd(final TopicPartition partition, final String storeName, final long totalRestored) {
            final long now = System.nanoTime();
            for (final Listener l : List.of(this, store(storeName))) {
                l.lastEnd.accumulateAndGet(now, Math::max);
            }
        }
    }
}
