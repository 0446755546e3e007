package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VintagesTest {

    @Test
    @DisplayName("each figure lists its versions oldest first, with the move from first estimate to latest")
    void firstEstimateToLatest() {
        final ReleaseHistory history = ReleaseHistory.EMPTY
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("33").publishedAt("2023-04-12T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("34.5").publishedAt("2023-05-20T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(3).value("33.8").publishedAt("2023-04-30T09:30:00+08:00").build())
                .with(Releases.budgetRevenue().cumulativeThrough(4).value("41").publishedAt("2023-05-12T09:30:00+08:00").build());

        final List<Vintages.PeriodVintages> vintages = Vintages.of(history);

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
}
