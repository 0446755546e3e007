package io.pacewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.wire.SmileSerde;
import io.pacewatch.wire.WireSerdes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The release-history store holds bytes that the judge encodes ({@link SeriesStates}) and readers
 * decode in part ({@link SeriesVersions#decode}); both must agree, and the bytes must be what the
 * store held when its serde encoded them, so that existing state directories and changelogs read on.
 */
class SeriesStatesTest {

    private static final Release MARCH = Releases.budgetRevenue().cumulativeThrough(3).value("31.5").growth("4.2")
            .embargoUntil("2023-04-12T09:30:00+08:00").build();
    private static final Release MARCH_REVISED = Releases.budgetRevenue().cumulativeThrough(3).value("31.8")
            .revision(1).build();
    private static final CumulativeCurve LAST_YEAR = new CumulativeCurve(2022, List.of(
            new CumulativeCurve.Point(6, new BigDecimal("126")), new CumulativeCurve.Point(12, new BigDecimal("300"))),
            Instant.parse("2023-01-20T01:00:00Z"));
    private static final SeriesState STATE = new SeriesState(new ReleaseHistory(List.of(MARCH, MARCH_REVISED)),
            new EmittedState(PaceStatus.BEHIND, PaceStatus.BEHIND, Map.of("latest", -7L, "2023-03", 42L), 5L),
            1_689_382_800_000L, LAST_YEAR, 99L);

    @Test
    @DisplayName("a reader gets the versions and last year's curve the judge stored, and the judge all of its state")
    void readersAndJudgeAgree() {
        final byte[] stored = SeriesStates.encode(STATE);

        final SeriesVersions read = SeriesVersions.decode(stored);

        assertThat(read.history()).isEqualTo(STATE.history());
        assertThat(read.priorYear()).isEqualTo(LAST_YEAR);
        assertThat(SeriesStates.decode(stored)).isEqualTo(STATE);
    }

    @Test
    @DisplayName("the stored bytes are those the store's serde wrote, so stores and changelogs of the last build read on")
    void sameBytesAsTheStoreSerdeWrote() {
        assertThat(SeriesStates.encode(STATE))
                .isEqualTo(WireSerdes.state(SeriesState.class).serializer().serialize("release-history", STATE));
    }

    @Test
    @DisplayName("a value an earlier build wrote as JSON is refused by readers and the judge alike, with the reset steps")
    void refusesLegacyJson() {
        final byte[] legacy = "{\"versions\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SeriesVersions.decode(legacy)).isInstanceOf(SmileSerde.LegacyStateException.class)
                .hasMessageContaining("kafka-streams-application-reset");
        assertThatThrownBy(() -> SeriesStates.decode(legacy)).isInstanceOf(SmileSerde.LegacyStateException.class);
    }
}
