package io.pacewatch.faults;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;

/**
 * A deterministic synthetic feed for a numbered set of regions ({@code prefix-0}, {@code prefix-1}, …):
 * the five bundled indicators with a target each, and a year of releases whose pace wanders between
 * ahead, on pace, at risk and behind, so that status transitions (hence alerts) happen, plus
 * revisions: quick ones (a corrected figure before the next month's, which may change the latest
 * standing and alert) and late ones (a correction of the previous month after the current month's
 * figure arrived, which only changes that month's record).
 *
 * <p>Region {@code i}'s figures depend only on {@code seed} and {@code i}, never on the prefix, so two
 * feeds with different prefixes and the same seed are the same input under other names: one can be
 * run cleanly as a reference for the other. {@link #regionToken()} is the text to replace to compare them.
 *
 * <p>Releases are keyed by series, so a series' records keep their order on one partition, and are
 * ordered month by month across regions, as bureaus publish. Within a range of months the last record
 * of every series is always the original figure of the range's last period (no revision follows it),
 * so "the latest standing is as of that month" means "everything of this range was processed".
 */
final class Feed {

    static final int YEAR = 2023;
    static final List<String> INDICATORS =
            List.of("GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
    static final String TARGET_PUBLISHED_AT = "2023-01-10T09:00:00+08:00";

    private static final int GDP = 0;
    /** Index of BUDGET_REVENUE in {@link #INDICATORS}, for {@link #release}. */
    static final int BUDGET = 1;
    /** Pace levels for {@link #release}. */
    static final int AHEAD = 0;
    static final int ON_PACE = 1;
    static final int AT_RISK = 2;
    static final int BEHIND = 3;
    private static final int INVESTMENT = 2;
    private static final BigDecimal BUDGET_TARGET = new BigDecimal("127");
    private static final BigDecimal INVESTMENT_TARGET = new BigDecimal("380");
    private static final BigDecimal[] GROWTH_TARGET = {new BigDecimal("6.5"), null, null, new BigDecimal("5.0"),
        new BigDecimal("3.0")};
    /** Gap per level (ahead, on pace, at risk, behind), well inside each band so rounding never moves a status. */
    private static final double[] AMOUNT_GAP_PP = {7.5, 2.0, -2.5, -8.5};
    private static final double[] GROWTH_GAP_PP = {1.6, 0.5, -0.5, -1.8};
    private static final DateTimeFormatter PUBLISHED = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final String prefix;
    private final int regions;
    private final long seed;

    Feed(final String prefix, final int regions, final long seed) {
        this.prefix = prefix;
        this.regions = regions;
        this.seed = seed;
    }

    String region(final int i) {
        return prefix + "-" + i;
    }

    /** What every region code of this feed starts with; replace it to compare two feeds. */
    String regionToken() {
        return prefix + "-";
    }

    List<String> regions() {
        final List<String> all = new ArrayList<>(regions);
        for (int i = 0; i < regions; i++) {
            all.add(region(i));
        }
        return all;
    }

    /** Every series id of the feed, {@code region|indicator|2023}. */
    List<String> seriesIds() {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            for (final String indicator : INDICATORS) {
                ids.add(seriesId(region(i), indicator));
            }
        }
        return ids;
    }

    static String seriesId(final String region, final String indicator) {
        return region + "|" + indicator + "|" + YEAR;
    }

    /** One target per series, as in a government work report. */
    List<KeyValue<String, String>> targets() {
        final List<KeyValue<String, String>> records = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            for (int ind = 0; ind < INDICATORS.size(); ind++) {
                records.add(KeyValue.pair(seriesId(region(i), INDICATORS.get(ind)),
                        target(region(i), INDICATORS.get(ind), TARGET_PUBLISHED_AT, null)));
            }
        }
        return records;
    }

    /**
     * The standard target of an indicator; {@code scale} (e.g. 1.1) scales the amount or growth,
     * {@code null} for the standard value.
     */
    static String target(final String region, final String indicator, final String publishedAt, final BigDecimal scale) {
        final int ind = INDICATORS.indexOf(indicator);
        final boolean amount = ind == BUDGET || ind == INVESTMENT;
        BigDecimal value = amount ? (ind == BUDGET ? BUDGET_TARGET : INVESTMENT_TARGET) : GROWTH_TARGET[ind];
        if (scale != null) {
            value = value.multiply(scale).setScale(amount ? 2 : 1, RoundingMode.HALF_UP);
        }
        return "{\"region\":\"" + region + "\",\"year\":" + YEAR + ",\"indicator\":\"" + indicator + "\",\"kind\":\""
                + (amount ? "AMOUNT" : "GROWTH") + "\",\"value\":" + value.toPlainString()
                + (amount ? ",\"unit\":\"亿元\"" : "") + ",\"publishedAt\":\"" + publishedAt
                + "\",\"source\":\"work report\"}";
    }

    /** The releases of the months in {@code fromMonth..toMonth} (2..12) for every region, month by month. */
    List<KeyValue<String, String>> releases(final int fromMonth, final int toMonth) {
        final List<List<List<KeyValue<String, String>>>> perSeries = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            for (int ind = 0; ind < INDICATORS.size(); ind++) {
                perSeries.add(seriesReleases(i, ind, fromMonth, toMonth));
            }
        }
        // Interleave: round r holds every series' records for its r-th period in the range.
        final List<KeyValue<String, String>> ordered = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            for (final List<List<KeyValue<String, String>>> series : perSeries) {
                if (round < series.size()) {
                    ordered.addAll(series.get(round));
                }
            }
        }
        return ordered;
    }

    /** Whether the indicator publishes a figure for {@code month} (GDP quarterly, the others from 1–2月 on). */
    static boolean publishes(final String indicator, final int month) {
        return "GDP".equals(indicator) ? month % 3 == 0 : month >= 2;
    }

    /** The last month with a figure for {@code indicator} up to {@code month}. */
    static int lastPublishedMonth(final String indicator, final int month) {
        int m = month;
        while (m > 0 && !publishes(indicator, m)) {
            m--;
        }
        return m;
    }

    /** One list of records per period in the range: the original, then revisions that follow it. */
    private List<List<KeyValue<String, String>>> seriesReleases(final int i, final int ind, final int fromMonth,
                                                               final int toMonth) {
        final String indicator = INDICATORS.get(ind);
        final Plan plan = new Plan(seed, i, ind);
        final List<Integer> months = new ArrayList<>();
        for (int m = fromMonth; m <= toMonth; m++) {
            if (publishes(indicator, m)) {
                months.add(m);
            }
        }
        final String key = seriesId(region(i), indicator);
        final List<List<KeyValue<String, String>>> rounds = new ArrayList<>();
        for (int k = 0; k < months.size(); k++) {
            final int m = months.get(k);
            final boolean last = k == months.size() - 1;
            final List<KeyValue<String, String>> round = new ArrayList<>();
            round.add(KeyValue.pair(key, release(region(i), ind, m, plan.level[m], 0)));
            if (!last && plan.quickRevision[m]) {
                round.add(KeyValue.pair(key, release(region(i), ind, m, plan.quickLevel[m], 1)));
            }
            // A late correction of the previous period, after this period's figure; never of the
            // period before the last one, whose correction would follow the range's last figure.
            if (k > 0 && !last && plan.lateRevision[months.get(k - 1)]) {
                final int previous = months.get(k - 1);
                round.add(KeyValue.pair(key, release(region(i), ind, previous, plan.lateLevel[previous], 2)));
            }
            rounds.add(round);
        }
        return rounds;
    }

    /** The per-month plan of one series, drawn from the seed and the region number only. */
    private static final class Plan {
        final int[] level = new int[13];
        final boolean[] quickRevision = new boolean[13];
        final int[] quickLevel = new int[13];
        final boolean[] lateRevision = new boolean[13];
        final int[] lateLevel = new int[13];

        Plan(final long seed, final int region, final int indicator) {
            final Random random = new Random(seed * 1_000_003L + region * 31L + indicator);
            int current = random.nextInt(4);
            for (int m = 1; m <= 12; m++) {
                if (random.nextInt(100) < 40) {
                    current = Math.max(0, Math.min(3, current + (random.nextBoolean() ? 1 : -1)));
                }
                level[m] = current;
                quickRevision[m] = random.nextInt(100) < 15;
                quickLevel[m] = random.nextInt(4);
                lateRevision[m] = random.nextInt(100) < 15;
                lateLevel[m] = random.nextInt(4);
            }
        }
    }

    /**
     * A cumulative release (1–m月) of indicator {@code ind} at pace {@code level} (0 ahead … 3 behind);
     * revision {@code revision} is published {@code 3 × revision} days after the original.
     */
    static String release(final String region, final int ind, final int month, final int level, final int revision) {
        final String indicator = INDICATORS.get(ind);
        final LocalDate day = LocalDate.of(YEAR, 1, 1).plusMonths(month).withDayOfMonth(ind == GDP ? 25 : 15)
                .plusDays(3L * revision);
        final String publishedAt = day.atTime(9, 30).atOffset(BEIJING).format(PUBLISHED);
        final StringBuilder json = new StringBuilder("{\"region\":\"").append(region).append("\",\"indicator\":\"")
                .append(indicator).append("\",\"period\":\"").append(period(indicator, month)).append('"');
        if (ind == BUDGET || ind == INVESTMENT) {
            final BigDecimal target = ind == BUDGET ? BUDGET_TARGET : INVESTMENT_TARGET;
            final double share = month / 12.0 + AMOUNT_GAP_PP[level] / 100.0;
            json.append(",\"value\":").append(target.multiply(BigDecimal.valueOf(share))
                    .setScale(2, RoundingMode.HALF_UP).toPlainString()).append(",\"unit\":\"亿元\"");
        } else {
            final BigDecimal growth = GROWTH_TARGET[ind].add(BigDecimal.valueOf(GROWTH_GAP_PP[level]))
                    .setScale(1, RoundingMode.HALF_UP);
            if (ind == GDP) {
                json.append(",\"value\":").append(310 * month / 3);
                json.append(",\"unit\":\"亿元\"");
            }
            json.append(",\"growthPercent\":").append(growth.toPlainString());
        }
        json.append(",\"publishedAt\":\"").append(publishedAt).append('"');
        if (revision > 0) {
            json.append(",\"revision\":").append(revision);
        }
        return json.append(",\"source\":\"bureau\"}").toString();
    }

    static String period(final String indicator, final int month) {
        if ("GDP".equals(indicator)) {
            return switch (month) {
                case 3 -> YEAR + "-Q1";
                case 6 -> YEAR + "-S1";
                case 9 -> YEAR + "-01-01/P9M";
                case 12 -> String.valueOf(YEAR);
                default -> throw new IllegalArgumentException("GDP is quarterly: " + month);
            };
        }
        return String.format("%d-%02d", YEAR, month);
    }
}
