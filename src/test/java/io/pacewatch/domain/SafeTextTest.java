package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void escapesControlAndBidiCharactersButNotMarkupOrChinese() {
        final String hostile = "<b>罗湖</b>\u001B[31m\u202Eevil\u2066\u0000\n";

        assertThat(SafeText.escape(hostile))
                .isEqualTo("<b>罗湖</b>\\u001B[31m\\u202Eevil\\u2066\\u0000\\u000A");
    }

    @Test
    void escapesLoneSurrogatesAndSupplementaryFormatCharacters() {
        assertThat(SafeText.escape("a\uD800b")).isEqualTo("a\\uD800b");
        assertThat(SafeText.escape("tag\uDB40\uDC01")).isEqualTo("tag\\u{E0001}");
        assertThat(SafeText.escape("𠀀")).isEqualTo("𠀀");
    }

    @Test
    void quotesAndCutsLongValues() {
        assertThat(SafeText.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(80) + "…'");
        assertThat(SafeText.quote(null)).isEqualTo("null");
    }
}
