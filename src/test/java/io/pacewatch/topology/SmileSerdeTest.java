package io.pacewatch.topology;

import io.pacewatch.wire.JsonSerde;
import io.pacewatch.wire.SmileSerde;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmileSerdeTest {

    private static final Release MARCH = Releases.budgetRevenue().cumulativeThrough(3).value("31.5").growth("4.2")
            .embargoUntil("2023-04-12T09:30:00+08:00").build();
    private static final Release APRIL = Releases.budgetRevenue().cumulativeThrough(4).value("40").build();

    @Test
    @DisplayName("a series' state survives the round trip exactly, decimals' scales and instants' nanoseconds included")
    void roundTrip() {
        final SeriesState state = new SeriesState(new ReleaseHistory(java.util.List.of(MARCH, APRIL)),
                new EmittedState(PaceStatus.BEHIND, PaceStatus.OVERDUE, Map.of("latest", -7L, "2023-Q1", 42L), null), 1_689_382_800_000L);
        final SmileSerde<SeriesState> serde = SmileSerde.refusingJson(SeriesState.class);
        final byte[] bytes = serde.serializer().serialize("s", state);

        assertThat(SmileSerde.isSmile(bytes)).isTrue();
        assertThat(serde.deserializer().deserialize("s", bytes)).isEqualTo(state);
    }

    @Test
    @DisplayName("binary state is smaller than the JSON it replaces")
    void smallerThanJson() {
        final SeriesState state = new SeriesState(new ReleaseHistory(java.util.List.of(MARCH, APRIL)), EmittedState.NOTHING, 0);
        assertThat(SmileSerde.refusingJson(SeriesState.class).serializer().serialize("s", state).length)
                .isLessThan(JsonSerde.internal(SeriesState.class).serializer().serialize("s", state).length);
    }

    @Test
    @DisplayName("JSON written by earlier builds is still read where the layout is unchanged (a record left on a repartition topic)")
    void readsEarlierJson() {
        final byte[] json = JsonSerde.internal(Release.class).serializer().serialize("r", MARCH);
        assertThat(SmileSerde.readingJson(Release.class).deserializer().deserialize("r", json)).isEqualTo(MARCH);
    }

    @Test
    @DisplayName("state in the layout before the single-value series state is refused with how to reset, never misread")
    void refusesLegacyState() {
        final byte[] oldHistory = JsonSerde.internal(ReleaseHistory.class).serializer()
                .serialize("h", new ReleaseHistory(java.util.List.of(MARCH)));
        assertThat(new String(oldHistory, StandardCharsets.UTF_8)).startsWith("{");

        assertThatThrownBy(() -> SmileSerde.refusingJson(SeriesState.class).deserializer()
                .deserialize("pacewatch-release-history-changelog", oldHistory))
                .isInstanceOf(SmileSerde.LegacyStateException.class)
                .hasMessageContaining("kafka-streams-application-reset")
                .hasMessageContaining("delete each instance's state directory")
                .hasMessageContaining("pacewatch-release-history-changelog");
    }
}
