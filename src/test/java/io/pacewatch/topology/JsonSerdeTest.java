package io.pacewatch.topology;

import io.pacewatch.wire.JsonSerde;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record Stamped(String name, Instant at) {
    }

    private static final Stamped VALUE = new Stamped("零售额", Instant.parse("2023-06-16T01:30:00.123456789Z"));

    @Test
    @DisplayName("output topics carry ISO-8601 instants")
    void publicDialect() {
        final JsonSerde<Stamped> serde = new JsonSerde<>(Stamped.class);
        final byte[] bytes = serde.serializer().serialize("t", VALUE);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"2023-06-16T01:30:00.123456789Z\"");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(VALUE);
    }

    @Test
    @DisplayName("state carries instants as epoch seconds to the nanosecond, and still reads the ISO form it used to")
    void internalDialect() {
        final JsonSerde<Stamped> serde = JsonSerde.internal(Stamped.class);
        final byte[] bytes = serde.serializer().serialize("t", VALUE);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("1686879000.123456789");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(VALUE);
        assertThat(serde.deserializer().deserialize("t",
                new JsonSerde<>(Stamped.class).serializer().serialize("t", VALUE))).isEqualTo(VALUE);
    }
}
