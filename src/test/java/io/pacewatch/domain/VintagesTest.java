package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VintagesTest {

    private static final Instant LATER = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    @DisplayName("each figure lists its versions oldest first, with the move from first estimate to latest")
    void firstEstimateToLatest() {
        final ReleaseHistory history = ReleaseHistory.EMPTY
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("33").publishedAt("2023-04-12T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("34.5").publishedAt("2023-05-20T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("33.8").publishedAt("2023-04-30T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(4).value("41").publishedAt("2023-05-12T09:30:00+08:00").build());

        final List<Vintages.PeriodVintages> vintages = Vintages.of(history, LATER);

        assertThat(vintages).hasSize(2);
        final Vintages.PeriodVintages march = vintages.get(0);
        assertThat(march.lastMonth()).isEqualTo(3);
        assertThat(march.versions()).extracting(v -> v.value().toPlainString()).containsExactly("33", "33.8", "34.5");
        assertThat(march.first().value()).isEqualByComparingTo("33");
        assertThat(march.latest().value()).isEqualByComparingTo("34.5");
        assertThat(march.valueChange()).isEqualByComparingTo("1.5");
        assertThat(march.growthChangePp()).isNull();
        assertThat(vintages.get(1).valueChange()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("a version under embargo is not listed until its embargo ends")
    void embargoedVersionsWait() {
        final ReleaseHistory history = ReleaseHistory.EMPTY
                .with(Releases.budgetRevenue().cumulativeThrough(6).value("60").publishedAt("2023-07-15T09:00:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(6).value("61.2").publishedAt("2023-07-20T09:00:00+08:00")
                        .embargoUntil("2023-07-21T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(7).value("70").publishedAt("2023-08-15T09:00:00+08:00")
                        .embargoUntil("2023-08-16T09:30:00+08:00").build());

        final List<Vintages.PeriodVintages> during = Vintages.of(history, Instant.parse("2023-07-21T01:29:59Z"));
        assertThat(during).singleElement().satisfies(june -> {
            assertThat(june.versions()).extracting(v -> v.value().toPlainString()).containsExactly("60");
            assertThat(june.valueChange()).isEqualByComparingTo("0");
        });

        final List<Vintages.PeriodVintages> after = Vintages.of(history, Instant.parse("2023-07-21T01:30:00Z"));
        assertThat(after).singleElement().satisfies(june ->
                assertThat(june.latest().value()).isEqualByComparingTo("61.2"));
        assertThat(Vintages.of(history, LATER)).hasSize(2);
    }
}
