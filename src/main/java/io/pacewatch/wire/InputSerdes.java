package io.pacewatch.wire;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.Drafts;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Json;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for what publishers send: reading validates (a refusal is a {@link RejectedRecordException},
 * which the deserialization handler dead-letters); writing produces the same message format a bureau
 * would send, so records written by pacewatch's tools read back through the same rules.
 */
public final class InputSerdes {

    private InputSerdes() {
    }

    public static Serde<Release> releases(final InputCodec codec) {
        return serde(codec::release, Drafts::of);
    }

    public static Serde<Target> targets(final InputCodec codec) {
        return serde(codec::target, Drafts::of);
    }

    private static <T> Serde<T> serde(final Function<byte[], T> read, final Function<T, Object> toDraft) {
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
            } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SerializationException("cannot write a message to " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
