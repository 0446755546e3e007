package io.pacewatch.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Every serde pacewatch uses for its records, over {@link Json}'s mappers: pick by who reads the bytes.
 * Others read the public dialect ({@link #json}) and publishers' input ({@link #releases}, {@link #targets});
 * only pacewatch reads {@link #internal} JSON and {@link #state} in Smile.
 */
public final class WireSerdes {

    private WireSerdes() {
    }

    /** The public dialect: what other teams read on pacewatch's output topics. */
    public static <T> Serde<T> json(final Class<T> type) {
        return new JsonSerde<>(type);
    }

    /** JSON with instants as numbers, for repartition topics and stores only pacewatch reads: see {@link Json#INTERNAL}. */
    public static <T> Serde<T> internal(final Class<T> type) {
        return JsonSerde.internal(type);
    }

    /** Smile for state whose layout changed: JSON written by earlier builds is refused with the reset steps. */
    public static <T> Serde<T> state(final Class<T> type) {
        return SmileSerde.refusingJson(type);
    }

    /** Smile for state earlier builds wrote as JSON in the same layout: that JSON still reads. */
    public static <T> Serde<T> stateReadingJson(final Class<T> type) {
        return SmileSerde.readingJson(type);
    }

    /**
     * What publishers send: reading validates (a refusal is a {@link RejectedRecordException}, which the
     * deserialization handler dead-letters); writing produces the same message format a bureau would send,
     * so records written by pacewatch's tools read back through the same rules.
     */
    public static Serde<Release> releases(final InputCodec codec) {
        return input(codec::release, Drafts::of);
    }

    public static Serde<Target> targets(final InputCodec codec) {
        return input(codec::target, Drafts::of);
    }

    private static <T> Serde<T> input(final Function<byte[], T> read, final Function<T, Object> toDraft) {
        final Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read.apply(bytes);
            } catch (final InvalidInputException e) {
                throw new RejectedRecordException(e);
            }
        };
        final Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return Json.MAPPER.writeValueAsBytes(toDraft.apply(value));
            } catch (final JsonProcessingException e) {
                throw new SerializationException("cannot write a message to " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
