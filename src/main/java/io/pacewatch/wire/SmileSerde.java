package io.pacewatch.wire;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Smile ({@link Json#SMILE}) for what only pacewatch reads (state stores, repartition topics):
 * the same data model as {@link Json#INTERNAL}, without text to parse, and with repeated names and
 * short strings (region, indicator, source of every version) written once per value. Callers get one
 * from {@link WireSerdes#state} or {@link WireSerdes#stateReadingJson}.
 * <p>
 * Every Smile value starts with its header {@code :)\n}; JSON written by earlier builds starts with
 * {@code {}. A serde made {@link #readingJson} still reads that JSON (records left on a repartition
 * topic, targets in their store); one made {@link #refusingJson} refuses it with {@link #LEGACY_STATE},
 * for state whose layout changed and cannot be read as it was.
 */
public final class SmileSerde<T> implements Serde<T> {

    static final String LEGACY_STATE = "This state store holds data written by a pacewatch build before the "
            + "single-value series state (docs/topics.md, \"Upgrading\"): it cannot be read as it is. Stop every "
            + "instance, reset the application (kafka-streams-application-reset --application-id <id> "
            + "--input-topics pacewatch.releases,pacewatch.targets --bootstrap-server <broker>), delete each "
            + "instance's state directory, and start again: pacewatch rebuilds its state from the input topics "
            + "and republishes the same progress records and the same alert ids.";

    private final Serde<T> smile;
    private final Serde<T> json;

    private SmileSerde(final Class<T> type, final boolean readJson) {
        this.smile = new JsonSerde<>(type, Json.SMILE);
        this.json = readJson ? JsonSerde.internal(type) : null;
    }

    public static <T> SmileSerde<T> readingJson(final Class<T> type) {
        return new SmileSerde<>(type, true);
    }

    public static <T> SmileSerde<T> refusingJson(final Class<T> type) {
        return new SmileSerde<>(type, false);
    }

    public static boolean isSmile(final byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == ':' && bytes[1] == ')' && bytes[2] == '\n';
    }

    @Override
    public Serializer<T> serializer() {
        return smile.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        final Deserializer<T> fromSmile = smile.deserializer();
        final Deserializer<T> fromJson = json == null ? null : json.deserializer();
        return (topic, bytes) -> {
            if (bytes == null || isSmile(bytes)) {
                return fromSmile.deserialize(topic, bytes);
            }
            if (fromJson == null) {
                throw new LegacyStateException(LEGACY_STATE + " (store: " + topic + ")");
            }
            return fromJson.deserialize(topic, bytes);
        };
    }

    /** State in a layout this build does not read; the message says how to reset. */
    public static final class LegacyStateException extends UnreadableStateException {
        LegacyStateException(final String message) {
            super(message);
        }
    }
}
