package io.pacewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.ReleaseVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final Instant PUBLISHED = Instant.parse("2023-06-16T01:30:00Z");

    record Figure(String name, BigDecimal value, Basis basis, List<ReleaseVersion> versions) {
    }

    private static Figure figure(final String value) {
        return new Figure("零售额", new BigDecimal(value), Basis.CUMULATIVE,
                List.of(new ReleaseVersion("2023-05", Basis.CUMULATIVE, PUBLISHED, 0, "bureau")));
    }

    @Test
    @DisplayName("equal content gives the same fingerprint, in this JVM and the next (no identity hash codes)")
    void stable() {
        assertThat(Fingerprint.of(figure("468.2"))).isEqualTo(Fingerprint.of(figure("468.2")));
        // Pinned: a change here means every emitted record is re-sent once after an upgrade.
        assertThat(Fingerprint.of(new ReleaseVersion("2023-05", Basis.CUMULATIVE, PUBLISHED, 1, "bureau")))
                .isEqualTo(Fingerprint.of(new ReleaseVersion("2023-05", Basis.CUMULATIVE, PUBLISHED, 1, "bureau")))
                .isEqualTo(5_561_620_569_195_275_093L);
    }

    @Test
    @DisplayName("any change a reader could see changes it: value, scale, enum, nested list, null vs empty")
    void sensitive() {
        final long base = Fingerprint.of(figure("468.2"));
        assertThat(List.of(
                Fingerprint.of(figure("468.3")),
                Fingerprint.of(figure("468.20")),
                Fingerprint.of(figure("99999999999999999999999.2")),
                Fingerprint.of(new Figure("零售额", new BigDecimal("468.2"), Basis.SINGLE_PERIOD, figure("1").versions())),
                Fingerprint.of(new Figure("零售额", new BigDecimal("468.2"), Basis.CUMULATIVE, List.of())),
                Fingerprint.of(new Figure("", new BigDecimal("468.2"), Basis.CUMULATIVE, figure("1").versions())),
                Fingerprint.of(new Figure(null, new BigDecimal("468.2"), Basis.CUMULATIVE, figure("1").versions())),
                Fingerprint.of(new Figure("零售额", new BigDecimal("468.2"), Basis.CUMULATIVE,
                        List.of(new ReleaseVersion("2023-05", Basis.CUMULATIVE, PUBLISHED.plusNanos(1), 0, "bureau")))))
        ).doesNotContain(base).doesNotHaveDuplicates();
        assertThat(Fingerprint.of(Arrays.asList("a", "b"))).isNotEqualTo(Fingerprint.of(List.of("b", "a")));
    }

    @Test
    @DisplayName("a type without a stable content hash is refused rather than hashed by identity")
    void refusesUnknownTypes() {
        assertThatThrownBy(() -> Fingerprint.of(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.of(java.util.Set.of("a", "b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.of(0.1d)).isInstanceOf(IllegalArgumentException.class);
    }
}
