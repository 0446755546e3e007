package io.pacewatch.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Frequency;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.ReleaseValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogueLoaderTest {

    private static final String GREEN_CREDIT = """
            [{"code": "GREEN_CREDIT", "nameZh": "绿色贷款余额", "nameEn": "Green loans outstanding",
              "unit": "WAN_YUAN", "frequency": "MONTHLY", "levelsPublished": true, "negativeAllowed": false}]
            """;

    @Test
    @DisplayName("The bundled catalogue lists the five indicators of the seed report, in order")
    void bundledIndicators() {
        // when
        final IndicatorCatalogue catalogue = CatalogueLoader.bundled();

        // then
        assertThat(catalogue.all()).extracting(Indicator::code).containsExactly(
                "GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
    }

    @ParameterizedTest(name = "{0}: {1}, {2}, levels published {3}")
    @CsvSource({
        "GDP,                    地区生产总值,             QUARTERLY, true",
        "BUDGET_REVENUE,         地方一般公共预算收入,     MONTHLY,   true",
        "FIXED_ASSET_INVESTMENT, 固定资产投资,             MONTHLY,   true",
        "RETAIL_SALES,           社会消费品零售总额,       MONTHLY,   true",
        "INDUSTRIAL_VALUE_ADDED, 规模以上工业增加值,       MONTHLY,   false",
    })
    @DisplayName("Each bundled indicator has its Chinese name, frequency and whether levels are published; all in 亿元")
    void bundledIndicatorDetails(final String code, final String nameZh, final Frequency frequency,
                                 final boolean levelsPublished) {
        // when
        final Indicator indicator = CatalogueLoader.bundled().require(code);

        // then
        assertThat(indicator.nameZh()).isEqualTo(nameZh);
        assertThat(indicator.frequency()).isEqualTo(frequency);
        assertThat(indicator.levelsPublished()).isEqualTo(levelsPublished);
        assertThat(indicator.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(indicator.negativeAllowed()).isFalse();
    }

    @Test
    @DisplayName("A catalogue file replaces the bundled one, so a new indicator needs no code")
    void fileCatalogueAddsIndicators(@TempDir final Path dir) throws IOException {
        // given
        final Path file = Files.writeString(dir.resolve("indicators.json"), GREEN_CREDIT);
        final IndicatorCatalogue catalogue = CatalogueLoader.fromFile(file);

        // when
        final Release release = new ReleaseValidator(catalogue).validate(new ReleaseDraft("luohu", "GREEN_CREDIT",
                "2023-06", "CUMULATIVE", new BigDecimal("12.5"), "亿元", null, "2023-07-15T09:30:00+08:00", null,
                "人民银行", null));

        // then
        assertThat(catalogue.all()).extracting(Indicator::code).containsExactly("GREEN_CREDIT");
        assertThat(release.value()).isEqualByComparingTo("125000");
        assertThat(release.unit()).isEqualTo(AmountUnit.WAN_YUAN);
        assertThat(catalogue.find("GDP")).isEmpty();
    }

    @Test
    @DisplayName("An indicator listed twice is refused")
    void duplicateCodeIsRefused(@TempDir final Path dir) throws IOException {
        // given
        final String twice = GREEN_CREDIT.strip().replace("]", "," + GREEN_CREDIT.strip().substring(1));
        final Path file = Files.writeString(dir.resolve("indicators.json"), twice);

        // when / then
        assertThatThrownBy(() -> CatalogueLoader.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GREEN_CREDIT is listed twice");
    }

    @Test
    @DisplayName("A missing or unreadable catalogue file fails loudly, naming the file")
    void unreadableFileFails(@TempDir final Path dir) throws IOException {
        // given
        final Path missing = dir.resolve("nope.json");
        final Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"code\": \"X\", \"colour\": 1}]");

        // when / then
        assertThatThrownBy(() -> CatalogueLoader.fromFile(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nope.json");
        assertThatThrownBy(() -> CatalogueLoader.fromFile(broken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("broken.json");
    }

    @Test
    @DisplayName("Looking up an unknown code is UNKNOWN_INDICATOR and names the known codes")
    void unknownCode() {
        // when
        final InvalidInputException rejection = catchThrowableOfType(InvalidInputException.class,
                () -> CatalogueLoader.bundled().require("gdp"));

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.UNKNOWN_INDICATOR);
        assertThat(rejection.getMessage()).contains("'gdp'").contains("known: GDP, BUDGET_REVENUE");
    }

    @Test
    @DisplayName("Aliases name an indicator at the publishing edge, matched after folding width and spaces; the stream still reads codes")
    void aliasesFromAFile(@TempDir final Path dir) throws IOException {
        // given
        final Path file = Files.writeString(dir.resolve("indicators.json"),
                GREEN_CREDIT.replace("\"negativeAllowed\": false}", "\"negativeAllowed\": false, \"aliases\": [\"绿贷\"]}"));

        // when
        final IndicatorCatalogue catalogue = CatalogueLoader.fromFile(file);

        // then
        assertThat(catalogue.findByName("绿 贷")).map(Indicator::code).contains("GREEN_CREDIT");
        assertThat(catalogue.findByName("绿色贷款余额")).map(Indicator::code).contains("GREEN_CREDIT");
        assertThat(catalogue.findByName("ｇｒｅｅｎ_ｃｒｅｄｉｔ")).map(Indicator::code).contains("GREEN_CREDIT");
        assertThat(catalogue.findByName("绿色贷款")).isEmpty();
        assertThat(catalogue.find("绿贷")).isEmpty();
    }

    @Test
    @DisplayName("The bundled catalogue knows the clerks' short forms")
    void bundledAliases() {
        // given
        final IndicatorCatalogue catalogue = CatalogueLoader.bundled();

        // then
        assertThat(catalogue.findByName("社零")).map(Indicator::code).contains("RETAIL_SALES");
        assertThat(catalogue.findByName("规上工业增加值")).map(Indicator::code).contains("INDUSTRIAL_VALUE_ADDED");
        assertThat(catalogue.findByName("固投")).map(Indicator::code).contains("FIXED_ASSET_INVESTMENT");
        assertThat(catalogue.all()).allSatisfy(indicator -> indicator.aliases().forEach(alias ->
                assertThat(catalogue.findByName(alias)).contains(indicator)));
    }

    @Test
    @DisplayName("A name or alias that would name two indicators is refused")
    void ambiguousAliasIsRefused() {
        assertThatThrownBy(() -> new IndicatorCatalogue(java.util.List.of(
                new Indicator("A", "甲", "A one", AmountUnit.YI_YUAN, Frequency.MONTHLY, true, false,
                        java.util.List.of("同名")),
                new Indicator("B", "乙", "B one", AmountUnit.YI_YUAN, Frequency.MONTHLY, true, false,
                        java.util.List.of(" 同 名 ")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of B also names A");
    }
}
