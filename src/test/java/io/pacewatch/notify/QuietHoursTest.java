package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.Severity;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant shanghai(final String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aWindowAcrossMidnightIsQuietFromItsStartUntilBeforeItsEnd() {
        final QuietHours quiet = QuietHours.parse("22:00-07:00", null, null);
        assertThat(quiet.zone()).isEqualTo(SHANGHAI);
        assertThat(quiet.isQuiet(shanghai("2024-03-01T21:59:59"))).isFalse();
        assertThat(quiet.isQuiet(shanghai("2024-03-01T22:00:00"))).isTrue();
        assertThat(quiet.isQuiet(shanghai("2024-03-02T00:30:00"))).isTrue();
        assertThat(quiet.isQuiet(shanghai("2024-03-02T06:59:59"))).isTrue();
        assertThat(quiet.isQuiet(shanghai("2024-03-02T07:00:00"))).isFalse();
        assertThat(quiet.isQuiet(shanghai("2024-03-02T12:00:00"))).isFalse();
    }

    @Test
    void aWindowWithinOneDay() {
        final QuietHours lunch = QuietHours.parse("12:00 - 13:30", "Asia/Shanghai", null);
        assertThat(lunch.isQuiet(shanghai("2024-03-01T11:59:00"))).isFalse();
        assertThat(lunch.isQuiet(shanghai("2024-03-01T12:45:00"))).isTrue();
        assertThat(lunch.isQuiet(shanghai("2024-03-01T13:30:00"))).isFalse();
        assertThat(lunch.isQuiet(shanghai("2024-03-01T23:00:00"))).isFalse();
    }

    @Test
    void theWindowIsInItsOwnZone() {
        final QuietHours london = QuietHours.parse("22:00-07:00", "Europe/London", null);
        // 23:00 in Shanghai is 15:00 in London (winter): not quiet there.
        assertThat(london.isQuiet(shanghai("2024-01-15T23:00:00"))).isFalse();
        assertThat(london.isQuiet(Instant.parse("2024-01-15T23:00:00Z"))).isTrue();
    }

    @Test
    void endIsTheNextEndOfTheWindow() {
        final QuietHours quiet = QuietHours.parse("22:00-07:00", null, null);
        assertThat(quiet.end(shanghai("2024-03-01T23:00:00"))).isEqualTo(shanghai("2024-03-02T07:00:00"));
        assertThat(quiet.end(shanghai("2024-03-02T03:00:00"))).isEqualTo(shanghai("2024-03-02T07:00:00"));
        assertThat(quiet.end(shanghai("2024-03-02T09:00:00"))).isEqualTo(shanghai("2024-03-02T09:00:00"));
    }

    @Test
    void onlyAlertsUpToDigestSeverityAreHeldAndOnlyDuringTheWindow() {
        final QuietHours infoOnly = QuietHours.parse("22:00-07:00", null, Severity.INFO);
        final QuietHours upToWarning = QuietHours.parse("22:00-07:00", null, Severity.WARNING);
        final Instant night = shanghai("2024-03-01T23:00:00");
        final Instant day = shanghai("2024-03-01T10:00:00");
        assertThat(infoOnly.holds(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO), night)).isTrue();
        assertThat(infoOnly.holds(TestAlerts.alert("a", "luohu", "GDP", Severity.WARNING), night)).isFalse();
        assertThat(upToWarning.holds(TestAlerts.alert("a", "luohu", "GDP", Severity.WARNING), night)).isTrue();
        assertThat(upToWarning.holds(TestAlerts.alert("a", "luohu", "GDP", Severity.CRITICAL), night)).isFalse();
        assertThat(infoOnly.holds(TestAlerts.alert("a", "luohu", "GDP", Severity.INFO), day)).isFalse();
    }

    @Test
    void badWindowsAreRefused() {
        assertThatThrownBy(() -> QuietHours.parse("22:00", null, null)).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> QuietHours.parse("25:00-07:00", null, null)).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> QuietHours.parse("07:00-07:00", null, null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> QuietHours.parse("22:00-07:00", "Mars/Olympus", null)).hasMessageContaining("time zone");
    }
}
