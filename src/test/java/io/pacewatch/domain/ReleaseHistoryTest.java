package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseHistoryTest {

    private static final Release JAN_FEB = Releases.budgetRevenue().januaryFebruarySingle().value("20").build();
    private static final Release MARCH = Releases.budgetRevenue().singleMonth(3).value("10").build();
    private static final Release APRIL = Releases.budgetRevenue().singleMonth(4).value("9").build();
    /** A correction for March, published after April's figure. */
    private static final Release MARCH_CORRECTED = Releases.budgetRevenue().singleMonth(3).value("12")
            .publishedAt(Releases.beijing(5, 20)).revision(1).build();

    @Test
    @DisplayName("A revision replaces the earlier figure for its period")
    void revisionReplacesEarlierFigure() {
        // given
        final ReleaseHistory history = Releases.history(JAN_FEB, MARCH, APRIL, MARCH_CORRECTED);

        // when
        final List<Release> latest = history.latestPerSlot(Releases.LATER);

        // then
        assertThat(latest).containsExactlyInAnyOrder(JAN_FEB, MARCH_CORRECTED, APRIL);
        assertThat(YearToDateCalculator.asOf(latest, 12).amount()).isEqualByComparingTo("41");
    }

    @Test
    @DisplayName("Every version is kept, so the history of a figure stays visible")
    void versionsAreKept() {
        // when
        final ReleaseHistory history = Releases.history(JAN_FEB, MARCH, APRIL, MARCH_CORRECTED);

        // then
        assertThat(history.versions()).hasSize(4).contains(MARCH, MARCH_CORRECTED);
    }

    @Test
    @DisplayName("The final state is the same for every arrival order, a late March correction and a duplicate included")
    void arrivalOrderDoesNotMatter() {
        // given: April is also delivered twice
        final Release aprilAgain = Releases.budgetRevenue().singleMonth(4).value("9").build();
        final List<List<Release>> orders = permutations(List.of(JAN_FEB, MARCH, APRIL, MARCH_CORRECTED, aprilAgain));
        final ReleaseHistory reference = Releases.history(JAN_FEB, MARCH, APRIL, MARCH_CORRECTED);

        // when / then
        assertThat(orders).hasSize(120);
        for (final List<Release> order : orders) {
            final ReleaseHistory history = Releases.history(order);
            assertThat(history).as("arrival order %s", order).isEqualTo(reference);
            assertThat(YearToDateCalculator.asOf(history.latestPerSlot(Releases.LATER), 12).amount())
                    .as("year-to-date after arrival order %s", order)
                    .isEqualByComparingTo("41");
        }
    }

    @Test
    @DisplayName("An old version arriving late does not replace a newer one")
    void staleVersionDoesNotWin() {
        // given
        final ReleaseHistory history = Releases.history(MARCH_CORRECTED, MARCH);

        // when
        final List<Release> latest = history.latestPerSlot(Releases.LATER);

        // then
        assertThat(latest).containsExactly(MARCH_CORRECTED);
    }

    @Test
    @DisplayName("The same version sent twice is kept once")
    void duplicateIsKeptOnce() {
        // given
        final Release again = Releases.budgetRevenue().singleMonth(3).value("10").build();

        // when
        final ReleaseHistory history = Releases.history(MARCH, APRIL, again, MARCH);

        // then
        assertThat(history.versions()).hasSize(2).containsOnlyOnce(MARCH);
    }

    @Test
    @DisplayName("At the same publication instant the higher revision number wins, whatever the arrival order")
    void revisionBreaksTiesAtTheSameInstant() {
        // given
        final Release first = Releases.budgetRevenue().singleMonth(3).value("10").revision(1).build();
        final Release second = Releases.budgetRevenue().singleMonth(3).value("10.5").revision(2).build();

        // when
        final List<Release> forwards = Releases.history(first, second).latestPerSlot(Releases.LATER);
        final List<Release> backwards = Releases.history(second, first).latestPerSlot(Releases.LATER);

        // then
        assertThat(forwards).containsExactly(second);
        assertThat(backwards).containsExactly(second);
    }

    @Test
    @DisplayName("The same months on another basis are another figure, not a revision")
    void basisIsPartOfTheSlot() {
        // given
        final Release cumulative = Releases.budgetRevenue().cumulativeThrough(3).value("30").build();
        final Release singleQuarter = Releases.budgetRevenue().period("2023-Q1", "SINGLE_PERIOD").value("30.5")
                .publishedAt(Releases.beijing(4, 16)).build();

        // when
        final List<Release> latest = Releases.history(cumulative, singleQuarter).latestPerSlot(Releases.LATER);

        // then
        assertThat(latest).containsExactlyInAnyOrder(cumulative, singleQuarter);
    }

    @Test
    @DisplayName("A version is hidden until its embargo ends and shown from that instant")
    void embargoHidesUntilItEnds() {
        // given
        final Release embargoed = Releases.budgetRevenue().singleMonth(3).value("12").revision(1)
                .publishedAt("2023-04-18T09:00:00+08:00").embargoUntil("2023-04-20T10:00:00+08:00").build();
        final ReleaseHistory history = Releases.history(MARCH, embargoed);

        // when
        final List<Release> before = history.latestPerSlot(Instant.parse("2023-04-20T01:59:59Z"));
        final List<Release> at = history.latestPerSlot(Instant.parse("2023-04-20T02:00:00Z"));

        // then
        assertThat(before).containsExactly(MARCH);
        assertThat(at).containsExactly(embargoed);
    }

    @Test
    @DisplayName("An embargo that ends before publication does not delay the figure")
    void pastEmbargoDoesNotDelay() {
        // given
        final Release release = Releases.budgetRevenue().singleMonth(3).value("10")
                .embargoUntil("2023-04-01T00:00:00+08:00").build();

        // when
        final List<Release> atPublication = Releases.history(release).latestPerSlot(release.publishedAt());

        // then
        assertThat(release.effectiveAt()).isEqualTo(release.publishedAt());
        assertThat(atPublication).containsExactly(release);
    }

    @Test
    @DisplayName("A release revises the history when another version of its period is already held")
    void revisesWhenThePeriodIsHeld() {
        // given
        final ReleaseHistory history = Releases.history(JAN_FEB, MARCH);

        // when / then
        assertThat(history.revises(MARCH_CORRECTED)).isTrue();
    }

    static Stream<Arguments> notRevisions() {
        return Stream.of(
                Arguments.of("the first figure for April", APRIL),
                Arguments.of("March sent again", Releases.budgetRevenue().singleMonth(3).value("10").build()),
                Arguments.of("March on another basis", Releases.budgetRevenue().cumulativeThrough(3).value("30").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRevisions")
    @DisplayName("A first figure, a repeat of a held version or another basis is not a revision")
    void doesNotReviseOtherwise(final String description, final Release release) {
        // given
        final ReleaseHistory history = Releases.history(JAN_FEB, MARCH);

        // when / then
        assertThat(history.revises(release)).isFalse();
    }

    @Test
    @DisplayName("Storms are bounded: a slot keeps its first estimate and the most recent versions")
    void capKeepsFirstEstimateAndLatest() {
        // given
        final List<Release> versions = marchVersions(20);

        // when
        final ReleaseHistory history = Releases.history(versions);

        // then
        assertThat(history.versions()).hasSize(ReleaseHistory.MAX_VERSIONS_PER_SLOT);
        assertThat(history.versions()).first().isEqualTo(versions.get(0));
        assertThat(history.versions()).containsAll(versions.subList(5, 20));
        assertThat(history.versions()).doesNotContainAnyElementsOf(versions.subList(1, 5));
        assertThat(history.latestPerSlot(Releases.LATER)).containsExactly(versions.get(19));
    }

    @ParameterizedTest(name = "shuffled with seed {0}")
    @ValueSource(longs = {1, 7, 42, 2023})
    @DisplayName("The bounded history is the same whatever order the versions arrive in")
    void capIsOrderIndependent(final long seed) {
        // given
        final List<Release> versions = marchVersions(20);
        final List<Release> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(seed));

        // when
        final ReleaseHistory history = Releases.history(shuffled);

        // then
        assertThat(history).isEqualTo(Releases.history(versions));
    }

    @Test
    @DisplayName("The capped slot does not disturb other periods")
    void capIsPerSlot() {
        // given
        final List<Release> all = new ArrayList<>(marchVersions(20));
        all.add(0, APRIL);

        // when
        final ReleaseHistory history = Releases.history(all);

        // then
        assertThat(history.versions()).hasSize(ReleaseHistory.MAX_VERSIONS_PER_SLOT + 1).contains(APRIL);
    }

    /** March republished {@code count} times, a day apart, each with a higher revision. */
    private static List<Release> marchVersions(final int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Releases.budgetRevenue().singleMonth(3).value(Integer.toString(10 + i))
                        .publishedAt(String.format("2023-05-%02dT09:30:00+08:00", i + 1)).revision(i).build())
                .toList();
    }

    private static <T> List<List<T>> permutations(final List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        final List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            final List<T> rest = new ArrayList<>(items);
            final T head = rest.remove(i);
            for (final List<T> tail : permutations(rest)) {
                final List<T> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
