package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteFilterTest {

    @Test
    void emptySetsMatchEverythingFromTheMinimumSeverityUp() {
        final RouteFilter warningUp = new RouteFilter(Set.of(), Set.of(), Severity.WARNING);
        assertThat(warningUp.matches(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO))).isFalse();
        assertThat(warningUp.matches(TestAlerts.alert("a", "futian", "GDP", Severity.WARNING))).isTrue();
        assertThat(warningUp.matches(TestAlerts.alert("a", "nanshan", "RETAIL_SALES", Severity.CRITICAL))).isTrue();
        assertThat(RouteFilter.ALL.matches(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO))).isTrue();
    }

    @Test
    void regionsAndIndicatorsMustBothMatch() {
        final RouteFilter filter = new RouteFilter(Set.of("luohu", "futian"), Set.of("GDP"), null);
        assertThat(filter.minSeverity()).isEqualTo(Severity.INFO);
        assertThat(filter.matches(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO))).isTrue();
        assertThat(filter.matches(TestAlerts.alert("a", "futian", "GDP", Severity.CRITICAL))).isTrue();
        assertThat(filter.matches(TestAlerts.alert("a", "nanshan", "GDP", Severity.CRITICAL))).isFalse();
        assertThat(filter.matches(TestAlerts.alert("a", "luohu", "RETAIL_SALES", Severity.CRITICAL))).isFalse();
        // Codes are compared exactly, as the alert carries them.
        assertThat(filter.matches(TestAlerts.alert("a", "LUOHU", "GDP", Severity.CRITICAL))).isFalse();
    }
}
