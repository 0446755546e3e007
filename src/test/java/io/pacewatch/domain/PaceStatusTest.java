package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaceStatusTest {

    @ParameterizedTest(name = "{0}: judged {1}, concern {2}, gauge {3}, {4} / {5}")
    @CsvSource({
        "AHEAD,          true,  0,  0,  超序时,   ahead",
        "ON_PACE,        true,  0,  1,  正常,     on pace",
        "AT_RISK,        true,  1,  2,  预警,     at risk",
        "BEHIND,         true,  2,  3,  滞后,     behind",
        "NO_DATA,        false, -1, -1, 暂无数据, no data",
        "NOT_ASSESSABLE, false, -1, -2, 无法评估, not assessable",
    })
    @DisplayName("Traffic lights: ahead and on pace are one concern; no data and not assessable judge nothing")
    void statuses(final PaceStatus status, final boolean judged, final int concern, final int gauge,
                  final String zh, final String en) {
        // when / then
        assertThat(status.isJudged()).isEqualTo(judged);
        assertThat(status.concern()).isEqualTo(concern);
        assertThat(status.metricValue()).isEqualTo(gauge);
        assertThat(status.labelZh()).isEqualTo(zh);
        assertThat(status.labelEn()).isEqualTo(en);
    }
}
