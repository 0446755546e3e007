package io.pacewatch.cli.publish;

import java.time.Instant;
import java.util.function.Function;

/**
 * How a validated record becomes a Kafka record: its key (the series id, which keeps a series on one
 * partition and is what compaction keeps per), its canonical message, the timestamp it carries (the
 * publication time, so time-based retention and lookups follow the figures, not the upload) and the
 * indicator it counts under in the summary.
 */
record MessageShape<T>(String noun, Function<T, String> key, Function<T, byte[]> value, Function<T, Instant> timestamp,
                       Function<T, String> indicator) {

    OutgoingRecord toOutgoing(final T record) {
        return new OutgoingRecord(key.apply(record), value.apply(record), timestamp.apply(record).toEpochMilli(),
                indicator.apply(record));
    }
}
