package io.pacewatch.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Basis;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputCodecTest {

    /** The worked example as a bureau would send it. */
    private static final String RELEASE = "{\"region\":\"luohu\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"2023-06\","
            + "\"basis\":\"CUMULATIVE\",\"value\":60,\"unit\":\"亿元\",\"publishedAt\":\"2023-07-15T09:30:00+08:00\","
            + "\"source\":\"罗湖区财政局\"}";
    private static final String TARGET = "{\"region\":\"luohu\",\"year\":2023,\"indicator\":\"BUDGET_REVENUE\","
            + "\"kind\":\"AMOUNT\",\"value\":127,\"unit\":\"亿元\",\"publishedAt\":\"2023-01-10T09:00:00+08:00\","
            + "\"source\":\"罗湖区2023年政府工作报告\"}";

    private final InputCodec codec = new InputCodec(Releases.CATALOGUE);

    private static byte[] utf8(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The release message with every occurrence of {@code find} replaced. */
    private static String release(final String find, final String replace) {
        return RELEASE.replace(find, replace);
    }

    /** The release message with one more field at the end (a second "value" makes a duplicated key). */
    private static String releaseWith(final String extraField) {
        return RELEASE.substring(0, RELEASE.length() - 1) + "," + extraField + "}";
    }

    private InvalidInputException releaseRejection(final byte[] json) {
        return catchThrowableOfType(InvalidInputException.class, () -> codec.release(json));
    }

    private InvalidInputException targetRejection(final byte[] json) {
        return catchThrowableOfType(InvalidInputException.class, () -> codec.target(json));
    }

    @Test
    @DisplayName("A well-formed release message becomes a validated Release")
    void readsRelease() {
        // when
        final Release release = codec.release(utf8(RELEASE));

        // then
        assertThat(release.region()).isEqualTo("luohu");
        assertThat(release.indicator()).isEqualTo("BUDGET_REVENUE");
        assertThat(release.period()).isEqualTo(new ReferencePeriod(2023, 1, 6));
        assertThat(release.basis()).isEqualTo(Basis.CUMULATIVE);
        assertThat(release.value()).isEqualByComparingTo("60");
        assertThat(release.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(release.publishedAt()).isEqualTo(Instant.parse("2023-07-15T01:30:00Z"));
        assertThat(release.source()).isEqualTo("罗湖区财政局");
    }

    @Test
    @DisplayName("Reading bytes and validating the same draft accept exactly the same release")
    void bytesAndDraftsAgree() {
        // given
        final Release fromDraft = codec.release(Releases.budgetRevenue().cumulativeThrough(6).value("60")
                .publishedAt("2023-07-15T09:30:00+08:00").source("罗湖区财政局").draft());

        // when
        final Release fromBytes = codec.release(utf8(RELEASE));

        // then
        assertThat(fromBytes).isEqualTo(fromDraft);
    }

    @Test
    @DisplayName("A well-formed target message becomes a validated Target")
    void readsTarget() {
        // when
        final Target target = codec.target(utf8(TARGET));

        // then
        assertThat(target).isEqualTo(Targets.budgetRevenue127().build());
    }

    @Test
    @DisplayName("Optional fields may be null or left out")
    void optionalFieldsMayBeNull() {
        // given
        final String json = releaseWith("\"growthPercent\":null,\"revision\":null,\"embargoUntil\":null");

        // when
        final Release release = codec.release(utf8(json));

        // then
        assertThat(release).isEqualTo(codec.release(utf8(RELEASE)));
    }

    static Stream<Arguments> rejectedReleases() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"region\":\"luohu\",,}", RejectionReason.MALFORMED_JSON, "Unexpected character"),
                Arguments.of("truncated JSON", RELEASE.substring(0, RELEASE.length() - 1), RejectionReason.MALFORMED_JSON,
                        "end-of-input"),
                Arguments.of("truncated inside a string", RELEASE.substring(0, 25), RejectionReason.MALFORMED_JSON,
                        "end-of-input"),
                Arguments.of("JSON null", "null", RejectionReason.MALFORMED_JSON, "JSON null"),
                Arguments.of("an empty message", "", RejectionReason.MALFORMED_JSON, "empty"),
                Arguments.of("only whitespace", "   \n", RejectionReason.MALFORMED_JSON, "truncated"),
                Arguments.of("an array", "[" + RELEASE + "]", RejectionReason.WRONG_TYPE, "Array"),
                Arguments.of("a bare number", "60", RejectionReason.WRONG_TYPE, "message"),
                Arguments.of("single quotes", release("\"region\"", "'region'"), RejectionReason.MALFORMED_JSON, "'''"),
                Arguments.of("a comment", "/* figures */" + RELEASE, RejectionReason.MALFORMED_JSON, "comment"),
                Arguments.of("leading zeros", release("\"value\":60", "\"value\":060"), RejectionReason.MALFORMED_JSON,
                        "Leading zeroes"),
                Arguments.of("a raw control character in a string", release("罗湖区财政局", "罗湖\u0001财政局"),
                        RejectionReason.MALFORMED_JSON, "CTRL-CHAR"),
                Arguments.of("value as a string (no coercion)", release("\"value\":60", "\"value\":\"60\""),
                        RejectionReason.WRONG_TYPE, "value has the wrong type"),
                Arguments.of("value as a quoted NaN", release("\"value\":60", "\"value\":\"NaN\""),
                        RejectionReason.WRONG_TYPE, "value"),
                Arguments.of("value as a boolean", release("\"value\":60", "\"value\":true"), RejectionReason.WRONG_TYPE, "value"),
                Arguments.of("value as an object", release("\"value\":60", "\"value\":{\"amount\":60}"),
                        RejectionReason.WRONG_TYPE, "value"),
                Arguments.of("growth as a list", releaseWith("\"growthPercent\":[4.2]"), RejectionReason.WRONG_TYPE, "growthPercent"),
                Arguments.of("revision as a string", releaseWith("\"revision\":\"1\""), RejectionReason.WRONG_TYPE, "revision"),
                Arguments.of("an unknown field", releaseWith("\"colour\":\"red\""), RejectionReason.UNKNOWN_FIELD,
                        "'colour' is not part of a release message"),
                Arguments.of("a duplicated key", releaseWith("\"value\":61"), RejectionReason.DUPLICATE_FIELD, "'value'"),
                Arguments.of("an unknown indicator", release("BUDGET_REVENUE", "HAPPINESS"), RejectionReason.UNKNOWN_INDICATOR,
                        "'HAPPINESS'"),
                Arguments.of("month 13", release("2023-06", "2023-13"), RejectionReason.INVALID_PERIOD, "2023-13"),
                Arguments.of("quarter 5", release("2023-06", "2023-Q5"), RejectionReason.INVALID_PERIOD, "2023-Q5"),
                Arguments.of("half-year 3", release("2023-06", "2023-S3"), RejectionReason.INVALID_PERIOD, "2023-S3"),
                Arguments.of("a range from the 15th", release("2023-06", "2023-02-15/P2M"), RejectionReason.INVALID_PERIOD,
                        "2023-02-15/P2M"),
                Arguments.of("a range past December", release("2023-06", "2023-11-01/P3M")
                        .replace("2023-07-15T", "2024-02-15T"), RejectionReason.INVALID_PERIOD, "2023-11-01/P3M"),
                Arguments.of("a GDP release for May", release("BUDGET_REVENUE", "GDP").replace("2023-06", "2023-M05"),
                        RejectionReason.INVALID_PERIOD, "2023-M05"),
                Arguments.of("unquoted NaN", release("\"value\":60", "\"value\":NaN"), RejectionReason.NOT_A_NUMBER, "NaN"),
                Arguments.of("unquoted Infinity", release("\"value\":60", "\"value\":Infinity"), RejectionReason.NOT_A_NUMBER,
                        "Infinity"),
                Arguments.of("unquoted -Infinity", releaseWith("\"growthPercent\":-Infinity"), RejectionReason.NOT_A_NUMBER,
                        "-Infinity"),
                Arguments.of("a negative amount", release("\"value\":60", "\"value\":-60"), RejectionReason.NEGATIVE_AMOUNT, "-60"),
                Arguments.of("an unknown unit", release("亿元", "千元"), RejectionReason.UNKNOWN_UNIT, "'千元'"),
                Arguments.of("a huge amount", release("\"value\":60", "\"value\":1e300"), RejectionReason.IMPLAUSIBLE_VALUE,
                        "exceeds 10^15 yuan"),
                Arguments.of("a number of 100 digits", release("\"value\":60", "\"value\":" + "9".repeat(100)),
                        RejectionReason.OVERSIZE, "Number value length"),
                Arguments.of("growth of −100%", releaseWith("\"growthPercent\":-100"), RejectionReason.IMPLAUSIBLE_VALUE,
                        "growthPercent -100"),
                Arguments.of("growth below −100%", releaseWith("\"growthPercent\":-100.5"), RejectionReason.IMPLAUSIBLE_VALUE,
                        "-100.5"),
                Arguments.of("deep nesting", releaseWith("\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40)),
                        RejectionReason.OVERSIZE, "nesting depth"),
                Arguments.of("an escaped control character in the source", release("罗湖区财政局", "罗湖\\u0007财政局"),
                        RejectionReason.INVALID_TEXT, "source '罗湖\\u0007财政局'"),
                Arguments.of("a right-to-left override in the source", release("罗湖区财政局", "罗湖\\u202e局政财"),
                        RejectionReason.INVALID_TEXT, "\\u202E"),
                Arguments.of("HTML in the region", release("\"luohu\"", "\"<img src=x onerror=alert(1)>\""),
                        RejectionReason.INVALID_TEXT, "region '<img src=x onerror=alert(1)>'"),
                Arguments.of("published before the period ended", release("2023-07-15T09:30", "2023-06-20T09:30"),
                        RejectionReason.INVALID_PERIOD, "before its period"),
                Arguments.of("a value for growth-only industrial value added",
                        release("BUDGET_REVENUE", "INDUSTRIAL_VALUE_ADDED"), RejectionReason.INVALID_FIELD,
                        "INDUSTRIAL_VALUE_ADDED is published as growth rates only"),
                Arguments.of("neither value nor growth", release("\"value\":60,", ""), RejectionReason.MISSING_FIELD,
                        "value, a growthPercent or both"),
                Arguments.of("an empty object", "{}", RejectionReason.MISSING_FIELD, "region"));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("rejectedReleases")
    @DisplayName("Every bad release message is refused with its reason and a message that names the field or value")
    void rejectsBadReleaseMessages(final String description, final String json, final RejectionReason reason,
                                   final String named) {
        // when
        final InvalidInputException rejection = releaseRejection(utf8(json));

        // then
        assertThat(rejection).as(description).isNotNull();
        assertThat(rejection.reason()).as(rejection.getMessage()).isEqualTo(reason);
        assertThat(rejection.getMessage()).contains(named);
    }

    @Test
    @DisplayName("A null message is refused as malformed, not with a NullPointerException")
    void rejectsNullBytes() {
        // when
        final InvalidInputException rejection = releaseRejection(null);

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED_JSON);
        assertThat(rejection.getMessage()).contains("empty");
    }

    @Test
    @DisplayName("Bytes that are not UTF-8 are malformed")
    void rejectsInvalidUtf8() {
        // given
        final byte[] json = utf8(RELEASE);
        final int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("luohu");
        json[at] = (byte) 0xC3;
        json[at + 1] = (byte) 0x28;

        // when
        final InvalidInputException rejection = releaseRejection(json);

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED_JSON);
        assertThat(rejection.getMessage()).contains("UTF-8");
    }

    @Test
    @DisplayName("A message of exactly 64 KiB is read; one byte more is OVERSIZE, before any parsing")
    void sizeLimitIsSixtyFourKibibytes() {
        // given: the release padded with insignificant whitespace
        final byte[] base = utf8(RELEASE);
        final byte[] atLimit = padded(base, InputCodec.MAX_MESSAGE_BYTES);
        final byte[] overLimit = padded(base, InputCodec.MAX_MESSAGE_BYTES + 1);

        // when
        final Release accepted = codec.release(atLimit);
        final InvalidInputException rejection = releaseRejection(overLimit);

        // then
        assertThat(InputCodec.MAX_MESSAGE_BYTES).isEqualTo(65536);
        assertThat(accepted).isEqualTo(codec.release(base));
        assertThat(rejection.reason()).isEqualTo(RejectionReason.OVERSIZE);
        assertThat(rejection.getMessage()).contains("65537 bytes").contains("65536");
    }

    @Test
    @DisplayName("An oversize message is refused as OVERSIZE even when it is also malformed")
    void oversizeIsCheckedFirst() {
        // given
        final byte[] garbage = new byte[InputCodec.MAX_MESSAGE_BYTES + 100];
        Arrays.fill(garbage, (byte) '{');

        // when
        final InvalidInputException rejection = releaseRejection(garbage);

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.OVERSIZE);
    }

    private static byte[] padded(final byte[] json, final int size) {
        final byte[] out = new byte[size];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(json, 0, out, 0, json.length);
        return out;
    }

    static Stream<Arguments> rejectedTargets() {
        final String base = TARGET.substring(0, TARGET.length() - 1);
        return Stream.of(
                Arguments.of("thresholds out of order", base + ",\"thresholds\":{\"aheadFromPp\":-1,\"atRiskBelowPp\":0,"
                        + "\"behindBelowPp\":1}}", RejectionReason.INVALID_FIELD, "aheadFromPp >= atRiskBelowPp"),
                Arguments.of("a threshold left out", base + ",\"thresholds\":{\"aheadFromPp\":5,\"atRiskBelowPp\":0}}",
                        RejectionReason.MISSING_FIELD, "behindBelowPp"),
                Arguments.of("an unknown threshold", base + ",\"thresholds\":{\"aheadFromPp\":5,\"atRiskBelowPp\":0,"
                        + "\"behindBelowPp\":-5,\"panicBelowPp\":-20}}", RejectionReason.UNKNOWN_FIELD, "panicBelowPp"),
                Arguments.of("a threshold as a string", base + ",\"thresholds\":{\"aheadFromPp\":\"5\",\"atRiskBelowPp\":0,"
                        + "\"behindBelowPp\":-5}}", RejectionReason.WRONG_TYPE, "thresholds.aheadFromPp"),
                Arguments.of("year as a string", TARGET.replace("\"year\":2023", "\"year\":\"2023\""),
                        RejectionReason.WRONG_TYPE, "year"),
                Arguments.of("seasonal shares as strings", base + ",\"paceProfile\":\"SEASONAL\",\"seasonalShares\":[\"0.1\"]}",
                        RejectionReason.WRONG_TYPE, "seasonalShares"),
                Arguments.of("an unknown field", base + ",\"comment\":\"ambitious\"}", RejectionReason.UNKNOWN_FIELD,
                        "'comment' is not part of a target message"),
                Arguments.of("a duplicated key", base + ",\"value\":130}", RejectionReason.DUPLICATE_FIELD, "'value'"),
                Arguments.of("an amount target for industrial value added",
                        TARGET.replace("BUDGET_REVENUE", "INDUSTRIAL_VALUE_ADDED"), RejectionReason.INVALID_FIELD,
                        "only have a GROWTH target"),
                Arguments.of("an unquoted NaN target", TARGET.replace("\"value\":127", "\"value\":NaN"),
                        RejectionReason.NOT_A_NUMBER, "NaN"),
                Arguments.of("JSON null", "null", RejectionReason.MALFORMED_JSON, "JSON null"));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("rejectedTargets")
    @DisplayName("Every bad target message is refused with its reason and a message that names the field or value")
    void rejectsBadTargetMessages(final String description, final String json, final RejectionReason reason,
                                  final String named) {
        // when
        final InvalidInputException rejection = targetRejection(utf8(json));

        // then
        assertThat(rejection).as(description).isNotNull();
        assertThat(rejection.reason()).as(rejection.getMessage()).isEqualTo(reason);
        assertThat(rejection.getMessage()).contains(named);
    }

    @Test
    @DisplayName("Targets with stated thresholds and a seasonal profile are read from JSON")
    void readsTargetWithThresholdsAndSeasonalProfile() {
        // given
        final String json = TARGET.substring(0, TARGET.length() - 1) + ",\"paceProfile\":\"SEASONAL\","
                + "\"seasonalShares\":[0.10,0.18,0.27,0.35,0.43,0.55,0.62,0.69,0.76,0.84,0.92,1],"
                + "\"thresholds\":{\"aheadFromPp\":3,\"atRiskBelowPp\":-1,\"behindBelowPp\":-4}}";

        // when
        final Target target = codec.target(utf8(json));

        // then
        assertThat(target.paceProfile().expectedShare(6)).isEqualByComparingTo("0.55");
        assertThat(target.thresholds()).isEqualTo(Targets.thresholds("3", "-1", "-4"));
    }

    @Test
    @DisplayName("A fractional revision is the wrong type, not silently truncated")
    void rejectsFractionalRevision() {
        // given
        final String json = releaseWith("\"revision\":1.5");

        // when
        final InvalidInputException rejection = releaseRejection(utf8(json));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.WRONG_TYPE);
        assertThat(rejection.getMessage()).contains("revision");
    }

    @Test
    @DisplayName("A number or boolean where text is expected is the wrong type, not coerced into text")
    void rejectsScalarsForTextFields() {
        // given
        final String booleanSource = release("\"罗湖区财政局\"", "true");
        final String numericRegion = release("\"luohu\"", "123");

        // when
        final InvalidInputException sourceRejection = releaseRejection(utf8(booleanSource));
        final InvalidInputException regionRejection = releaseRejection(utf8(numericRegion));

        // then
        assertThat(sourceRejection).isNotNull();
        assertThat(sourceRejection.reason()).isEqualTo(RejectionReason.WRONG_TYPE);
        assertThat(sourceRejection.getMessage()).contains("source");
        assertThat(regionRejection).isNotNull();
        assertThat(regionRejection.reason()).isEqualTo(RejectionReason.WRONG_TYPE);
        assertThat(regionRejection.getMessage()).contains("region");
    }

    @Test
    @DisplayName("A second JSON document after the message is malformed JSON")
    void rejectsTrailingDocument() {
        // given
        final String json = RELEASE + " {}";

        // when
        final InvalidInputException rejection = releaseRejection(utf8(json));

        // then
        assertThat(rejection).isNotNull();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED_JSON);
    }

    @Test
    @DisplayName("Trailing garbage after the message is malformed JSON")
    void rejectsTrailingGarbage() {
        // when
        final InvalidInputException rejection = releaseRejection(utf8(RELEASE + " x"));

        // then
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED_JSON);
        assertThat(rejection.getMessage()).contains("'x'");
    }

    @Test
    @DisplayName("Amounts in a message are read exactly, as decimals, never through binary floating point")
    void readsDecimalsExactly() {
        // given
        final String json = release("\"value\":60", "\"value\":0.1").replace("亿元", "元");

        // when
        final Release release = codec.release(utf8(json));

        // then
        assertThat(release.value()).isEqualTo(new BigDecimal("1E-9"));
    }
}
