package io.pacewatch.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.ReleaseVersion;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDate;
import io.pacewatch.domain.YearToDateCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private static final String TARGETS_FILE = "/targets/luohu-2023.jsonl";

    private final InputCodec codec = new InputCodec(Releases.CATALOGUE);

    static Stream<Arguments> releases() {
        return Stream.of(
                Arguments.of("the worked example", (Supplier<Release>) () ->
                        Releases.budgetRevenue().cumulativeThrough(6).value("60").build()),
                Arguments.of("an amount stated in 万元", (Supplier<Release>) () ->
                        Releases.budgetRevenue().cumulativeThrough(6).value("600123.5", "万元").build()),
                Arguments.of("an amount stated in 元", (Supplier<Release>) () ->
                        Releases.budgetRevenue().cumulativeThrough(6).value("6012345678.91", "元").build()),
                Arguments.of("a single month with growth, a revision and an embargo", (Supplier<Release>) () ->
                        Releases.retailSales().singleMonth(3).value("25.75").growth("-3.40").revision(3)
                                .embargoUntil("2023-04-16T10:00:00+08:00").build()),
                Arguments.of("January–February as one single period", (Supplier<Release>) () ->
                        Releases.budgetRevenue().januaryFebruarySingle().value("20").build()),
                Arguments.of("a cumulative February", (Supplier<Release>) () ->
                        Releases.budgetRevenue().cumulativeThrough(2).value("20").build()),
                Arguments.of("growth only", (Supplier<Release>) () ->
                        Releases.fixedAssetInvestment().cumulativeThrough(6).growth("6.0").unit(null).build()),
                Arguments.of("GDP for Q1–3", (Supplier<Release>) () ->
                        Releases.gdp().period("2023-Q3", "CUMULATIVE").value("1234.56").growth("6.1").build()),
                Arguments.of("GDP for the year", (Supplier<Release>) () ->
                        Releases.gdp().period("2023", "CUMULATIVE").value("1700").growth("5.9").build()),
                Arguments.of("a single quarter", (Supplier<Release>) () ->
                        Releases.gdp().period("2023-Q2", "SINGLE_PERIOD").value("450").build()),
                Arguments.of("industrial value added", (Supplier<Release>) () ->
                        Releases.industrialValueAdded().cumulativeThrough(11).growth("2.5").unit(null).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    @DisplayName("A release written with Drafts and Json reads back through InputCodec as an equal Release")
    void releaseRoundTrips(final String description, final Supplier<Release> release) throws IOException {
        // given
        final Release original = release.get();

        // when
        final byte[] json = Json.MAPPER.writeValueAsBytes(Drafts.of(original));
        final Release read = codec.release(json);

        // then
        assertThat(read).isEqualTo(original);
    }

    @Test
    @DisplayName("Drafts write canonical period codes, unit codes and plain decimals")
    void draftsAreCanonical() throws IOException {
        // given
        final Release release = Releases.budgetRevenue().cumulativeThrough(6).value("600000", "万元").build();

        // when
        final JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(Drafts.of(release)));

        // then
        assertThat(json.get("period").asText()).isEqualTo("2023-S1");
        assertThat(json.get("basis").asText()).isEqualTo("CUMULATIVE");
        assertThat(json.get("unit").asText()).isEqualTo("YI_YUAN");
        assertThat(json.get("value").toString()).isEqualTo("60");
        assertThat(json.get("publishedAt").asText()).isEqualTo("2023-07-15T01:30:00Z");
        assertThat(json.get("revision").isNull()).isTrue();
        assertThat(fieldNames(json)).containsExactlyElementsOf(componentNames(ReleaseDraft.class));
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("an amount target", (Supplier<Target>) () -> Targets.budgetRevenue127().build()),
                Arguments.of("an amount target stated in 万元", (Supplier<Target>) () ->
                        Targets.budgetRevenue127().value("1270050").unit("万元").build()),
                Arguments.of("a seasonal amount target with thresholds and last year's amount", (Supplier<Target>) () ->
                        Targets.amount("FIXED_ASSET_INVESTMENT", "380").priorYearAmount("351.25")
                                .seasonal("0.05", "0.11", "0.19", "0.26", "0.33", "0.45", "0.52", "0.60", "0.70", "0.78",
                                        "0.88", "1")
                                .thresholds(Targets.thresholds("3.5", "-1", "-4")).build()),
                Arguments.of("a growth target", (Supplier<Target>) () -> Targets.growth("GDP", "6.5").build()),
                Arguments.of("a growth target with last year's amount", (Supplier<Target>) () ->
                        Targets.growth("RETAIL_SALES", "5.0").priorYearAmount("400").build()),
                Arguments.of("a negative growth target", (Supplier<Target>) () ->
                        Targets.growth("INDUSTRIAL_VALUE_ADDED", "-2.0").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @DisplayName("A target written with Drafts and Json reads back through InputCodec as an equal Target")
    void targetRoundTrips(final String description, final Supplier<Target> target) throws IOException {
        // given
        final Target original = target.get();

        // when
        final byte[] json = Json.MAPPER.writeValueAsBytes(Drafts.of(original));
        final Target read = codec.target(json);

        // then
        assertThat(read).isEqualTo(original);
    }

    @Test
    @DisplayName("Every line of the bundled 2023 targets file validates, one target per indicator")
    void bundledTargetsValidate() throws IOException {
        // when
        final List<Target> targets = new ArrayList<>();
        for (final String line : bundledTargetLines()) {
            targets.add(codec.target(line.getBytes(StandardCharsets.UTF_8)));
        }

        // then
        assertThat(targets).extracting(Target::indicator).containsExactly(
                "GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
        assertThat(targets).extracting(t -> t.kind().name() + " " + t.value().stripTrailingZeros().toPlainString())
                .containsExactly("GROWTH 6.5", "AMOUNT 127", "AMOUNT 380", "GROWTH 5", "GROWTH 3");
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.region()).isEqualTo("luohu");
            assertThat(t.year()).isEqualTo(2023);
        });
    }

    @Test
    @DisplayName("Every bundled target round-trips through Drafts, Json and InputCodec")
    void bundledTargetsRoundTrip() throws IOException {
        for (final String line : bundledTargetLines()) {
            // given
            final Target original = codec.target(line.getBytes(StandardCharsets.UTF_8));

            // when
            final Target read = codec.target(Json.MAPPER.writeValueAsBytes(Drafts.of(original)));

            // then
            assertThat(read).as(line).isEqualTo(original);
        }
    }

    /** Progress fields written only when a prior year is known (or a PRIOR_YEAR target falls back). */
    private static final List<String> SAME_PERIOD = List.of("priorYearShare", "priorYearGapPp", "linearTimeProgress",
            "linearGapPp", "priorYearFallback");

    @Test
    @DisplayName("A Progress written as JSON has exactly its record's properties and reads back with the same figures")
    void progressRoundTrips() throws IOException {
        // given
        final Progress original = evaluation().latest();

        // when
        final String json = Json.MAPPER.writeValueAsString(original);
        final Progress read = Json.MAPPER.readValue(json, Progress.class);

        // then
        // The peer fields are left out for a region without a peer group, and the same-period ones where no
        // prior year is known, as here, so such a record reads as before.
        final List<String> peerFields = List.of("peerGroup", "peerRank", "peerCount", "peerRankTied");
        assertThat(fieldNames(Json.MAPPER.readTree(json))).containsExactlyElementsOf(componentNames(Progress.class)
                .stream().filter(name -> !peerFields.contains(name) && !SAME_PERIOD.contains(name)).toList());
        assertThat(read).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(original);
        final Progress ranked = original.withPeers("shenzhen", new io.pacewatch.domain.PeerRank("shenzhen", 3, 10, true));
        final String rankedJson = Json.MAPPER.writeValueAsString(ranked);
        assertThat(fieldNames(Json.MAPPER.readTree(rankedJson))).containsExactlyElementsOf(componentNames(Progress.class)
                .stream().filter(name -> !SAME_PERIOD.contains(name)).toList());
        assertThat(Json.MAPPER.readValue(rankedJson, Progress.class)).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(ranked);
        assertThat(json).contains("\"ytdValue\":70.5").contains("\"timeProgress\":0.583333")
                .contains("\"updatedAt\":\"2023-08-16T00:00:00Z\"");
    }

    @Test
    @DisplayName("Progress for a region the region catalogue does not know is written without name fields, and read back")
    void progressWithoutRegionNames() throws IOException {
        // given
        final Progress unnamed = new SeriesEvaluator(Releases.CATALOGUE)
                .evaluate(Releases.series("BUDGET_REVENUE"), history(), Targets.budgetRevenue127().build(), Releases.LATER)
                .orElseThrow().latest();

        // when
        final String json = Json.MAPPER.writeValueAsString(unnamed);
        final Progress read = Json.MAPPER.readValue(json, Progress.class);

        // then
        assertThat(fieldNames(Json.MAPPER.readTree(json))).containsExactlyElementsOf(componentNames(Progress.class).stream()
                .filter(name -> !name.startsWith("regionName") && !name.startsWith("peer") && !SAME_PERIOD.contains(name))
                .toList());
        assertThat(json).endsWith("\"messageEn\":" + Json.MAPPER.writeValueAsString(unnamed.messageEn()) + "}");
        assertThat(read.regionNameZh()).isNull();
        assertThat(read.regionDisplayZh()).isEqualTo("luohu");
        assertThat(evaluation().latest().regionNameZh()).isEqualTo("罗湖区");
    }

    @Test
    @DisplayName("Progress amounts are written as plain decimals, never in exponent notation")
    void progressAmountsArePlain() throws IOException {
        // given: 60 亿元 and a projection of 120
        final Progress firstHalf = evaluation().history().get(0).progress();

        // when
        final String json = Json.MAPPER.writeValueAsString(firstHalf);

        // then
        assertThat(json).contains("\"ytdValue\":60,").contains("\"projectedYearEnd\":120,").doesNotContain("E+");
    }

    @Test
    @DisplayName("A ReleaseHistory written as JSON reads back with the same versions and the same standing")
    void releaseHistoryRoundTrips() throws IOException {
        // given
        final ReleaseHistory original = history();

        // when
        final String json = Json.MAPPER.writeValueAsString(original);
        final ReleaseHistory read = Json.MAPPER.readValue(json, ReleaseHistory.class);

        // then
        final JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(fieldNames(tree)).containsExactly("versions");
        assertThat(fieldNames(tree.get("versions").get(0))).containsExactlyElementsOf(componentNames(Release.class));
        assertThat(fieldNames(tree.get("versions").get(0).get("period")))
                .containsExactlyElementsOf(componentNames(ReferencePeriod.class));
        assertThat(read).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(original);
        assertThat(YearToDateCalculator.asOf(read.latestPerSlot(Releases.LATER), 12).amount())
                .isEqualByComparingTo(YearToDateCalculator.asOf(original.latestPerSlot(Releases.LATER), 12).amount());
    }

    @Test
    @DisplayName("Records gain no derived properties in JSON (no 'empty', 'linear', 'cumulative', 'judged')")
    void noDerivedProperties() throws IOException {
        // given
        final Target seasonal = Targets.budgetRevenue127()
                .seasonal("0.10", "0.18", "0.27", "0.35", "0.43", "0.55", "0.62", "0.69", "0.76", "0.84", "0.92", "1")
                .build();
        final YearToDate ytd = YearToDateCalculator.asOf(history().latestPerSlot(Releases.LATER), 12);

        // when
        final JsonNode target = Json.MAPPER.valueToTree(seasonal);
        final JsonNode linear = Json.MAPPER.valueToTree(Targets.budgetRevenue127().build());
        final JsonNode yearToDate = Json.MAPPER.valueToTree(ytd);

        // then
        assertThat(fieldNames(target)).containsExactlyElementsOf(componentNames(Target.class));
        assertThat(fieldNames(target.get("paceProfile"))).containsExactly("seasonalShares", "kind");
        assertThat(fieldNames(linear.get("paceProfile"))).containsExactly("seasonalShares", "kind");
        assertThat(fieldNames(yearToDate)).containsExactlyElementsOf(componentNames(YearToDate.class));
        assertThat(fieldNames(yearToDate.get("versionsUsed").get(0)))
                .containsExactlyElementsOf(componentNames(ReleaseVersion.class));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(seasonal), Target.class)).isEqualTo(seasonal);
    }

    @Test
    @DisplayName("A SeriesEvaluation and an Alert read back with the same content")
    void evaluationAndAlertRoundTrip() throws IOException {
        // given
        final SeriesEvaluation evaluation = evaluation();
        final Alert alert = AlertPolicy.decide(PaceStatus.ON_PACE, evaluation.latest()).orElseThrow();

        // when
        final SeriesEvaluation readEvaluation = Json.MAPPER.readValue(
                Json.MAPPER.writeValueAsBytes(evaluation), SeriesEvaluation.class);
        final Alert readAlert = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(alert), Alert.class);

        // then
        assertThat(readEvaluation).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(evaluation);
        assertThat(readAlert).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(alert);
        assertThat(fieldNames(Json.MAPPER.valueToTree(alert))).containsExactlyElementsOf(componentNames(Alert.class));
    }

    private static ReleaseHistory history() {
        return Releases.history(
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build(),
                Releases.budgetRevenue().singleMonth(7).value("10.50").growth("3.0").revision(2)
                        .embargoUntil("2023-08-16T00:00:00Z").build());
    }

    /** As the service evaluates: with the bundled region catalogue, which names luohu. */
    private static SeriesEvaluation evaluation() {
        return new SeriesEvaluator(Releases.CATALOGUE, CatalogueLoader.bundledRegions(), ReleaseCalendar.NONE)
                .evaluate(Releases.series("BUDGET_REVENUE"), history(), Targets.budgetRevenue127().build(), Releases.LATER)
                .orElseThrow();
    }

    private static List<String> bundledTargetLines() throws IOException {
        try (InputStream in = RoundTripTest.class.getResourceAsStream(TARGETS_FILE)) {
            assertThat(in).as(TARGETS_FILE).isNotNull();
            final List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(5);
            return lines;
        }
    }

    private static List<String> fieldNames(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static List<String> componentNames(final Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
