package io.pacewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Basis;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import io.pacewatch.wire.SeriesVersions;
import io.pacewatch.wire.SmileSerde;
import io.pacewatch.wire.StateBytes;
import io.pacewatch.wire.UnreadableStateException;
import io.pacewatch.wire.WireSerdes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The release-history store holds bytes that the judge encodes ({@link SeriesStates}) and readers
 * decode in part ({@link SeriesVersions#decode}); both must agree, and the Smile values the builds
 * before the binary layout ({@link StateBytes}) wrote must read on, so that existing state directories
 * and changelogs do.
 */
class SeriesStatesTest {

    private static final Release MARCH = Releases.budgetRevenue().cumulativeThrough(3).value("31.5").growth("4.2")
            .embargoUntil("2023-04-12T09:30:00+08:00").build();
    private static final Release MARCH_REVISED = Releases.budgetRevenue().cumulativeThrough(3).value("31.8")
            .revision(1).build();
    private static final CumulativeCurve LAST_YEAR = new CumulativeCurve(2022, List.of(
            new CumulativeCurve.Point(6, new BigDecimal("126")), new CumulativeCurve.Point(12, new BigDecimal("300"))),
            Instant.parse("2023-01-20T01:00:00Z"));
    private static final String SERIES = TopologyHarness.REGION + "|BUDGET_REVENUE|2023";
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
    @DisplayName("values the last build wrote in Smile read on, for readers and the judge alike, and are written back in the binary layout")
    void smileOfTheLastBuildReadsOn() {
        final byte[] smile = WireSerdes.state(SeriesState.class).serializer().serialize("release-history", STATE);
        assertThat(SmileSerde.isSmile(smile)).isTrue();

        assertThat(SeriesStates.decode(smile)).isEqualTo(STATE);
        assertThat(SeriesVersions.decode(smile).history()).isEqualTo(STATE.history());
        assertThat(SeriesVersions.decode(smile).priorYear()).isEqualTo(LAST_YEAR);
        assertThat(StateBytes.isBinary(SeriesStates.encode(SeriesStates.decode(smile)))).isTrue();
    }

    @Test
    @DisplayName("upgrade: a series stored in Smile by the last build is judged on as if nothing changed, and stored in the binary layout from then on")
    void judgeCarriesOnFromSmileState() {
        try (TopologyHarness harness = new TopologyHarness()) {
            final KeyValueStore<String, byte[]> store = judgedOnce(harness);
            assertThat(harness.alertList()).hasSize(1);
            harness.progressUpdates();
            // given: the state as the last build stored it
            final SeriesState judged = SeriesStates.decode(store.get(SERIES));
            store.put(SERIES, WireSerdes.state(SeriesState.class).serializer().serialize("release-history", judged));

            // when: the same release again, then the next month
            harness.cumulative("BUDGET_REVENUE", "2023-03", "20", null, "2023-04-15T09:00:00+08:00");
            final var republished = harness.progressUpdates();
            final var alertsAgain = harness.alertList();
            harness.cumulative("BUDGET_REVENUE", "2023-04", "28", null, "2023-05-15T09:00:00+08:00");

            // then: nothing re-sent or re-alerted from the Smile state, the next month judged, the state now binary
            assertThat(republished).isEmpty();
            assertThat(alertsAgain).isEmpty();
            assertThat(harness.progressTable()).containsKeys(SERIES, SERIES + "|2023-01-01/P4M");
            assertThat(StateBytes.isBinary(store.get(SERIES))).isTrue();
            assertThat(SeriesStates.decode(store.get(SERIES)).history().versions()).hasSize(2);
        }
    }

    @Test
    @DisplayName("every field survives, absent ones and decimals beyond 64 bits included")
    void absentFieldsAndHugeDecimalsRoundTrip() {
        // Built directly: no validator would let a figure this large through, but the layout must carry any decimal.
        final Release growthOnly = new Release("luohu", "retail_sales", ReferencePeriod.cumulativeThrough(2023, 2),
                Basis.CUMULATIVE, null, null, new BigDecimal("-0.35"), Instant.parse("2023-03-15T01:30:00Z"), 0, null, null);
        final Release huge = new Release("luohu", "budget_revenue", ReferencePeriod.cumulativeThrough(2023, 4),
                Basis.CUMULATIVE, new BigDecimal("123456789012345678901234567890.125"), AmountUnit.YI_YUAN, BigDecimal.ZERO,
                Instant.parse("2023-05-15T01:30:00.123456789Z"), 3, "bureau", Instant.parse("2023-05-16T00:00:00Z"));
        final SeriesState sparse = new SeriesState(new ReleaseHistory(List.of(growthOnly, huge)),
                new EmittedState(null, PaceStatus.NO_DATA, Map.of(), null), -1L, null, null);
        final SeriesState empty = SeriesState.EMPTY;

        assertThat(SeriesStates.decode(SeriesStates.encode(sparse))).isEqualTo(sparse);
        assertThat(SeriesStates.decode(SeriesStates.encode(empty))).isEqualTo(empty);
        assertThat(SeriesVersions.decode(SeriesStates.encode(sparse)).priorYear()).isNull();
    }

    @Test
    @DisplayName("fingerprints are written in key order, so the same state gives the same bytes in every JVM: readers tell an unchanged series by its bytes")
    void sameStateSameBytes() {
        final Map<String, Long> reversed = new java.util.LinkedHashMap<>();
        for (int month = 12; month >= 1; month--) {
            reversed.put(String.format("k%02d", month), (long) month);
        }
        final SeriesState state = new SeriesState(STATE.history(), new EmittedState(null, null, reversed, null), 1L);

        final String bytes = new String(SeriesStates.encode(state), StandardCharsets.ISO_8859_1);

        // Map.copyOf iterates in an order that changes from one JVM to the next; the bytes must not.
        final int[] positions = reversed.keySet().stream().sorted().mapToInt(bytes::indexOf).toArray();
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    @DisplayName("a binary value cut short, with bytes left over, or of a layout version this build does not know is refused, not misread")
    void damagedOrNewerValuesAreRefused() {
        final byte[] stored = SeriesStates.encode(STATE);
        final byte[] cut = java.util.Arrays.copyOf(stored, stored.length - 3);
        final byte[] longer = java.util.Arrays.copyOf(stored, stored.length + 1);
        final byte[] newer = stored.clone();
        newer[1] = 2;

        assertThatThrownBy(() -> SeriesStates.decode(cut)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("ends early");
        assertThatThrownBy(() -> SeriesStates.decode(longer)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
        assertThatThrownBy(() -> SeriesVersions.decode(newer)).isInstanceOf(UnreadableStateException.class)
                .hasMessageContaining("layout version 2");
    }

    @Test
    @DisplayName("a series whose state this build cannot read stops the stream thread instead of dead-lettering its releases")
    void unreadableStateStopsTheStreamThread() {
        try (TopologyHarness harness = new TopologyHarness()) {
            final KeyValueStore<String, byte[]> store = judgedOnce(harness);
            // given: the value as a newer build (a rollback) would have left it
            final byte[] newer = store.get(SERIES).clone();
            newer[1] = 2;
            store.put(SERIES, newer);

            // then: the next release of that series is not judged, and not dead-lettered either
            assertThatThrownBy(() -> harness.cumulative("BUDGET_REVENUE", "2023-04", "28", null, "2023-05-15T09:00:00+08:00"))
                    .hasRootCauseInstanceOf(UnreadableStateException.class);
            assertThat(harness.events.seen).noneMatch(event -> event.startsWith("rejected"));
        }
    }

    @Test
    @DisplayName("a value an earlier build wrote as JSON is refused by readers and the judge alike, with the reset steps")
    void refusesLegacyJson() {
        final byte[] legacy = "{\"versions\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SeriesVersions.decode(legacy)).isInstanceOf(SmileSerde.LegacyStateException.class)
                .hasMessageContaining("kafka-streams-application-reset");
        assertThatThrownBy(() -> SeriesStates.decode(legacy)).isInstanceOf(SmileSerde.LegacyStateException.class);
    }

    /** A target and March's figure judged: the series' state is in the store the test returns. */
    private static KeyValueStore<String, byte[]> judgedOnce(final TopologyHarness harness) {
        harness.amountTarget("BUDGET_REVENUE", "127", "2023-01-10T09:00:00+08:00");
        harness.cumulative("BUDGET_REVENUE", "2023-03", "20", null, "2023-04-15T09:00:00+08:00");
        return harness.driver.getKeyValueStore(PacewatchTopology.RELEASE_HISTORY_STORE);
    }
}
