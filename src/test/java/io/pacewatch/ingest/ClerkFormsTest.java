package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.wire.CatalogueLoader;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClerkFormsTest {

    private final ClerkForms forms = new ClerkForms(CatalogueLoader.bundled(), ClerkForms.DEFAULT_ZONE, null);

    @ParameterizedTest(name = "{0} heads {1}")
    @CsvSource(delimiter = '|', value = {
        "地区|region", "指标|indicator", "时期|period", "累计值|value", "单位|unit", "累计增长(%)|growthPercent",
        "累计增长（％）|growthPercent", " 累计 增长 (%) |growthPercent", "发布时间|publishedAt", "来源|source",
        "备注|note", "growthPercent|growthPercent", "region|region"})
    void releaseHeadingsAreTheFieldNamesOrTheirChineseHeadings(final String heading, final String field) {
        assertThat(ClerkForms.field(ClerkForms.RELEASE_HEADINGS, heading)).contains(field);
    }

    @Test
    void unknownHeadingsAreNotGuessed() {
        assertThat(ClerkForms.field(ClerkForms.RELEASE_HEADINGS, "增长")).isEmpty();
        assertThat(ClerkForms.field(ClerkForms.RELEASE_HEADINGS, "地区名")).isEmpty();
        assertThat(ClerkForms.field(ClerkForms.TARGET_HEADINGS, "时期")).isEmpty();
        assertThat(ClerkForms.field(ClerkForms.TARGET_HEADINGS, "目标值")).contains("value");
    }

    @Test
    void headingsOfValuesMayStateTheirBasis() {
        assertThat(ClerkForms.basisOfHeading("累计值")).contains(Basis.CUMULATIVE);
        assertThat(ClerkForms.basisOfHeading("当期值")).contains(Basis.SINGLE_PERIOD);
        assertThat(ClerkForms.basisOfHeading("累计增长（%）")).contains(Basis.CUMULATIVE);
        assertThat(ClerkForms.basisOfHeading("value")).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "社会消费品零售总额|RETAIL_SALES", "社零|RETAIL_SALES", "社 零|RETAIL_SALES", "RETAIL_SALES|RETAIL_SALES",
        "规上工业增加值|INDUSTRIAL_VALUE_ADDED", "规模以上工业增加值|INDUSTRIAL_VALUE_ADDED",
        "固投|FIXED_ASSET_INVESTMENT", "固定资产投资（不含农户）|FIXED_ASSET_INVESTMENT", "ＧＤＰ|GDP",
        "Retail sales of consumer goods|RETAIL_SALES"})
    void indicatorsByNameAliasOrCodeAfterFoldingWidthAndSpaces(final String written, final String code) {
        assertThat(forms.indicator(written)).isEqualTo(code);
    }

    @Test
    void anIndicatorNameIsMatchedExactlyNeverFuzzily() {
        assertThatThrownBy(() -> forms.indicator("社会消费品零售额"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'社会消费品零售额' is not in the catalogue; known: GDP 地区生产总值")
                .hasMessageContaining("RETAIL_SALES 社会消费品零售总额 (社零, 社零额, 社消零)");
        assertThatThrownBy(() -> forms.indicator("工业增加值")).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
        "1,391.75|1391.75", "1391.75|1391.75", "１３９１．７５|1391.75", "１,３９１.７５|1391.75", "-1,234,567|-1234567",
        " 12 |12", "1e3|1E+3"})
    void numbersMayHaveThousandsSeparatorsAndFullWidthDigits(final String written, final String value) {
        assertThat(ClerkForms.number("value", written, false)).isEqualByComparingTo(value);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {"45,1", "1,39.5", "1.391,75", "12,3456", "1 391", "12元", "NaN"})
    void numbersThatCouldMeanTwoThingsOrNothingAreRefused(final String written) {
        assertThatThrownBy(() -> ClerkForms.number("value", written, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value");
    }

    @Test
    void aPercentSignOnlyInAPercentageColumn() {
        assertThat(ClerkForms.number("growthPercent", "5.2%", true)).isEqualByComparingTo("5.2");
        assertThat(ClerkForms.number("growthPercent", "-3.1 ％", true)).isEqualByComparingTo("-3.1");
        assertThat(ClerkForms.number("growthPercent", "5.2", true)).isEqualByComparingTo("5.2");
        assertThatThrownBy(() -> ClerkForms.number("value", "5.2%", false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value '5.2%' is a percentage, but only a percentage column");
        assertThatThrownBy(() -> ClerkForms.number("growthPercent", "5.2%%", true))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "2023-07-15|2023-07-15T00:00+08:00",
        "2023/7/15|2023-07-15T00:00+08:00",
        "2023年7月15日|2023-07-15T00:00+08:00",
        "2023-07-15 09:30|2023-07-15T09:30+08:00",
        "2023-07-15T09:30:15|2023-07-15T09:30:15+08:00",
        "2023-07-15T09:30:00+08:00|2023-07-15T09:30:00+08:00",
        "2023-07-15T01:30:00Z|2023-07-15T01:30:00Z"})
    void datesWithoutAnOffsetAreTakenInTheZone(final String written, final String dateTime) {
        final ClerkForms shanghai = new ClerkForms(CatalogueLoader.bundled(), ClerkForms.DEFAULT_ZONE, null);

        assertThat(shanghai.dateTime("publishedAt", written)).isEqualTo(dateTime);
        assertThat(shanghai.zoneNote() != null).isEqualTo(!written.endsWith("Z") && !written.contains("+"));
    }

    @Test
    void theZoneIsConfigurableAndStatedInTheSummaryNote() {
        final ClerkForms london = new ClerkForms(CatalogueLoader.bundled(), ZoneId.of("Europe/London"), null);

        assertThat(london.dateTime("publishedAt", "2023-07-15")).isEqualTo("2023-07-15T00:00+01:00");
        assertThat(london.dateTime("publishedAt", "2023-01-15 09:00")).isEqualTo("2023-01-15T09:00Z");
        assertThat(london.zoneNote()).isEqualTo("local times   2 date(s) without an offset, taken in Europe/London");
        assertThat(forms.zoneNote()).isNull();
    }

    @Test
    void aDateThatIsNoneOfTheFormsIsRefusedWithTheForms() {
        assertThatThrownBy(() -> forms.dateTime("publishedAt", "15/07/2023"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("write 2023-07-15 or 2023-07-15 09:30 (taken in Asia/Shanghai)");
        assertThatThrownBy(() -> forms.dateTime("publishedAt", "2023-02-30"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a date");
    }

    @Test
    void chineseWordsForTheEnumeratedFields() {
        assertThat(ClerkForms.choice("basis", "累计")).isEqualTo("CUMULATIVE");
        assertThat(ClerkForms.choice("basis", "当月")).isEqualTo("SINGLE_PERIOD");
        assertThat(ClerkForms.choice("kind", "增速")).isEqualTo("GROWTH");
        assertThat(ClerkForms.choice("kind", "总量")).isEqualTo("AMOUNT");
        assertThat(ClerkForms.choice("paceProfile", "季节")).isEqualTo("SEASONAL");
        assertThat(ClerkForms.choice("kind", "GROWTH")).isEqualTo("GROWTH");
        assertThat(ClerkForms.choice("kind", "其他")).isEqualTo("其他");
    }

    @Test
    void theTemplatesExampleRowIsRefused() {
        assertThat(ClerkForms.refuseExample("二次核对")).isEqualTo("二次核对");
        assertThatThrownBy(() -> ClerkForms.refuseExample(ClerkForms.EXAMPLE_MARK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).reason()).isEqualTo(RejectionReason.INVALID_FIELD))
                .hasMessageContaining("the template's example row");
    }

    @Test
    void docsPublishingListsEveryHeadingAliasAndChoice() throws java.io.IOException {
        final String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/publishing.md"));

        java.util.stream.Stream.of(ClerkForms.RELEASE_HEADINGS, ClerkForms.TARGET_HEADINGS).forEach(headings ->
                headings.forEach((field, aliases) -> {
                    assertThat(docs).as(field).contains("`" + field + "`");
                    aliases.forEach(alias -> assertThat(docs).as(field).contains(alias));
                }));
        CatalogueLoader.bundled().all().forEach(indicator -> {
            assertThat(docs).contains("`" + indicator.code() + "` | " + indicator.nameZh() + " | "
                    + String.join(", ", indicator.aliases()) + " |");
        });
        java.util.List.of("basis", "kind", "paceProfile").forEach(field -> ClerkForms.choices(field).keySet()
                .forEach(word -> assertThat(docs).as(field).contains(word)));
    }
}
