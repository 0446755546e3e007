package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesKeyTest {

    @Test
    @DisplayName("A series key is written region|indicator|year and reads back as the same key")
    void textFormRoundTrips() {
        // given
        final SeriesKey key = new SeriesKey("luohu", "GDP", 2023);

        // when
        final String id = key.id();

        // then
        assertThat(id).isEqualTo("luohu|GDP|2023");
        assertThat(SeriesKey.parse(id)).isEqualTo(key);
        assertThat(key).hasToString(id);
    }

    @Test
    @DisplayName("A month's key is the series key, a separator and the period, and starts with the series' month prefix")
    void monthKeyExtendsTheSeriesKey() {
        // given
        final SeriesKey key = new SeriesKey("luohu", "GDP", 2023);

        // when
        final String month = key.monthId("2023-M01-M03");

        // then
        assertThat(month).isEqualTo("luohu|GDP|2023|2023-M01-M03")
                .isEqualTo(SeriesKey.monthId(key.id(), "2023-M01-M03"))
                .startsWith(key.monthPrefix());
        assertThat(new SeriesKey("luohu", "GDP", 20231).id()).doesNotStartWith(key.monthPrefix());
    }

    @Test
    @DisplayName("A release and a target of the same region, indicator and year share one series key")
    void releaseAndTargetShareTheKey() {
        // when
        final SeriesKey fromRelease = Releases.gdp().period("2023-Q1", "CUMULATIVE").growth("6").build().series();
        final SeriesKey fromTarget = Targets.growth("GDP", "6.5").build().series();

        // then
        assertThat(fromRelease).isEqualTo(fromTarget);
    }

    @ParameterizedTest(name = "''{0}'' is not a series key")
    @ValueSource(strings = {"luohu|GDP", "luohu|GDP|2023|x", "luohu|GDP|twenty", ""})
    @DisplayName("Keys of the wrong shape are KEY_MISMATCH and the message repeats the key")
    void rejectsMalformedKeys(final String id) {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> SeriesKey.parse(id));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.KEY_MISMATCH);
        assertThat(rejection.getMessage()).contains("'" + id + "'");
        assertThat(rejection.describe()).startsWith("key_mismatch: ");
    }
}
