package io.pacewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmittedStateTest {

    private static final String SERIES = "luohu|RETAIL_SALES|2023";

    @Test
    @DisplayName("record keys are kept by period and restored whole")
    void shortKeysRoundTrip() {
        for (final String record : new String[] {SERIES, SERIES + "|2023-M03", SERIES + "|2023-01-01/P5M", SERIES + "|2023"}) {
            final String shortKey = EmittedState.shortKey(SERIES, record);
            assertThat(shortKey).doesNotContain("luohu");
            assertThat(EmittedState.recordKey(SERIES, shortKey)).isEqualTo(record);
        }
        assertThat(EmittedState.shortKey(SERIES, SERIES)).isEqualTo(EmittedState.LATEST);
    }

    @Test
    @DisplayName("a whole key stored by an earlier version is read as the record key it is")
    void legacyWholeKeys() {
        assertThat(EmittedState.recordKey(SERIES, SERIES + "|2023-M03")).isEqualTo(SERIES + "|2023-M03");
        assertThat(EmittedState.recordKey(SERIES, SERIES)).isEqualTo(SERIES);
    }
}
