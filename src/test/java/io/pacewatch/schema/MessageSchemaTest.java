package io.pacewatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.PeerStanding;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.ReleaseVersion;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Severity;
import io.pacewatch.domain.StatusThresholds;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Drafts;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that the JSON Schemas in {@code docs/schemas} describe the messages pacewatch really reads and
 * writes: the bundled input files validate, messages the reader refuses fail the schema too, and progress
 * records and alerts produced by the real engine ({@link SeriesEvaluator}, {@link AlertPolicy}) and
 * serialized by {@link Json#MAPPER} validate against the output schemas.
 */
class MessageSchemaTest {

    private static final Path SCHEMA_DIR = Path.of("docs", "schemas");
    private static final String BASE_ID = "https://pacewatch.io/schemas/";
    private static final List<String> SCHEMA_FILES =
            List.of("release.schema.json", "target.schema.json", "progress.schema.json", "alert.schema.json",
                    "ranking.schema.json");
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private static final Path TARGETS_FILE = Path.of("src", "main", "resources", "targets", "luohu-2023.jsonl");
    private static final Path DEMO_FILE = Path.of("src", "main", "resources", "demo", "illustrative-2023.jsonl");
    private static final Path DEMO_PRIOR_YEAR_FILE = Path.of("src", "main", "resources", "demo", "illustrative-2022.jsonl");
    private static final Path DEMO_TARGETS_FILE = Path.of("src", "main", "resources", "demo",
            "illustrative-siblings-targets-2023.jsonl");

    /** After every 2023 figure and embargo. */
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private static final IndicatorCatalogue CATALOGUE = CatalogueLoader.bundled();
    private static final InputCodec CODEC = new InputCodec(CATALOGUE);
    /** With the bundled region catalogue, as the service runs: luohu's records carry its names. */
    private static final SeriesEvaluator EVALUATOR = new SeriesEvaluator(CATALOGUE, CatalogueLoader.bundledRegions(),
            io.pacewatch.domain.ReleaseCalendar.NONE);

    private static SchemaRegistry registry;
    private static Schema releaseSchema;
    private static Schema targetSchema;
    private static Schema progressSchema;
    private static Schema alertSchema;
    private static Schema rankingSchema;

    @BeforeAll
    static void loadSchemas() {
        final Map<String, String> byId = new LinkedHashMap<>();
        for (final String file : SCHEMA_FILES) {
            byId.put(BASE_ID + file, read(SCHEMA_DIR.resolve(file)));
        }
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemas(byId)
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        releaseSchema = schema("release.schema.json");
        targetSchema = schema("target.schema.json");
        progressSchema = schema("progress.schema.json");
        alertSchema = schema("alert.schema.json");
        rankingSchema = schema("ranking.schema.json");
    }

    // ---------------------------------------------------------------- the schemas themselves

    @ParameterizedTest
    @ValueSource(strings = {"release.schema.json", "target.schema.json", "progress.schema.json", "alert.schema.json",
            "ranking.schema.json"})
    void schemaIsValidDraft202012WithItsOwnId(final String file) {
        final JsonNode schema = tree(read(SCHEMA_DIR.resolve(file)));
        assertThat(schema.path("$schema").asText()).isEqualTo(META_SCHEMA);
        assertThat(schema.path("$id").asText()).isEqualTo(BASE_ID + file);
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(registry.getSchema(SchemaLocation.of(META_SCHEMA)).validate(schema)).isEmpty();
        schema.path("properties").properties().forEach(p ->
                assertThat(p.getValue().path("description").asText()).as(file + " " + p.getKey()).isNotBlank());
    }

    static Stream<Arguments> recordsAndSchemas() {
        return Stream.of(
                Arguments.of(ReleaseDraft.class, "release.schema.json", "", false),
                Arguments.of(TargetDraft.class, "target.schema.json", "", false),
                Arguments.of(StatusThresholds.class, "target.schema.json", "/$defs/statusThresholds", true),
                Arguments.of(Progress.class, "progress.schema.json", "", true),
                Arguments.of(ReleaseVersion.class, "progress.schema.json", "/$defs/releaseVersion", true),
                Arguments.of(Alert.class, "alert.schema.json", "", true),
                Arguments.of(PeerRanking.class, "ranking.schema.json", "", true),
                Arguments.of(PeerRanking.Entry.class, "ranking.schema.json", "/$defs/entry", true));
    }

    /**
     * Field names are exactly the record components; outputs always carry every field but those written
     * only when known ({@code @JsonInclude(NON_NULL)}); primitives are never null.
     */
    @ParameterizedTest
    @MethodSource("recordsAndSchemas")
    void propertiesAreExactlyTheRecordComponents(final Class<? extends Record> type, final String file,
                                                 final String pointer, final boolean allRequired) {
        final JsonNode schema = tree(read(SCHEMA_DIR.resolve(file))).at(pointer);
        final List<String> components = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
        final Set<String> properties = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);

        assertThat(properties).as("properties of %s%s", file, pointer).containsExactlyElementsOf(components);
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        if (allRequired) {
            final List<String> required = new ArrayList<>();
            schema.path("required").forEach(n -> required.add(n.asText()));
            final List<String> alwaysWritten = Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getAccessor().getAnnotation(JsonInclude.class) == null
                            || c.getAccessor().getAnnotation(JsonInclude.class).value() != JsonInclude.Include.NON_NULL)
                    .map(c -> c.getName()).toList();
            assertThat(required).containsExactlyInAnyOrderElementsOf(alwaysWritten);
        }
        for (final var component : type.getRecordComponents()) {
            final JsonNode declared = schema.path("properties").path(component.getName()).path("type");
            if (component.getType().isPrimitive()) {
                assertThat(declared.isTextual()).as("%s.%s is a primitive: one non-null type", type.getSimpleName(),
                        component.getName()).isTrue();
                assertThat(declared.asText()).isIn("integer", "boolean", "number");
            }
        }
    }

    // ---------------------------------------------------------------- inputs that exist

    @Test
    void everyBundledTargetValidatesAndIsAccepted() {
        final List<String> lines = lines(TARGETS_FILE);
        assertThat(lines).hasSize(5);
        for (final String line : lines) {
            assertValid(targetSchema, line);
            CODEC.target(bytes(line));
        }
    }

    @Test
    void everyDemoReleaseValidatesAndIsAccepted() {
        final List<String> lines = lines(DEMO_FILE);
        assertThat(lines).hasSizeGreaterThan(40);
        for (final String line : lines) {
            assertValid(releaseSchema, line);
            CODEC.release(bytes(line));
        }
    }

    /** The demo's other files: last year's releases and the sibling districts' targets (one of them PRIOR_YEAR). */
    @Test
    void everyDemoPriorYearReleaseAndSiblingTargetValidatesAndIsAccepted() {
        assertThat(lines(DEMO_PRIOR_YEAR_FILE)).hasSize(22).allSatisfy(line -> {
            assertValid(releaseSchema, line);
            CODEC.release(bytes(line));
        });
        assertThat(lines(DEMO_TARGETS_FILE)).hasSize(15).allSatisfy(line -> {
            assertValid(targetSchema, line);
            CODEC.target(bytes(line));
        }).anySatisfy(line -> assertThat(line).contains("\"paceProfile\": \"PRIOR_YEAR\""));
    }

    /** pacewatch's own tools write inputs back through {@link Drafts}: with explicit nulls and unit codes. */
    @Test
    void messagesWrittenByPacewatchValidate() throws IOException {
        for (final String line : lines(DEMO_FILE)) {
            final String written = Json.MAPPER.writeValueAsString(Drafts.of(CODEC.release(bytes(line))));
            assertValid(releaseSchema, written);
            CODEC.release(bytes(written));
        }
        for (final String line : lines(TARGETS_FILE)) {
            assertValid(targetSchema, Json.MAPPER.writeValueAsString(Drafts.of(CODEC.target(bytes(line)))));
        }
        for (final String extra : List.of(SEASONAL_FAI_TARGET, FAI_TARGET_WITH_PRIOR, RETAIL_TARGET_WITH_PRIOR)) {
            assertValid(targetSchema, extra);
            assertValid(targetSchema, Json.MAPPER.writeValueAsString(Drafts.of(CODEC.target(bytes(extra)))));
        }
        final String embargoed = j("{'region':'luohu','indicator':'GDP','period':'2023-Q3','basis':'SINGLE_PERIOD',"
                + "'value':683.0,'unit':'YI_YUAN','growthPercent':7.1,'publishedAt':'2023-10-20T09:30:00+08:00',"
                + "'revision':2,'source':'罗湖区统计局','embargoUntil':'2023-10-25T10:00:00+08:00'}");
        assertValid(releaseSchema, embargoed);
        assertValid(releaseSchema, Json.MAPPER.writeValueAsString(Drafts.of(CODEC.release(bytes(embargoed)))));
    }

    // ---------------------------------------------------------------- inputs that must fail

    private static final String OK_RELEASE = "{'region':'luohu','indicator':'BUDGET_REVENUE','period':'2023-06',"
            + "'value':60,'unit':'亿元','publishedAt':'2023-07-12T09:30:00+08:00','source':'罗湖区财政局'}";

    static Stream<Arguments> invalidReleases() {
        return Stream.of(
                Arguments.of("value as a string", OK_RELEASE.replace("'value':60", "'value':'60'")),
                Arguments.of("revision as a string", OK_RELEASE.replace("'value':60", "'value':60,'revision':'1'")),
                Arguments.of("growthPercent as a boolean", OK_RELEASE.replace("'value':60", "'value':60,'growthPercent':true")),
                Arguments.of("region as a number", OK_RELEASE.replace("'luohu'", "440303")),
                Arguments.of("fractional revision", OK_RELEASE.replace("'value':60", "'value':60,'revision':1.5")),
                Arguments.of("unknown field", OK_RELEASE.replace("'value':60", "'value':60,'currency':'CNY'")),
                Arguments.of("month 13", OK_RELEASE.replace("2023-06", "2023-13")),
                Arguments.of("month 0", OK_RELEASE.replace("2023-06", "2023-M00")),
                Arguments.of("quarter 5", OK_RELEASE.replace("2023-06", "2023-Q5")),
                Arguments.of("range beyond December", OK_RELEASE.replace("'period':'2023-06'",
                        "'basis':'SINGLE_PERIOD','period':'2023-11-01/P3M'")),
                Arguments.of("range not on the 1st", OK_RELEASE.replace("2023-06", "2023-01-15/P2M")),
                Arguments.of("cumulative range after January", OK_RELEASE.replace("2023-06", "2023-02-01/P2M")),
                Arguments.of("year 1899", OK_RELEASE.replace("2023-06", "1899-06")),
                Arguments.of("free-text period", OK_RELEASE.replace("2023-06", "1-6月")),
                Arguments.of("missing publishedAt", OK_RELEASE.replace(",'publishedAt':'2023-07-12T09:30:00+08:00'", "")),
                Arguments.of("publishedAt without offset", OK_RELEASE.replace("2023-07-12T09:30:00+08:00", "2023-07-12T09:30:00")),
                Arguments.of("publishedAt as a date", OK_RELEASE.replace("2023-07-12T09:30:00+08:00", "2023-07-12")),
                Arguments.of("missing source", OK_RELEASE.replace(",'source':'罗湖区财政局'", "")),
                Arguments.of("blank source", OK_RELEASE.replace("罗湖区财政局", "   ")),
                Arguments.of("source with a bidi override", OK_RELEASE.replace("罗湖区财政局", "罗湖\u202e局")),
                Arguments.of("source too long", OK_RELEASE.replace("罗湖区财政局", "x".repeat(201))),
                Arguments.of("missing region", OK_RELEASE.replace("'region':'luohu',", "")),
                Arguments.of("region with a separator", OK_RELEASE.replace("'luohu'", "'luohu|futian'")),
                Arguments.of("region with a space", OK_RELEASE.replace("'luohu'", "'luo hu'")),
                Arguments.of("region with a trailing newline", OK_RELEASE.replace("'luohu'", "'luohu\\n'")),
                Arguments.of("null region", OK_RELEASE.replace("'luohu'", "null")),
                Arguments.of("unknown basis", OK_RELEASE.replace("'value':60", "'value':60,'basis':'MONTHLY'")),
                Arguments.of("no value and no growth", OK_RELEASE.replace("'value':60,'unit':'亿元',", "")),
                Arguments.of("value without unit", OK_RELEASE.replace("'unit':'亿元',", "")),
                Arguments.of("unknown unit", OK_RELEASE.replace("亿元", "USD")),
                Arguments.of("over 10^15 yuan", OK_RELEASE.replace("'value':60", "'value':10000000.5")),
                Arguments.of("growth of -100%", OK_RELEASE.replace("'value':60", "'value':60,'growthPercent':-100")),
                Arguments.of("growth above 1000%", OK_RELEASE.replace("'value':60", "'value':60,'growthPercent':1000.1")),
                Arguments.of("growth with 5 decimals", OK_RELEASE.replace("'value':60", "'value':60,'growthPercent':6.12345")),
                Arguments.of("finer than 0.0001 yuan", OK_RELEASE.replace("'value':60,'unit':'亿元'", "'value':60.00001,'unit':'元'")),
                Arguments.of("negative revision", OK_RELEASE.replace("'value':60", "'value':60,'revision':-1")),
                Arguments.of("embargoUntil not a date-time", OK_RELEASE.replace("'value':60", "'value':60,'embargoUntil':'soon'")),
                Arguments.of("an array", "[" + OK_RELEASE + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReleases")
    void invalidReleaseFailsTheSchema(final String why, final String message) {
        final String json = j(message);
        assertInvalid(releaseSchema, json);
        assertThatThrownBy(() -> CODEC.release(bytes(json))).as("pacewatch refuses it too").isInstanceOf(InvalidInputException.class);
    }

    private static final String OK_TARGET = "{'region':'luohu','year':2023,'indicator':'BUDGET_REVENUE','kind':'AMOUNT',"
            + "'value':127,'unit':'亿元','publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}";

    static Stream<Arguments> invalidTargets() {
        return Stream.of(
                Arguments.of("year as a string", OK_TARGET.replace("'year':2023", "'year':'2023'")),
                Arguments.of("missing year", OK_TARGET.replace("'year':2023,", "")),
                Arguments.of("year 3000", OK_TARGET.replace("'year':2023", "'year':3000")),
                Arguments.of("fractional year", OK_TARGET.replace("'year':2023", "'year':2023.5")),
                Arguments.of("unknown kind", OK_TARGET.replace("AMOUNT", "PERCENT")),
                Arguments.of("missing value", OK_TARGET.replace("'value':127,", "")),
                Arguments.of("amount without unit", OK_TARGET.replace("'unit':'亿元',", "")),
                Arguments.of("amount of zero", OK_TARGET.replace("'value':127", "'value':0")),
                Arguments.of("negative amount", OK_TARGET.replace("'value':127", "'value':-127")),
                Arguments.of("growth of -100%", OK_TARGET.replace("AMOUNT", "GROWTH").replace("'value':127", "'value':-100")),
                Arguments.of("growth with 5 decimals", OK_TARGET.replace("AMOUNT", "GROWTH").replace("'value':127", "'value':6.50001")),
                Arguments.of("unknown field", OK_TARGET.replace("'value':127", "'value':127,'comment':'x'")),
                Arguments.of("unknown pace profile", OK_TARGET.replace("'value':127", "'value':127,'paceProfile':'FRONT_LOADED'")),
                Arguments.of("seasonal without shares", OK_TARGET.replace("'value':127", "'value':127,'paceProfile':'SEASONAL'")),
                Arguments.of("seasonal with 11 shares", OK_TARGET.replace("'value':127", "'value':127,'paceProfile':'SEASONAL',"
                        + "'seasonalShares':[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,1]")),
                Arguments.of("share above 1", OK_TARGET.replace("'value':127", "'value':127,'paceProfile':'SEASONAL',"
                        + "'seasonalShares':[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,1,1.2]")),
                Arguments.of("shares with a linear profile", OK_TARGET.replace("'value':127", "'value':127,"
                        + "'seasonalShares':[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99,1]")),
                Arguments.of("thresholds incomplete", OK_TARGET.replace("'value':127",
                        "'value':127,'thresholds':{'aheadFromPp':5,'atRiskBelowPp':0}")),
                Arguments.of("thresholds with an unknown field", OK_TARGET.replace("'value':127",
                        "'value':127,'thresholds':{'aheadFromPp':5,'atRiskBelowPp':0,'behindBelowPp':-5,'red':-10}")),
                Arguments.of("prior-year amount of zero", OK_TARGET.replace("'value':127", "'value':127,'priorYearAmount':0")),
                Arguments.of("prior-year amount without unit", OK_TARGET.replace("AMOUNT", "GROWTH")
                        .replace("'value':127,'unit':'亿元'", "'value':6.5,'priorYearAmount':2500")),
                Arguments.of("prior-year pace on a growth target", OK_TARGET.replace("AMOUNT", "GROWTH")
                        .replace("'value':127,'unit':'亿元'", "'value':6.5,'paceProfile':'PRIOR_YEAR'")),
                Arguments.of("prior-year pace with shares", OK_TARGET.replace("'value':127", "'value':127,'paceProfile':'PRIOR_YEAR',"
                        + "'seasonalShares':[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99,1]")),
                Arguments.of("missing publishedAt", OK_TARGET.replace("'publishedAt':'2023-01-10T09:00:00+08:00',", "")),
                Arguments.of("missing source", OK_TARGET.replace(",'source':'罗湖区2023年政府工作报告'", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTargets")
    void invalidTargetFailsTheSchema(final String why, final String message) {
        final String json = j(message);
        assertInvalid(targetSchema, json);
        assertThatThrownBy(() -> CODEC.target(bytes(json))).as("pacewatch refuses it too").isInstanceOf(InvalidInputException.class);
    }

    /**
     * Where the schema describes the canonical form and pacewatch's reader is more lenient. Each case
     * fails the schema but is accepted by {@link InputCodec}; if the reader is tightened, move the case
     * to {@link #invalidReleases()} (and update the schema description that mentions the leniency).
     */
    static Stream<Arguments> canonicalOnly() {
        return Stream.of(
                Arguments.of("lower-case basis", OK_RELEASE.replace("'value':60", "'value':60,'basis':'cumulative'")),
                Arguments.of("period with spaces", OK_RELEASE.replace("'2023-06'", "' 2023-06 '")),
                Arguments.of("lower-case unit code", OK_RELEASE.replace("亿元", "yi_yuan")),
                Arguments.of("publishedAt without seconds", OK_RELEASE.replace("09:30:00+08:00", "09:30+08:00")),
                Arguments.of("publishedAt with an hour-only offset", OK_RELEASE.replace("09:30:00+08:00", "09:30:00+08")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalOnly")
    void schemaIsStricterThanTheReader(final String why, final String message) {
        final String json = j(message);
        assertInvalid(releaseSchema, json);
        CODEC.release(bytes(json));
    }

    // ---------------------------------------------------------------- outputs of the real engine

    private static final String BUDGET_TARGET = "{'region':'luohu','year':2023,'indicator':'BUDGET_REVENUE','kind':'AMOUNT',"
            + "'value':127,'unit':'亿元','publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}";
    private static final String GDP_TARGET = "{'region':'luohu','year':2023,'indicator':'GDP','kind':'GROWTH','value':6.5,"
            + "'publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}";
    private static final String FAI_TARGET = "{'region':'luohu','year':2023,'indicator':'FIXED_ASSET_INVESTMENT','kind':'AMOUNT',"
            + "'value':380,'unit':'亿元','publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}";
    private static final String FAI_TARGET_WITH_PRIOR = j("{'region':'luohu','year':2023,'indicator':'FIXED_ASSET_INVESTMENT',"
            + "'kind':'AMOUNT','value':380,'unit':'亿元','priorYearAmount':350,"
            + "'publishedAt':'2023-02-01T09:00:00+08:00','source':'罗湖区2023年政府工作报告（修订）'}");
    private static final String SEASONAL_FAI_TARGET = j("{'region':'luohu','year':2023,'indicator':'FIXED_ASSET_INVESTMENT',"
            + "'kind':'AMOUNT','value':3800000,'unit':'万元','paceProfile':'SEASONAL',"
            + "'seasonalShares':[0,0.1,0.18,0.26,0.34,0.45,0.53,0.61,0.7,0.79,0.88,1],"
            + "'thresholds':{'aheadFromPp':5,'atRiskBelowPp':0,'behindBelowPp':-8},"
            + "'publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}");
    private static final String RETAIL_TARGET = "{'region':'luohu','year':2023,'indicator':'RETAIL_SALES','kind':'GROWTH',"
            + "'value':5.0,'publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}";
    private static final String RETAIL_TARGET_WITH_PRIOR = j("{'region':'luohu','year':2023,'indicator':'RETAIL_SALES',"
            + "'kind':'GROWTH','value':5.0,'unit':'亿元','priorYearAmount':1850,"
            + "'publishedAt':'2023-01-10T09:00:00+08:00','source':'罗湖区2023年政府工作报告'}");

    /** A ranking with a tie and a district without the figure, and a progress record carrying its rank. */
    @Test
    void rankingsAndRankedProgressValidate() {
        final RegionCatalogue regions = CatalogueLoader.bundledRegions();
        final Map<String, PeerStanding> standings = new LinkedHashMap<>();
        standings.put("luohu", new PeerStanding("luohu", TargetKind.GROWTH, new BigDecimal("4.2"), new BigDecimal("-0.80"),
                PaceStatus.AT_RISK));
        standings.put("futian", new PeerStanding("futian", TargetKind.GROWTH, new BigDecimal("4.20"), new BigDecimal("-1.30"),
                PaceStatus.BEHIND));
        standings.put("nanshan", new PeerStanding("nanshan", TargetKind.GROWTH, null, null, PaceStatus.NOT_ASSESSABLE));
        final PeerRanking ranking = PeerRanking.rank(regions, "shenzhen", "RETAIL_SALES", 2023, 6, standings);
        assertThat(ranking.entries()).hasSize(10);

        assertValid(rankingSchema, write(ranking));
        assertValid(rankingSchema, write(ranking.ordered(PeerRanking.Order.WORST_FIRST)));
        assertInvalid(rankingSchema, write(ranking).replace("\"ranked\":2", "\"ranked\":-1"));
        final Progress retail = evaluate("RETAIL_SALES", RETAIL_TARGET, retail("2023-06", "200", "4.2", "2023-07-15")).latest();
        assertValidProgress(retail.withPeers("shenzhen", ranking.ranks().get("luohu")));
        assertValidProgress(retail.withPeers("shenzhen", null));
        // a rank without its count is not a record pacewatch writes
        assertInvalid(progressSchema, write(retail.withPeers("shenzhen", ranking.ranks().get("luohu")))
                .replace(",\"peerCount\":2", ""));
    }

    /** The worked example of the domain brief: 60 亿元 in 1–6月 against 127 亿元. */
    @Test
    void amountCompletionProgressValidates() {
        final SeriesEvaluation evaluation = evaluate("BUDGET_REVENUE", BUDGET_TARGET,
                budget("2023-01-01/P2M", "24.0", "2023-03-12"), budget("2023-06", "60", "2023-07-12"));
        final Progress latest = evaluation.latest();
        assertThat(latest.judgedOn()).isEqualTo(Judgement.AMOUNT_COMPLETION);
        assertThat(latest.completionRatio()).isEqualByComparingTo("0.4724");
        assertThat(latest.gapPp()).isEqualByComparingTo("-2.76");
        assertThat(latest.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(evaluation.history()).hasSize(2);
        assertAllValid(evaluation);
        assertThat(tree(write(latest)).path("completionRatio").decimalValue()).isEqualByComparingTo("0.4724");
        assertThat(tree(write(latest)).path("regionNameZh").asText()).isEqualTo("罗湖区");
        assertThat(tree(write(latest)).path("regionNameEn").asText()).isEqualTo("Luohu District");
    }

    @Test
    void overdueProgressAndAlertsValidate() {
        final SeriesEvaluator withCalendar = new SeriesEvaluator(CATALOGUE, io.pacewatch.wire.CalendarLoader.bundled());
        final Instant may = Instant.parse("2023-05-01T00:00:00Z");
        final Progress nothingYet = withCalendar.evaluate(series("BUDGET_REVENUE"), null, target(j(BUDGET_TARGET)), may)
                .orElseThrow().latest();
        assertThat(nothingYet.status()).isEqualTo(PaceStatus.OVERDUE);
        assertValidProgress(nothingYet);
        // an evaluator without region names writes the record exactly as before the names existed
        assertThat(tree(write(nothingYet)).has("regionNameZh")).isFalse();
        assertThat(tree(write(nothingYet)).has("regionNameEn")).isFalse();
        final Progress lateMarch = withCalendar.evaluate(series("BUDGET_REVENUE"),
                ReleaseHistory.EMPTY.with(budget("2023-02", "25", "2023-03-12")), target(j(BUDGET_TARGET)), may)
                .orElseThrow().latest();
        assertThat(lateMarch.status()).isEqualTo(PaceStatus.OVERDUE);
        assertValidProgress(lateMarch);
        assertValidAlert(AlertPolicy.decide(null, null, nothingYet).orElseThrow());
        assertValidAlert(AlertPolicy.decide(PaceStatus.ON_PACE, PaceStatus.ON_PACE, lateMarch).orElseThrow());
        final io.pacewatch.domain.Alert released = AlertPolicy.decide(PaceStatus.AT_RISK, PaceStatus.OVERDUE, judge("60")).orElseThrow();
        assertThat(released.kind()).isEqualTo(io.pacewatch.domain.AlertKind.RELEASED);
        assertValidAlert(released);
    }

    @Test
    void noDataProgressValidates() {
        final Progress withTarget = EVALUATOR.evaluate(series("BUDGET_REVENUE"), null, target(j(BUDGET_TARGET)), LATER)
                .orElseThrow().latest();
        assertThat(withTarget.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(withTarget.asOfPeriod()).isNull();
        assertValidProgress(withTarget);

        // Only an embargoed figure and no target: nothing visible, nothing known, updatedAt is the epoch.
        final Release embargoed = release(j("{'region':'luohu','indicator':'BUDGET_REVENUE','period':'2023-06','value':60,"
                + "'unit':'亿元','publishedAt':'2023-07-12T09:30:00+08:00','embargoUntil':'2031-01-01T00:00:00+08:00',"
                + "'source':'罗湖区财政局'}"));
        final Progress nothing = EVALUATOR.evaluate(series("BUDGET_REVENUE"), ReleaseHistory.EMPTY.with(embargoed), null, LATER)
                .orElseThrow().latest();
        assertThat(nothing.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(nothing.targetKind()).isNull();
        assertThat(nothing.updatedAt()).isEqualTo(Instant.EPOCH);
        assertValidProgress(nothing);

        // Figures that build no year-to-date (a single month that does not chain from January, a
        // single-period growth rate): nothing judged, no version used.
        final SeriesEvaluation unchained = evaluate("BUDGET_REVENUE", BUDGET_TARGET, release(j("{'region':'luohu',"
                + "'indicator':'BUDGET_REVENUE','period':'2023-M04','basis':'SINGLE_PERIOD','value':8,'unit':'亿元',"
                + "'publishedAt':'2023-05-12T09:30:00+08:00','source':'罗湖区财政局'}")));
        final SeriesEvaluation singleGrowth = evaluate("RETAIL_SALES", RETAIL_TARGET, release(j("{'region':'luohu',"
                + "'indicator':'RETAIL_SALES','period':'2023-M04','basis':'SINGLE_PERIOD','growthPercent':4.9,"
                + "'publishedAt':'2023-05-16T09:30:00+08:00','source':'罗湖区统计局'}")));
        for (final SeriesEvaluation evaluation : List.of(unchained, singleGrowth)) {
            assertThat(evaluation.latest().judgedOn()).isEqualTo(Judgement.NONE);
            assertThat(evaluation.latest().releaseVersions()).isEmpty();
            assertAllValid(evaluation);
        }
        assertThat(unchained.latest().missingMonths()).containsExactly(1, 2, 3);
    }

    @Test
    void notAssessableProgressValidates() {
        // No target at all.
        final SeriesEvaluation noTarget = evaluate("BUDGET_REVENUE", null, budget("2023-06", "60", "2023-07-12"));
        // An amount target, growth published only, last year's amount unknown.
        final SeriesEvaluation growthOnly = evaluate("FIXED_ASSET_INVESTMENT", FAI_TARGET,
                fai("2023-04", null, "9.8", "2023-05-18"));
        // A growth target, amount published only.
        final SeriesEvaluation amountOnly = evaluate("RETAIL_SALES", RETAIL_TARGET,
                retail("2023-M04", "622.4", null, "2023-05-16"));
        for (final SeriesEvaluation evaluation : List.of(noTarget, growthOnly, amountOnly)) {
            assertThat(evaluation.latest().status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
            assertThat(evaluation.latest().judgedOn()).isEqualTo(Judgement.NONE);
            assertAllValid(evaluation);
        }
        assertThat(noTarget.latest().timeProgress()).isEqualByComparingTo("0.5");
    }

    @Test
    void growthProgressValidates() {
        final SeriesEvaluation gdp = evaluate("GDP", GDP_TARGET,
                gdp("2023-Q1", "640.3", "6.1", "2023-04-25"), gdp("2023-S1", "1302.8", "5.2", "2023-07-25"));
        assertThat(gdp.latest().judgedOn()).isEqualTo(Judgement.GROWTH);
        assertThat(gdp.history().get(0).progress().gapPp()).isEqualByComparingTo("-0.40");
        assertThat(gdp.latest().status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(gdp.latest().projectedYearEnd()).isNull();
        assertAllValid(gdp);

        // With last year's amount: a projection and the growth the rest of the year needs.
        final SeriesEvaluation retail = evaluate("RETAIL_SALES", RETAIL_TARGET_WITH_PRIOR,
                retail("2023-M06", "940.2", "5.6", "2023-07-16"));
        assertThat(retail.latest().judgedOn()).isEqualTo(Judgement.GROWTH);
        assertThat(retail.latest().requiredRestOfYearGrowthPercent()).isNotNull();
        assertThat(retail.latest().projectedYearEnd()).isNotNull();
        assertAllValid(retail);
    }

    @Test
    void impliedGrowthProgressValidates() {
        final SeriesEvaluation fai = evaluate("FIXED_ASSET_INVESTMENT", FAI_TARGET_WITH_PRIOR,
                fai("2023-03", "82.0", "10.5", "2023-04-18"), fai("2023-04", null, "9.8", "2023-05-18"));
        assertThat(fai.latest().judgedOn()).isEqualTo(Judgement.IMPLIED_GROWTH);
        assertThat(fai.latest().impliedTargetGrowthPercent()).isEqualByComparingTo("8.57");
        assertThat(fai.history().get(0).progress().judgedOn()).isEqualTo(Judgement.AMOUNT_COMPLETION);
        assertAllValid(fai);
    }

    @Test
    void samePeriodProgressValidates() {
        // last year's 1–6月 and full year, then this year's 1–6月 against a PRIOR_YEAR target, and a linear one
        final io.pacewatch.domain.CumulativeCurve lastYear = io.pacewatch.domain.CumulativeCurve.of(2022, List.of(
                figure("BUDGET_REVENUE", "2022-06", "70", null, "2022-07-12", "罗湖区财政局"),
                figure("BUDGET_REVENUE", "2022-12", "120", null, "2023-01-12", "罗湖区财政局")));
        final String priorYearTarget = BUDGET_TARGET.replace("'value':127", "'value':127,'paceProfile':'PRIOR_YEAR'");
        assertValid(targetSchema, j(priorYearTarget));
        for (final String targetJson : List.of(priorYearTarget, BUDGET_TARGET)) {
            final ReleaseHistory history = ReleaseHistory.EMPTY.with(budget("2023-06", "70", "2023-07-12"));
            final SeriesEvaluation evaluation = EVALUATOR.evaluate(series("BUDGET_REVENUE"), history, target(j(targetJson)),
                    lastYear, LATER, 1).orElseThrow();
            assertThat(evaluation.latest().priorYearGapPp()).isEqualByComparingTo("-3.21");
            assertAllValid(evaluation);
        }
        final SeriesEvaluation fallback = EVALUATOR.evaluate(series("BUDGET_REVENUE"),
                ReleaseHistory.EMPTY.with(budget("2023-05", "58", "2023-06-12")), target(j(priorYearTarget)),
                lastYear, LATER, 1).orElseThrow();
        assertThat(fallback.latest().priorYearFallback()).isTrue();
        assertAllValid(fallback);
    }

    @Test
    void seasonalSingleFigureAndRevisedProgressValidates() {
        final SeriesEvaluation seasonal = evaluate("FIXED_ASSET_INVESTMENT", SEASONAL_FAI_TARGET,
                fai("2023-M01", "9", null, "2023-02-18"),
                release(j("{'region':'luohu','indicator':'FIXED_ASSET_INVESTMENT','period':'2023-02','basis':'SINGLE_PERIOD',"
                        + "'value':25000,'unit':'万元','publishedAt':'2023-03-18T09:30:00+08:00','source':'罗湖区统计局'}")),
                release(j("{'region':'luohu','indicator':'FIXED_ASSET_INVESTMENT','period':'2023-04','basis':'SINGLE_PERIOD',"
                        + "'value':30,'unit':'亿元','publishedAt':'2023-05-18T09:30:00+08:00','source':'罗湖区统计局'}")),
                release(j("{'region':'luohu','indicator':'FIXED_ASSET_INVESTMENT','period':'2023-M01','value':9.5,"
                        + "'unit':'亿元','publishedAt':'2023-03-20T09:30:00+08:00','revision':1,'source':'罗湖区统计局（修订）'}")));
        final Progress january = seasonal.history().get(0).progress();
        assertThat(january.asOfPeriod()).isEqualTo("2023-M01");
        assertThat(january.timeProgress()).isEqualByComparingTo("0");
        assertThat(january.projectedYearEnd()).as("no projection from a zero seasonal share").isNull();
        assertThat(seasonal.latest().missingMonths()).containsExactly(3);
        assertAllValid(seasonal);
    }

    @Test
    void alertsOfEveryKindValidate() {
        final Progress ahead = judge("80");
        final Progress onPace = judge("64");
        final Progress atRisk = judge("60");
        final Progress behind = judge("40");
        assertThat(List.of(ahead.status(), onPace.status(), atRisk.status(), behind.status()))
                .containsExactly(PaceStatus.AHEAD, PaceStatus.ON_PACE, PaceStatus.AT_RISK, PaceStatus.BEHIND);

        final List<Alert> alerts = Stream.of(
                        AlertPolicy.decide(null, atRisk),
                        AlertPolicy.decide(null, behind),
                        AlertPolicy.decide(PaceStatus.ON_PACE, behind),
                        AlertPolicy.decide(PaceStatus.AT_RISK, behind),
                        AlertPolicy.decide(PaceStatus.BEHIND, atRisk),
                        AlertPolicy.decide(PaceStatus.BEHIND, ahead),
                        AlertPolicy.decide(PaceStatus.AT_RISK, onPace))
                .map(Optional::orElseThrow)
                .toList();
        assertThat(alerts).extracting(Alert::kind).containsOnly(AlertKind.WORSENED, AlertKind.IMPROVED, AlertKind.RECOVERED);
        assertThat(alerts).extracting(Alert::severity).containsOnly(Severity.INFO, Severity.WARNING, Severity.CRITICAL);
        assertThat(alerts.get(0).previousStatus()).isEqualTo(PaceStatus.NO_DATA);
        alerts.forEach(MessageSchemaTest::assertValidAlert);

        // Growth-judged figures inside an alert, too.
        final Progress gdp = evaluate("GDP", GDP_TARGET, gdp("2023-Q1", "640.3", "5.1", "2023-04-25")).latest();
        assertValidAlert(AlertPolicy.decide(PaceStatus.ON_PACE, gdp).orElseThrow());
        final Progress fai = evaluate("FIXED_ASSET_INVESTMENT", FAI_TARGET_WITH_PRIOR,
                fai("2023-04", null, "2.0", "2023-05-18")).latest();
        assertThat(fai.judgedOn()).isEqualTo(Judgement.IMPLIED_GROWTH);
        assertValidAlert(AlertPolicy.decide(null, fai).orElseThrow());
    }

    static Stream<Arguments> brokenOutputs() {
        return Stream.of(
                Arguments.of("progress", "an extra field", (Edit) n -> n.put("colour", "amber")),
                Arguments.of("progress", "a missing field", (Edit) n -> n.remove("gapPp")),
                Arguments.of("progress", "an unknown status", (Edit) n -> n.put("status", "GREEN")),
                Arguments.of("progress", "a judged status without a gap", (Edit) n -> n.putNull("gapPp")),
                Arguments.of("progress", "a judged status judged on nothing", (Edit) n -> n.put("judgedOn", "NONE")),
                Arguments.of("progress", "a completion ratio as text", (Edit) n -> n.put("completionRatio", "47.2%")),
                Arguments.of("progress", "an instant with an offset", (Edit) n -> n.put("updatedAt", "2023-07-12T09:30:00+08:00")),
                Arguments.of("progress", "a null list", (Edit) n -> n.putNull("missingMonths")),
                Arguments.of("progress", "month 13", (Edit) n -> n.put("asOfMonth", 13)),
                Arguments.of("progress", "a unit code", (Edit) n -> n.put("unit", "YI_YUAN")),
                Arguments.of("progress", "a version with an extra field",
                        (Edit) n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("releaseVersions").get(0)).put("x", 1)),
                Arguments.of("alert", "a worsening that is only INFO", (Edit) n -> n.put("severity", "INFO")),
                Arguments.of("alert", "an unjudged new status", (Edit) n -> n.put("status", "NO_DATA")),
                Arguments.of("alert", "a short id", (Edit) n -> n.put("id", "327dcfb7")),
                Arguments.of("alert", "figures that break the progress schema", (Edit) n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("figures")).remove("unit")),
                Arguments.of("alert", "a null period", (Edit) n -> n.putNull("period")));
    }

    /** A change to a JSON object tree. */
    interface Edit extends java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> {
    }

    /** The output schemas are strict: a real record with one thing wrong fails. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("brokenOutputs")
    void brokenOutputFailsTheSchema(final String record, final String why, final Edit edit) {
        final Progress progress = judge("60");
        final String json = write(record.equals("alert") ? AlertPolicy.decide(null, progress).orElseThrow() : progress);
        final Schema schema = record.equals("alert") ? alertSchema : progressSchema;
        assertValid(schema, json);
        final com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode) tree(json);
        edit.accept(broken);
        assertInvalid(schema, broken.toString());
    }

    /** The demo feed replayed as the stream judges it: every progress record and alert validates. */
    @Test
    void demoReplayOutputsValidate() {
        final Map<SeriesKey, Target> targets = new HashMap<>();
        lines(TARGETS_FILE).stream().map(MessageSchemaTest::target).forEach(t -> targets.put(t.series(), t));
        final Map<SeriesKey, ReleaseHistory> histories = new HashMap<>();
        final Map<SeriesKey, PaceStatus> lastJudged = new HashMap<>();
        final Set<PaceStatus> statuses = EnumSet.noneOf(PaceStatus.class);
        final Set<Judgement> judgements = EnumSet.noneOf(Judgement.class);
        final List<Alert> alerts = new ArrayList<>();

        for (final Target target : targets.values()) {
            final SeriesEvaluation evaluation = EVALUATOR.evaluate(target.series(), null, target, LATER).orElseThrow();
            assertAllValid(evaluation);
            statuses.add(evaluation.latest().status());
        }
        for (final String line : lines(DEMO_FILE)) {
            final Release release = release(line);
            final SeriesKey key = release.series();
            final ReleaseHistory history = histories.getOrDefault(key, ReleaseHistory.EMPTY).with(release);
            histories.put(key, history);
            final SeriesEvaluation evaluation = EVALUATOR.evaluate(key, history, targets.get(key), LATER).orElseThrow();
            assertAllValid(evaluation);
            evaluation.history().forEach(p -> {
                statuses.add(p.progress().status());
                judgements.add(p.progress().judgedOn());
            });
            final Optional<Alert> alert = AlertPolicy.decide(lastJudged.get(key), evaluation.latest());
            alert.ifPresent(a -> {
                assertValidAlert(a);
                alerts.add(a);
            });
            if (evaluation.latest().status().isJudged()) {
                lastJudged.put(key, evaluation.latest().status());
            }
        }
        assertThat(statuses).contains(PaceStatus.NO_DATA, PaceStatus.AT_RISK);
        assertThat(judgements).contains(Judgement.AMOUNT_COMPLETION, Judgement.GROWTH);
        assertThat(alerts).isNotEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static Progress judge(final String ytdSixMonths) {
        return evaluate("BUDGET_REVENUE", BUDGET_TARGET, budget("2023-06", ytdSixMonths, "2023-07-12")).latest();
    }

    private static SeriesEvaluation evaluate(final String indicator, final String targetJson, final Release... releases) {
        ReleaseHistory history = ReleaseHistory.EMPTY;
        for (final Release release : releases) {
            history = history.with(release);
        }
        final Target target = targetJson == null ? null : target(j(targetJson));
        return EVALUATOR.evaluate(series(indicator), history, target, LATER).orElseThrow();
    }

    private static SeriesKey series(final String indicator) {
        return new SeriesKey("luohu", indicator, 2023);
    }

    private static Release budget(final String period, final String value, final String publishedOn) {
        return figure("BUDGET_REVENUE", period, value, null, publishedOn, "罗湖区财政局");
    }

    private static Release gdp(final String period, final String value, final String growth, final String publishedOn) {
        return figure("GDP", period, value, growth, publishedOn, "罗湖区统计局");
    }

    private static Release fai(final String period, final String value, final String growth, final String publishedOn) {
        return figure("FIXED_ASSET_INVESTMENT", period, value, growth, publishedOn, "罗湖区统计局");
    }

    private static Release retail(final String period, final String value, final String growth, final String publishedOn) {
        return figure("RETAIL_SALES", period, value, growth, publishedOn, "罗湖区统计局");
    }

    /** Builds the release message, checks it against the schema, and reads it with the real codec. */
    private static Release figure(final String indicator, final String period, final String value, final String growth,
                                  final String publishedOn, final String source) {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("region", "luohu");
        message.put("indicator", indicator);
        message.put("period", period);
        if (value != null) {
            message.put("value", new BigDecimal(value));
            message.put("unit", "亿元");
        }
        if (growth != null) {
            message.put("growthPercent", new BigDecimal(growth));
        }
        message.put("publishedAt", publishedOn + "T09:30:00+08:00");
        message.put("source", source);
        try {
            return release(Json.MAPPER.writeValueAsString(message));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Release release(final String json) {
        assertValid(releaseSchema, json);
        return CODEC.release(bytes(json));
    }

    private static Target target(final String json) {
        assertValid(targetSchema, json);
        return CODEC.target(bytes(json));
    }

    private static void assertAllValid(final SeriesEvaluation evaluation) {
        assertValidProgress(evaluation.latest());
        evaluation.history().forEach(p -> {
            assertValidProgress(p.progress());
            // A month's record may stand as of an earlier month (a gap stops the year-to-date chain).
            assertThat(p.progress().asOfMonth()).isLessThanOrEqualTo(p.month());
        });
    }

    private static void assertValidProgress(final Progress progress) {
        assertValid(progressSchema, write(progress));
    }

    private static void assertValidAlert(final Alert alert) {
        assertValid(alertSchema, write(alert));
    }

    private static String write(final Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertValid(final Schema schema, final String json) {
        final List<Error> errors = schema.validate(tree(json));
        assertThat(errors).as("%s against %s", json, schema.getSchemaLocation()).isEmpty();
    }

    private static void assertInvalid(final Schema schema, final String json) {
        assertThat(schema.validate(tree(json))).as("%s against %s", json, schema.getSchemaLocation()).isNotEmpty();
    }

    private static Schema schema(final String file) {
        return registry.getSchema(SchemaLocation.of(BASE_ID + file));
    }

    private static JsonNode tree(final String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON written with single quotes for readability. */
    private static String j(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static byte[] bytes(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-blank lines that are not {@code #} comments. */
    private static List<String> lines(final Path file) {
        return read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
    }
}
