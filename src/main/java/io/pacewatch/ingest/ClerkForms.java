package io.pacewatch.ingest;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SafeText;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What statistics clerks write, normalised at the edge into what a release or target message says:
 * Chinese headings, indicator names and aliases, Chinese periods (through {@link ChinesePeriods}),
 * numbers with thousands separators or full-width digits, a {@code %} in a percentage column, dates
 * without an offset. The result is the message's own field text, so the stream's validation still
 * decides everything else, and the stream, the schemas and the dead-letter rules do not change.
 *
 * <p>Nothing here guesses: a form is either one of those documented in docs/publishing.md, matched
 * exactly after folding full-width characters and spaces, or it is refused with the reason.
 *
 * <p>One instance reads the files of one run: it counts the dates it took in its zone, for the summary.
 */
public final class ClerkForms {

    /** Where bureaus publish from: a date without an offset is a local date there. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** The field a release column may be headed by, with its Chinese headings besides its own name. */
    static final Map<String, List<String>> RELEASE_HEADINGS = headings(
            "region", List.of("地区", "区域", "地区名称"),
            "indicator", List.of("指标", "指标名称"),
            "period", List.of("时期", "报告期", "统计时期"),
            "basis", List.of("口径", "统计口径"),
            "value", List.of("累计值", "当期值", "数值"),
            "unit", List.of("单位", "计量单位"),
            "growthPercent", List.of("累计增长(%)", "当期增长(%)", "同比增长(%)", "增长(%)", "增速(%)"),
            "publishedAt", List.of("发布时间", "发布日期"),
            "revision", List.of("修订", "修订号"),
            "source", List.of("来源", "数据来源"),
            "embargoUntil", List.of("解禁时间"),
            ClerkForms.NOTE, List.of("备注"));

    static final Map<String, List<String>> TARGET_HEADINGS = headings(
            "region", List.of("地区", "区域", "地区名称"),
            "year", List.of("年度", "年份"),
            "indicator", List.of("指标", "指标名称"),
            "kind", List.of("目标类型"),
            "value", List.of("目标值"),
            "unit", List.of("单位", "计量单位"),
            "paceProfile", List.of("进度方式"),
            "seasonalShares", List.of("季节进度"),
            "aheadFromPp", List.of("超前阈值(百分点)"),
            "atRiskBelowPp", List.of("预警阈值(百分点)"),
            "behindBelowPp", List.of("落后阈值(百分点)"),
            "priorYearAmount", List.of("上年完成值"),
            "publishedAt", List.of("发布时间", "发布日期"),
            "source", List.of("来源", "数据来源"),
            ClerkForms.NOTE, List.of("备注"));

    /** A column for the clerk's own remarks: never sent, except that it marks the template's example row. */
    static final String NOTE = "note";
    /** What the template's example row says in its note, and how it is recognised. */
    static final String EXAMPLE_MARK = "示例 example: delete this row";

    /** Headings that say the basis of their figures, for a table without a basis column. */
    private static final Map<String, Basis> BASIS_OF_HEADING = Map.of(
            IndicatorCatalogue.matchingForm("累计值"), Basis.CUMULATIVE,
            IndicatorCatalogue.matchingForm("累计增长(%)"), Basis.CUMULATIVE,
            IndicatorCatalogue.matchingForm("当期值"), Basis.SINGLE_PERIOD,
            IndicatorCatalogue.matchingForm("当期增长(%)"), Basis.SINGLE_PERIOD);

    /** The Chinese words for the values of the enumerated fields. */
    private static final Map<String, Map<String, String>> CHOICES = Map.of(
            "basis", choices("CUMULATIVE", List.of("累计"), "SINGLE_PERIOD", List.of("当期", "当月", "当季")),
            "kind", choices("AMOUNT", List.of("总量", "总额", "金额"), "GROWTH", List.of("增速", "增长", "增长率")),
            "paceProfile", withChoice(choices("LINEAR", List.of("线性", "序时"), "SEASONAL", List.of("季节", "季节性")),
                    "PRIOR_YEAR", List.of("上年同期", "同期")));

    /** Plain or scientific notation in ASCII digits, as JSON writes numbers; no NaN, no hex. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_DATE_TIME = Pattern.compile(
            "(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[T ]+(\\d{1,2})[:时](\\d{2})(?:[:分](\\d{2})(?:\\.\\d+)?秒?)?)?");
    /** Same bound as the JSON reader's maximum number length. */
    static final int MAX_NUMBER_LENGTH = 64;

    private final IndicatorCatalogue catalogue;
    private final ZoneId zone;
    private final Integer year;
    private int localTimes;

    /**
     * @param zone where a date or date-time without an offset is taken
     * @param year the year of periods a table writes without one ({@code 1-6月}), or {@code null}
     */
    public ClerkForms(final IndicatorCatalogue catalogue, final ZoneId zone, final Integer year) {
        this.catalogue = catalogue;
        this.zone = zone;
        this.year = year;
    }

    ZoneId zone() {
        return zone;
    }

    Integer year() {
        return year;
    }

    /** How many dates were read without an offset, and so taken in {@link #zone()}. */
    int localTimes() {
        return localTimes;
    }

    /** The summary's line on dates read without an offset, or {@code null} when there were none. */
    public String zoneNote() {
        return localTimes == 0 ? null : String.format(Locale.ROOT,
                "local times   %,d date(s) without an offset, taken in %s", localTimes, zone);
    }

    /** The field a heading names: its own name exactly, or one of its Chinese headings after folding. */
    static Optional<String> field(final Map<String, List<String>> headings, final String written) {
        final String name = written.strip();
        if (headings.containsKey(name)) {
            return Optional.of(name);
        }
        final String form = IndicatorCatalogue.matchingForm(name);
        return headings.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(alias -> IndicatorCatalogue.matchingForm(alias).equals(form)))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every accepted heading, for the message that refuses an unknown one. */
    static String describe(final Map<String, List<String>> headings) {
        return headings.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The basis a heading such as 累计值 states, if it states one. */
    static Optional<Basis> basisOfHeading(final String heading) {
        return heading == null ? Optional.empty()
                : Optional.ofNullable(BASIS_OF_HEADING.get(IndicatorCatalogue.matchingForm(heading)));
    }

    /** A code-like cell (region, unit): full-width folded and spaces around it dropped. */
    static String plain(final String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** The indicator's code, from its code, either name or an alias. */
    String indicator(final String written) {
        return catalogue.findByName(written).map(Indicator::code).orElseThrow(() -> new InvalidInputException(
                RejectionReason.UNKNOWN_INDICATOR, "indicator " + SafeText.quote(written)
                + " is not in the catalogue; known: " + catalogue.all().stream()
                        .map(i -> i.code() + " " + i.nameZh() + (i.aliases().isEmpty() ? ""
                                : " (" + String.join(", ", i.aliases()) + ")"))
                        .collect(Collectors.joining(", "))));
    }

    String period(final String written) {
        return ChinesePeriods.canonical(written, year);
    }

    /** The value of an enumerated field ({@code basis}, {@code kind}, {@code paceProfile}): its code or Chinese word. */
    static String choice(final String field, final String written) {
        final String form = IndicatorCatalogue.matchingForm(written);
        return CHOICES.getOrDefault(field, Map.of()).getOrDefault(form, plain(written));
    }

    /** The Chinese words of a field's values, for the docs and the template. */
    static Map<String, String> choices(final String field) {
        return CHOICES.getOrDefault(field, Map.of());
    }

    /**
     * A number as a clerk writes it: full-width digits folded, thousands separated by commas
     * ({@code 1,391.75}) when the groups are of three, and a trailing {@code %} only in a percentage
     * column. A comma that does not separate thousands ({@code 45,1}) may be a decimal comma, and is
     * refused rather than read either way.
     */
    static BigDecimal number(final String field, final String written, final boolean percentColumn) {
        String text = Normalizer.normalize(written, Normalizer.Form.NFKC).strip();
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new InvalidInputException(RejectionReason.OVERSIZE,
                    field + " is a number of " + text.length() + " characters; at most " + MAX_NUMBER_LENGTH + " are accepted");
        }
        if (percentColumn && text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        } else if (text.contains("%")) {
            throw notPercent(field, written);
        }
        if (NOT_A_NUMBER.matcher(text).matches()) {
            throw new InvalidInputException(RejectionReason.NOT_A_NUMBER,
                    "NaN and Infinity are not figures: " + field + " is " + SafeText.quote(written));
        }
        if (GROUPED.matcher(text).matches()) {
            text = text.replace(",", "");
        } else if (text.contains(",")) {
            throw new InvalidInputException(RejectionReason.WRONG_TYPE, field + " " + SafeText.quote(written)
                    + " is not a number: a comma may only separate thousands (1,391.75); decimals take a '.'");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidInputException(RejectionReason.WRONG_TYPE, field + " " + SafeText.quote(written)
                    + " is not a number; write digits with a '.' for decimals, e.g. 1391.75 or 1,391.75");
        }
        return new BigDecimal(text);
    }

    static InvalidInputException notPercent(final String field, final String written) {
        return new InvalidInputException(RejectionReason.WRONG_TYPE, field + " " + SafeText.quote(written)
                + " is a percentage, but only a percentage column (growthPercent, 累计增长(%)) takes one;"
                + " write the number alone");
    }

    static Integer integer(final String field, final String written) {
        final String text = Normalizer.normalize(written, Normalizer.Form.NFKC).strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidInputException(RejectionReason.WRONG_TYPE,
                    field + " " + SafeText.quote(written) + " is not a whole number");
        }
        return Integer.valueOf(text);
    }

    /**
     * A date-time as the message states it (ISO-8601 with an offset). One with an offset is kept as
     * written; a date ({@code 2023-07-15}, {@code 2023/7/15}, {@code 2023年7月15日}) or a local
     * date-time ({@code 2023-07-15 09:30}) is taken in {@link #zone()}, midnight for a date.
     */
    String dateTime(final String field, final String written) {
        final String text = Normalizer.normalize(written, Normalizer.Form.NFKC).strip();
        try {
            OffsetDateTime.parse(text);
            return text;
        } catch (final DateTimeParseException e) {
            // not with an offset: a local form, or nothing
        }
        final Matcher m = LOCAL_DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, field + " " + SafeText.quote(written)
                    + " is not a date; write 2023-07-15 or 2023-07-15 09:30 (taken in " + zone
                    + "), or 2023-07-15T09:30:00+08:00");
        }
        try {
            final LocalDateTime local = LocalDateTime.of(group(m, 1), group(m, 2), group(m, 3), group(m, 4), group(m, 5),
                    group(m, 6));
            localTimes++;
            return local.atZone(zone).toOffsetDateTime().toString();
        } catch (final DateTimeException e) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    field + " " + SafeText.quote(written) + " is not a date: " + e.getMessage(), e);
        }
    }

    /**
     * The note of a row, unless it marks the template's example, whose figures are made up: that row
     * is refused, never published, so a forgotten example cannot reach the dashboard.
     */
    static String refuseExample(final String note) {
        final String form = IndicatorCatalogue.matchingForm(note);
        if (form.startsWith("示例") || form.startsWith("example")) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD, "this is the template's example row"
                    + " (its note says " + SafeText.quote(note) + "); delete the row, or clear its note, before publishing");
        }
        return note;
    }

    private static int group(final Matcher m, final int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    private static Map<String, List<String>> headings(final Object... fieldsAndAliases) {
        final Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndAliases.length; i += 2) {
            @SuppressWarnings("unchecked")
            final List<String> aliases = (List<String>) fieldsAndAliases[i + 1];
            map.put((String) fieldsAndAliases[i], aliases);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> withChoice(final Map<String, String> choices, final String code,
                                                  final List<String> words) {
        final Map<String, String> map = new LinkedHashMap<>(choices);
        words.forEach(w -> map.put(IndicatorCatalogue.matchingForm(w), code));
        return map;
    }

    private static Map<String, String> choices(final String first, final List<String> firstWords, final String second,
                                               final List<String> secondWords) {
        final Map<String, String> map = new LinkedHashMap<>();
        firstWords.forEach(w -> map.put(IndicatorCatalogue.matchingForm(w), first));
        secondWords.forEach(w -> map.put(IndicatorCatalogue.matchingForm(w), second));
        return map;
    }
}
