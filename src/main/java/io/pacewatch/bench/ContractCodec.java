package io.pacewatch.bench;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.RejectedRecordException;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.WireSerdes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The JSON work the public topics ask of a pipeline per release, done with pacewatch's serdes on the
 * records on the topics (the backfill's, and the latency phase's when it ran): reading and validating a release as publishers send it, and writing progress
 * records and alerts in the public dialect. The work is fixed by the contract; its cost here is
 * pacewatch's codec's (Jackson), which a faster codec could lower. Set against the time the ratio goal
 * leaves for computing ({@link BenchReport}), it says how much of that time this codec alone takes.
 * One thread, in thread CPU time (a collection's work on other threads is not in it), the median of
 * {@value #TIMED_PASSES} passes after an untimed one.
 */
final class ContractCodec {

    /** Enough records for a stable mean, few enough to hold in memory at 3,000 regions. */
    static final int SAMPLE = 100_000;
    static final int TIMED_PASSES = 5;

    /** One kind of record: how many were timed, their mean size, and the median pass's microseconds per record. */
    record Work(long records, double meanBytes, double micros) {
    }

    record Cost(Work release, Work progress, Work alert) {

        /** Per release, weighted by how many records of each kind a release writes. */
        double perRelease(final double progressPerRelease, final double alertsPerRelease) {
            return release.micros() + progressPerRelease * progress.micros() + alertsPerRelease * alert.micros();
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** What the passes produced, kept where the JIT cannot prove it unused. */
    private static volatile long sink;

    private final BenchContext context;

    ContractCodec(final BenchContext context) {
        this.context = context;
    }

    Cost measure() {
        final Deserializer<Release> releases = Topics.releases(new InputCodec(context.catalogue)).valueSerde().deserializer();
        final List<byte[]> releaseBytes = sample(Topics.RELEASES);
        final Work release = timed(releaseBytes, meanBytes(releaseBytes), bytes -> {
            try {
                return releases.deserialize(Topics.RELEASES, bytes).series().id().length();
            } catch (final RejectedRecordException e) {
                // A bad record costs its reading too; it is dead-lettered, not judged.
                return 0;
            }
        });
        return new Cost(release, encoding(Topics.PROGRESS, WireSerdes.json(Progress.class)),
                encoding(Topics.ALERTS, WireSerdes.json(Alert.class)));
    }

    private <T> Work encoding(final String topic, final Serde<T> serde) {
        final List<byte[]> bytes = sample(topic);
        final Deserializer<T> deserializer = serde.deserializer();
        final Serializer<T> serializer = serde.serializer();
        final List<T> values = bytes.stream().map(b -> deserializer.deserialize(topic, b)).toList();
        return timed(values, meanBytes(bytes), value -> serializer.serialize(topic, value).length);
    }

    /**
     * Every n-th committed value of the topic, spread over all of it: the start of a compacted topic
     * holds mostly early months, whose records are shorter than the year's later ones.
     */
    private List<byte[]> sample(final String topic) {
        final long stride = Math.max(1, (context.committedRecords(topic) + SAMPLE - 1) / SAMPLE);
        final List<byte[]> values = new ArrayList<>();
        final long[] seen = new long[1];
        context.readCommitted(topic, record -> {
            if (record.value() != null && seen[0]++ % stride == 0) {
                values.add(record.value());
            }
        });
        return values;
    }

    private static double meanBytes(final List<byte[]> values) {
        return values.stream().mapToInt(v -> v.length).average().orElse(0);
    }

    private static <T> Work timed(final List<T> items, final double meanBytes, final ToIntFunction<T> work) {
        if (items.isEmpty()) {
            return new Work(0, 0, 0);
        }
        long produced = pass(items, work);
        final double[] micros = new double[TIMED_PASSES];
        for (int i = 0; i < TIMED_PASSES; i++) {
            final long start = THREADS.getCurrentThreadCpuTime();
            produced += pass(items, work);
            micros[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / items.size();
        }
        sink = produced;
        Arrays.sort(micros);
        return new Work(items.size(), meanBytes, micros[TIMED_PASSES / 2]);
    }

    private static <T> long pass(final List<T> items, final ToIntFunction<T> work) {
        long produced = 0;
        for (final T item : items) {
            produced += work.applyAsInt(item);
        }
        return produced;
    }
}
