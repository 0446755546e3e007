package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheLongestAndStaysThere() {
        final Backoff backoff = Backoff.DEFAULT;
        assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(9, 0)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.delay(10, 0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000_000, 0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterOnlyShortensTheWaitByAtMostItsFraction() {
        final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 0.2);
        assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(9));
        assertThat(backoff.delay(1, 0.999_999)).isGreaterThanOrEqualTo(Duration.ofSeconds(8)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
        assertThat(Durations.show(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.show(Duration.ofMinutes(5))).isEqualTo("5m");
    }
}
