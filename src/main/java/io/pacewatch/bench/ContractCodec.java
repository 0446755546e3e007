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
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The JSON work the public contract itself asks of any pipeline, measured on the backfill's own records:
 * reading and validating a release as publishers send it, and writing progress records and alerts in the
 * public dialect, with pacewatch's serdes. None of it can be designed away while the topics stay JSON, so
 * set against the time the ratio goal leaves for computing ({@link BenchReport}) it says whether any
 * judge could fit. One thread, after an untimed pass over the same records, in thread CPU time.
 */
final class ContractCodec {

    /** Enough records for a stable mean, few enough to hold in memory at 3,000 regions. */
    static final int SAMPLE = 100_000;

    /** Mean thread CPU per record, in microseconds; per release, weighted by what the backfill wrote. */
    record Cost(long releases, double releaseMicros, long progress, double progressMicros, long alerts,
                double alertMicros) {

        double perRelease(final double progressPerRelease, final double alertsPerRelease) {
            return releaseMicros + progressPerRelease * progressMicros + alertsPerRelease * alertMicros;
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
        final List<byte[]> releaseBytes = values(Topics.RELEASES);
        final Serde<Progress> progressSerde = WireSerdes.json(Progress.class);
        final List<Progress> progress = decoded(Topics.PROGRESS, progressSerde.deserializer());
        final Serde<Alert> alertSerde = WireSerdes.json(Alert.class);
        final List<Alert> alerts = decoded(Topics.ALERTS, alertSerde.deserializer());
        return new Cost(releaseBytes.size(), timed(releaseBytes, bytes -> {
            try {
                return releases.deserialize(Topics.RELEASES, bytes).series().id().length();
            } catch (final RejectedRecordException e) {
                // A bad record costs its reading too; it is dead-lettered, not judged.
                return 0;
            }
        }), progress.size(), timed(progress, encoder(progressSerde.serializer(), Topics.PROGRESS)),
                alerts.size(), timed(alerts, encoder(alertSerde.serializer(), Topics.ALERTS)));
    }

    private static <T> ToIntFunction<T> encoder(final Serializer<T> serializer, final String topic) {
        return value -> serializer.serialize(topic, value).length;
    }

    private List<byte[]> values(final String topic) {
        final List<byte[]> values = new ArrayList<>();
        context.readCommitted(topic, SAMPLE, record -> {
            if (record.value() != null) {
                values.add(record.value());
            }
        });
        return values;
    }

    private <T> List<T> decoded(final String topic, final Deserializer<T> deserializer) {
        return values(topic).stream().map(bytes -> deserializer.deserialize(topic, bytes)).toList();
    }

    /** Mean microseconds of thread CPU per item on the second of two passes (the first warms the JIT). */
    private static <T> double timed(final List<T> items, final ToIntFunction<T> work) {
        if (items.isEmpty()) {
            return 0;
        }
        long produced = pass(items, work);
        final long start = THREADS.getCurrentThreadCpuTime();
        produced += pass(items, work);
        final long micros = (THREADS.getCurrentThreadCpuTime() - start) / 1_000;
        sink = produced;
        return (double) micros / items.size();
    }

    private static <T> long pass(final List<T> items, final ToIntFunction<T> work) {
        long produced = 0;
        for (final T item : items) {
            produced += work.applyAsInt(item);
        }
        return produced;
    }
}
