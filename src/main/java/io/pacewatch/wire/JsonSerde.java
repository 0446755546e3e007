package io.pacewatch.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for pacewatch's own records (outputs, state, repartition topics). Bad bytes raise
 * {@link SerializationException}, so Kafka Streams' exception handlers see them. Callers get one from
 * {@link WireSerdes}.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final Class<T> type;

    /** The public dialect: what other teams read on pacewatch's output topics. */
    public JsonSerde(final Class<T> type) {
        this(type, Json.MAPPER);
    }

    /** Any Jackson data format: {@link SmileSerde} passes its Smile mapper. */
    JsonSerde(final Class<T> type, final ObjectMapper mapper) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /** For state stores and repartition topics, which only pacewatch reads: see {@link Json#INTERNAL}. */
    public static <T> JsonSerde<T> internal(final Class<T> type) {
        return new JsonSerde<>(type, Json.INTERNAL);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (final IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (final IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }
}
