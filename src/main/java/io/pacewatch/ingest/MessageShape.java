package io.pacewatch.ingest;

import io.pacewatch.ingest.KafkaSender.OutgoingRecord;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.WireSerdes;
import io.pacewatch.wire.InputCodec;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How a validated record becomes a Kafka record: its key (the series id, which keeps a series on one
 * partition and is what compaction keeps per), its canonical message, the timestamp it carries (the
 * publication time, so time-based retention and lookups follow the figures, not the upload) and the
 * indicator it counts under in the summary.
 */
public record MessageShape<T>(String noun, Function<T, String> key, Function<T, byte[]> value, Function<T, Instant> timestamp,
                       Function<T, String> indicator) {

    /** Releases as {@code publish} and the HTTP intake send them to {@code topic}. */
    public static MessageShape<Release> releases(final InputCodec codec, final String topic) {
        final Serializer<Release> serializer = WireSerdes.releases(codec).serializer();
        return new MessageShape<>("releases", r -> r.series().id(), r -> serializer.serialize(topic, r),
                Release::publishedAt, Release::indicator);
    }

    /** Targets as {@code targets load} and the HTTP intake send them to {@code topic}. */
    public static MessageShape<Target> targets(final InputCodec codec, final String topic) {
        final Serializer<Target> serializer = WireSerdes.targets(codec).serializer();
        return new MessageShape<>("targets", t -> t.series().id(), t -> serializer.serialize(topic, t),
                Target::publishedAt, Target::indicator);
    }

    public OutgoingRecord toOutgoing(final T record) {
        return new OutgoingRecord(key.apply(record), value.apply(record), timestamp.apply(record).toEpochMilli(),
                indicator.apply(record));
    }
}
