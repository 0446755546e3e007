package io.pacewatch.bench;

import io.pacewatch.wire.DeadLetterHeaders;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks, after the timed backfill and outside any measured phase, that the figures are figures of
 * correct work: every series' last month has a committed progress record, every bad record is on
 * the dead-letter topic with the reason it was made for, and alerts were raised. It also digests
 * what was decided ({@link GoldenDigest}) for the golden check against the pipeline before issue #11.
 */
final class Verification {

    /**
     * @param progressRecords    committed progress records on the topic now, which compaction may have thinned
     * @param writtenRecords     progress records the backfill wrote ({@link ProducedRecords})
     * @param writtenBytes       their keys and values
     */
    record Result(long progressRecords, long progressBytes, long writtenRecords, long writtenBytes,
                  long seriesCovered, long seriesExpected, long alerts,
                  Map<String, Long> deadLettersByReason, Map<String, Long> badSentByReason,
                  List<Preload.BadRecord> withoutDeadLetter, GoldenDigest digest, long millis) {

        boolean deadLettersMatch() {
            return deadLettersByReason.equals(badSentByReason);
        }

        boolean complete() {
            return seriesCovered == seriesExpected && deadLettersMatch();
        }
    }

    private final BenchContext context;

    Verification(final BenchContext context) {
        this.context = context;
    }

    Result run(final SyntheticLoad.Shape shape, final Map<RejectionReason, Long> badSent,
               final List<Preload.BadRecord> badRecords) {
        final long start = System.nanoTime();
        final Set<String> lastMonthKeys = new HashSet<>();
        for (int y = shape.firstYear(); y < shape.firstYear() + shape.years(); y++) {
            for (int i = 0; i < shape.indicators(); i++) {
                for (int r = 0; r < shape.regions(); r++) {
                    // The cumulative January–December code is the year itself.
                    lastMonthKeys.add(SeriesKey.monthId(SyntheticLoad.seriesKey(r, i, y), String.valueOf(y)));
                }
            }
        }
        final long expected = lastMonthKeys.size();
        final long[] progress = new long[2];
        final GoldenDigest digest = new GoldenDigest();
        context.readCommitted(Topics.PROGRESS, record -> {
            digest.progress(record.key(), record.value());
            progress[0]++;
            progress[1] += record.serializedValueSize() + record.serializedKeySize();
            if (record.value() != null) {
                lastMonthKeys.remove(record.key());
            }
        });
        final long[] alerts = new long[1];
        context.readCommitted(Topics.ALERTS, record -> {
            digest.alert(record.value());
            alerts[0]++;
        });
        final Map<String, Long> dead = new TreeMap<>();
        final Set<String> deadSources = new HashSet<>();
        context.readCommitted(Topics.DEAD_LETTERS, record -> {
            digest.deadLetter(record.headers(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                    record.value());
            final Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON_HEADER);
            dead.merge(reason == null ? "(no reason header)" : new String(reason.value(), StandardCharsets.UTF_8),
                    1L, Long::sum);
            deadSources.add(header(record, "__streams.errors.topic") + "-" + header(record, "__streams.errors.partition")
                    + "@" + header(record, "__streams.errors.offset"));
        });
        final List<Preload.BadRecord> missing = badRecords.stream()
                .filter(b -> !deadSources.contains(b.topic() + "-" + b.partition() + "@" + b.offset()))
                .sorted(java.util.Comparator.comparingInt(Preload.BadRecord::partition)
                        .thenComparingLong(Preload.BadRecord::offset))
                .toList();
        final Map<String, Long> sent = new TreeMap<>();
        badSent.forEach((reason, count) -> sent.put(reason.code(), count));
        final ProducedRecords.Written written = ProducedRecords.of(Topics.PROGRESS);
        return new Result(progress[0], progress[1], written.records(), written.bytes(),
                expected - lastMonthKeys.size(), expected, alerts[0], dead, sent,
                missing, digest, (System.nanoTime() - start) / 1_000_000);
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
