package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Vintages.PeriodVintages;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RevisionSummaryTest {

    @Test
    @DisplayName("a series never revised has no revised period and nothing that moved")
    void nothingRevised() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("49").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("56").build()), Releases.LATER);

        assertThat(summary.revisedPeriods()).isZero();
        assertThat(summary.latestRevised()).isEmpty();
        assertThat(summary.latestValueChangeRatio()).isEmpty();
    }

    @Test
    @DisplayName("the demo's correction: 1-5月 revenue 49 -> 50.2 after June's figure moved +1.2 亿元, +2.45%")
    void correctionAfterTheNextMonth() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("49").publishedAt("2023-06-12T09:30:00+08:00").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("56").publishedAt("2023-07-12T09:30:00+08:00").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("50.2").publishedAt("2023-07-20T09:30:00+08:00")
                        .revision(1).build()), Releases.LATER);

        assertThat(summary.revisedPeriods()).isEqualTo(1);
        final PeriodVintages may = summary.latestRevised().orElseThrow();
        assertThat(may.lastMonth()).isEqualTo(5);
        assertThat(may.valueChange()).isEqualByComparingTo("1.2");
        assertThat(may.growthChangePp()).isNull();
        assertThat(may.latest().publishedAt()).isEqualTo(Instant.parse("2023-07-20T01:30:00Z"));
        assertThat(summary.latestValueChangeRatio()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.0245"));
    }

    @Test
    @DisplayName("of two revised periods, the one whose newest version came last counts, not the later period")
    void mostRecentlyRevisedByPublication() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.budgetRevenue().cumulativeThrough(3).value("33").build(),
                Releases.budgetRevenue().cumulativeThrough(4).value("41").build(),
                Releases.budgetRevenue().cumulativeThrough(4).value("40").publishedAt("2023-05-18T09:30:00+08:00").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("34").publishedAt("2023-05-20T09:30:00+08:00").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("33.5").publishedAt("2023-05-02T09:30:00+08:00").build()),
                Releases.LATER);

        assertThat(summary.revisedPeriods()).isEqualTo(2);
        final PeriodVintages march = summary.latestRevised().orElseThrow();
        assertThat(march.lastMonth()).isEqualTo(3);
        assertThat(march.versions()).hasSize(3);
        assertThat(march.valueChange()).isEqualByComparingTo("1");
        assertThat(summary.latestValueChangeRatio()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.0303"));
    }

    @Test
    @DisplayName("a growth-only figure moves in percentage points and has no relative amount change")
    void growthOnly() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.industrialValueAdded().cumulativeThrough(5).growth("1.2").build(),
                Releases.industrialValueAdded().cumulativeThrough(5).growth("1.3").revision(1).build()), Releases.LATER);

        final PeriodVintages may = summary.latestRevised().orElseThrow();
        assertThat(may.growthChangePp()).isEqualByComparingTo("0.1");
        assertThat(may.valueChange()).isNull();
        assertThat(summary.latestValueChangeRatio()).isEmpty();
    }

    @Test
    @DisplayName("a correction under embargo is not counted until the embargo ends")
    void embargoedCorrectionWaits() {
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("49").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("50.2").publishedAt("2023-07-20T09:30:00+08:00")
                        .embargoUntil("2023-07-21T09:30:00+08:00").build());

        final RevisionSummary before = RevisionSummary.of(history, Instant.parse("2023-07-20T12:00:00Z"));
        assertThat(before.revisedPeriods()).isZero();
        assertThat(before.latestRevised()).isEmpty();

        final RevisionSummary after = RevisionSummary.of(history, Instant.parse("2023-07-21T01:30:00Z"));
        assertThat(after.revisedPeriods()).isEqualTo(1);
        assertThat(after.latestRevised().orElseThrow().valueChange()).isEqualByComparingTo("1.2");
    }

    @Test
    @DisplayName("a figure republished unchanged is a revision that moved nothing")
    void republishedUnchanged() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("49").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("49.0").revision(1).build()), Releases.LATER);

        assertThat(summary.revisedPeriods()).isEqualTo(1);
        assertThat(summary.latestRevised().orElseThrow().valueChange()).isEqualByComparingTo("0");
        assertThat(summary.latestValueChangeRatio()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
    }

    @Test
    @DisplayName("a first estimate of zero has no relative change")
    void zeroFirstEstimate() {
        final RevisionSummary summary = RevisionSummary.of(Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("0").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("2").revision(1).build()), Releases.LATER);

        assertThat(summary.latestRevised().orElseThrow().valueChange()).isEqualByComparingTo("2");
        assertThat(summary.latestValueChangeRatio()).isEmpty();
    }
}
