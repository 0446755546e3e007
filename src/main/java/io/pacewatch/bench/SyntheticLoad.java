package io.pacewatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacewatch.bench.SyntheticCatalogue.Kind;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic, realistic-looking input for the benchmark: for every region × indicator × year one
 * target (published on January 10th) and eleven releases (1–2月 together, then March to December,
 * each published in the following month), a share of revisions (a corrected figure with
 * {@code revision: 1}, published a month after the original) and a share of bad records (an extra
 * record next to a valid one, refused for one of {@link #BAD_REASONS}).
 * <p>
 * Each series follows a random walk around its target (amount completion drifts around time
 * progress, growth drifts around the target rate), so statuses cross the thresholds and alerts occur,
 * as they would in a year where some districts fall behind and recover. Records come in publication
 * order: all targets of a year first, then month by month; within a month, indicator by indicator.
 * The same seed always gives the same bytes.
 */
final class SyntheticLoad {

    /** The size and mix of the load. */
    record Shape(int regions, int indicators, int firstYear, int years, double revisionRate, double badRate,
                 long seed, Disorder disorder) {

        Shape(final int regions, final int indicators, final int firstYear, final int years, final double revisionRate,
              final double badRate, final long seed) {
            this(regions, indicators, firstYear, years, revisionRate, badRate, seed, Disorder.NONE);
        }

        long series() {
            return (long) regions * indicators * years;
        }

        /** Valid first publications: 1–2月 and March to December. */
        long releases() {
            return series() * RELEASES_PER_YEAR;
        }
    }

    /**
     * What makes a load hard to get right rather than heavy: a share of months delivered after the
     * series' next month (out of order), a share of revisions followed by a late copy of the version
     * they replaced, a share of series whose target is revised in July, and a share of releases sent
     * without a key. The last two are for single-partition runs (the golden test): across partitions
     * the order in which a target change or a keyless record meets the series' releases is not fixed,
     * so neither would give one answer on a real broker.
     */
    record Disorder(double outOfOrderRate, double lateCopyRate, double targetChangeRate, double keylessRate) {
        static final Disorder NONE = new Disorder(0, 0, 0, 0);
        /** The backfill's: order-dependent only within one partition, so its outputs are the same every run. */
        static final Disorder BENCH = new Disorder(0.02, 0.5, 0, 0);
        /** The suite's golden load: everything, on one partition. */
        static final Disorder GOLDEN = new Disorder(0.1, 0.5, 0.15, 0.1);
    }

    /** LATE: a copy of a version that a newer one already replaced, arriving after it. */
    enum Type { TARGET, RELEASE, REVISION, LATE, BAD }

    /** One record to produce. {@code reason} is the rejection a BAD record must get. */
    record Item(String topic, String key, byte[] value, long timestamp, Type type, RejectionReason reason,
                String series, int lastMonth) {
    }

    /** Every reason a bad record is made for, used in turn by a hash of the series and month. */
    static final List<RejectionReason> BAD_REASONS = List.of(
            RejectionReason.MALFORMED_JSON, RejectionReason.OVERSIZE, RejectionReason.WRONG_TYPE,
            RejectionReason.UNKNOWN_FIELD, RejectionReason.DUPLICATE_FIELD, RejectionReason.MISSING_FIELD,
            RejectionReason.UNKNOWN_INDICATOR, RejectionReason.INVALID_PERIOD, RejectionReason.UNKNOWN_UNIT,
            RejectionReason.NOT_A_NUMBER, RejectionReason.NEGATIVE_AMOUNT, RejectionReason.IMPLAUSIBLE_VALUE,
            RejectionReason.KEY_MISMATCH);

    static final int RELEASES_PER_YEAR = 11;
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static final String SOURCE = "合成基准数据 pacewatch bench (synthetic)";

    private static final ObjectMapper WRITER = Json.OMITTING_NULLS;
    private static final String YI_YUAN = "亿元";
    private static final BigDecimal ZERO_2 = BigDecimal.ZERO.setScale(2);
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final Shape shape;

    SyntheticLoad(final Shape shape) {
        if (shape.regions() < 1 || shape.years() < 1) {
            throw new IllegalArgumentException("regions and years must be at least 1");
        }
        SyntheticCatalogue.build(shape.indicators());
        this.shape = shape;
    }

    Shape shape() {
        return shape;
    }

    static String region(final int index) {
        return String.format("r%05d", index + 1);
    }

    static String seriesKey(final int region, final int indicator, final int year) {
        return new SeriesKey(region(region), SyntheticCatalogue.code(indicator), year).id();
    }

    /** Every record, year by year: the year's targets, then its releases in publication order. */
    void forEach(final Consumer<Item> sink) {
        for (int y = shape.firstYear(); y < shape.firstYear() + shape.years(); y++) {
            targets(y, sink);
            releases(y, sink);
        }
    }

    void targets(final int year, final Consumer<Item> sink) {
        for (int i = 0; i < shape.indicators(); i++) {
            for (int r = 0; r < shape.regions(); r++) {
                final Series s = new Series(r, i, year);
                final TargetDraft draft = s.target();
                sink.accept(new Item(Topics.TARGETS, s.key, bytes(draft), millis(draft.publishedAt()), Type.TARGET,
                        null, s.key, 0));
            }
        }
    }

    /**
     * Publication months March of {@code year} to February of the next year: each carries the
     * previous month's figures, preceded by the revisions of the month before.
     */
    void releases(final int year, final Consumer<Item> sink) {
        final Disorder disorder = shape.disorder();
        // Months held back to come after the series' next month, by series.
        final java.util.Map<String, Item> heldBack = new java.util.HashMap<>();
        for (int month = 2; month <= 13; month++) {
            for (int i = 0; i < shape.indicators(); i++) {
                for (int r = 0; r < shape.regions(); r++) {
                    final Series s = new Series(r, i, year);
                    if (month - 1 >= 2 && hit(shape.revisionRate(), r, i, year, month - 1, 1)) {
                        final ReleaseDraft revision = s.release(month - 1, true);
                        sink.accept(new Item(Topics.RELEASES, s.key, bytes(revision), millis(revision.publishedAt()),
                                Type.REVISION, null, s.key, month - 1));
                        if (hit(disorder.lateCopyRate(), r, i, year, month - 1, 5)) {
                            final ReleaseDraft replaced = s.release(month - 1, false);
                            sink.accept(new Item(Topics.RELEASES, s.key, bytes(replaced), millis(replaced.publishedAt()),
                                    Type.LATE, null, s.key, month - 1));
                        }
                    }
                }
            }
            if (month > 12) {
                heldBack.values().forEach(sink);
                break;
            }
            for (int i = 0; i < shape.indicators(); i++) {
                for (int r = 0; r < shape.regions(); r++) {
                    final Series s = new Series(r, i, year);
                    final ReleaseDraft release = s.release(month, false);
                    final long timestamp = millis(release.publishedAt());
                    final String sentKey = hit(disorder.keylessRate(), r, i, year, month, 6) ? null : s.key;
                    final Item item = new Item(Topics.RELEASES, sentKey, bytes(release), timestamp, Type.RELEASE, null,
                            s.key, month);
                    final Item held = heldBack.remove(s.key);
                    if (month < 12 && hit(disorder.outOfOrderRate(), r, i, year, month, 7)) {
                        heldBack.put(s.key, item);
                    } else {
                        sink.accept(item);
                    }
                    if (held != null) {
                        sink.accept(held);
                    }
                    if (month == 7 && hit(disorder.targetChangeRate(), r, i, year, month, 8)) {
                        final TargetDraft changed = s.changedTarget(release.publishedAt());
                        sink.accept(new Item(Topics.TARGETS, s.key, bytes(changed), millis(changed.publishedAt()),
                                Type.TARGET, null, s.key, 0));
                    }
                    if (hit(shape.badRate(), r, i, year, month, 2)) {
                        final RejectionReason reason = BAD_REASONS.get(
                                (int) (unit(hash(r, i, year, month, 3)) * BAD_REASONS.size()));
                        // A key naming another series (the next year's) for a KEY_MISMATCH record.
                        final String key = reason == RejectionReason.KEY_MISMATCH ? seriesKey(r, i, year + 1) : s.key;
                        sink.accept(new Item(Topics.RELEASES, key, bad(release, reason), timestamp, Type.BAD, reason,
                                s.key, month));
                    }
                }
            }
        }
    }

    /** A valid release turned into one that pacewatch must refuse for {@code reason}. */
    static byte[] bad(final ReleaseDraft valid, final RejectionReason reason) {
        final ObjectNode node = WRITER.valueToTree(valid);
        final String json;
        switch (reason) {
            case MALFORMED_JSON -> {
                final String whole = node.toString();
                json = whole.substring(0, whole.length() / 2);
            }
            case OVERSIZE -> json = "{" + " ".repeat(70 * 1024) + node.toString().substring(1);
            case WRONG_TYPE -> {
                if (node.has("value")) {
                    node.put("value", node.get("value").asText());
                } else {
                    node.put("growthPercent", node.get("growthPercent").asText());
                }
                json = node.toString();
            }
            case UNKNOWN_FIELD -> json = node.put("comment", "preliminary").toString();
            case DUPLICATE_FIELD -> json = "{\"region\":\"" + valid.region() + "\"," + node.toString().substring(1);
            case MISSING_FIELD -> {
                node.remove("value");
                node.remove("unit");
                node.remove("growthPercent");
                json = node.toString();
            }
            case UNKNOWN_INDICATOR -> json = node.put("indicator", "NO_SUCH_INDICATOR").toString();
            case INVALID_PERIOD -> {
                // Published on the first day of the period's own last month: before the period ended.
                final OffsetDateTime published = OffsetDateTime.parse(valid.publishedAt());
                json = node.put("publishedAt", text(published.minusMonths(1).withDayOfMonth(1).toLocalDateTime())).toString();
            }
            case UNKNOWN_UNIT -> json = node.put("unit", "美元").toString();
            case NOT_A_NUMBER -> {
                node.remove("growthPercent");
                node.remove("value");
                node.remove("unit");
                final String rest = node.toString();
                json = rest.substring(0, rest.length() - 1) + ",\"growthPercent\":NaN}";
            }
            case NEGATIVE_AMOUNT -> json = node.put("value", new BigDecimal("-5.5")).put("unit", YI_YUAN).toString();
            case IMPLAUSIBLE_VALUE -> json = node.put("growthPercent", new BigDecimal("5000")).toString();
            case KEY_MISMATCH -> json = node.toString();
            default -> throw new IllegalArgumentException("no bad record is made for " + reason);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private boolean hit(final double rate, final int r, final int i, final int year, final int month, final int salt) {
        return rate > 0 && unit(hash(r, i, year, month, salt)) < rate;
    }

    private long hash(final int r, final int i, final int year, final int month, final int salt) {
        long h = shape.seed();
        for (final long part : new long[] {r, i, year, month, salt}) {
            h = splitMix(h ^ (part * 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long splitMix(final long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(final long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    private static byte[] bytes(final Object draft) {
        try {
            return WRITER.writeValueAsBytes(draft);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(final String isoDateTime) {
        return OffsetDateTime.parse(isoDateTime).toInstant().toEpochMilli();
    }

    private static BigDecimal amount(final double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal percent(final double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN);
    }

    /** One region × indicator × year: its target and the walk its figures follow. */
    private final class Series {
        final int region;
        final int indicator;
        final int year;
        final Kind kind;
        final String key;
        final double target;
        final double growthTarget;
        final double prior;
        final double[] performance = new double[13];
        final double[] deviation = new double[13];

        Series(final int region, final int indicator, final int year) {
            this.region = region;
            this.indicator = indicator;
            this.year = year;
            this.kind = SyntheticCatalogue.kindOf(indicator);
            this.key = seriesKey(region, indicator, year);
            final SplittableRandom random = new SplittableRandom(hash(region, indicator, year, 0, 0));
            this.target = Math.round((20 + random.nextDouble() * 480) * 10) / 10.0;
            this.growthTarget = Math.round((3 + random.nextDouble() * 5) * 10) / 10.0;
            this.prior = Math.round(target / (1 + growthTarget / 100) * 10) / 10.0;
            double p = 1 + gaussian(random, 0.05);
            double d = gaussian(random, 1.2);
            for (int m = 2; m <= 12; m++) {
                performance[m] = Math.max(0.5, Math.min(1.5, p));
                deviation[m] = d;
                p += gaussian(random, 0.02);
                d += gaussian(random, 0.45);
            }
        }

        TargetDraft target() {
            final String published = text(LocalDateTime.of(year, 1, 10, 9, 0));
            final String code = SyntheticCatalogue.code(indicator);
            final String zone = region(region);
            return switch (kind) {
                case AMOUNT_CUMULATIVE, AMOUNT_GROWTH_RELEASES -> new TargetDraft(zone, year, code, "AMOUNT",
                        BigDecimal.valueOf(target), YI_YUAN, null, null, null, BigDecimal.valueOf(prior), published, SOURCE);
                case AMOUNT_SEASONAL_SINGLE -> new TargetDraft(zone, year, code, "AMOUNT", BigDecimal.valueOf(target),
                        YI_YUAN, "SEASONAL", SyntheticCatalogue.SEASONAL_SHARES, null, null, published, SOURCE);
                case GROWTH_WITH_LEVELS -> new TargetDraft(zone, year, code, "GROWTH", BigDecimal.valueOf(growthTarget),
                        YI_YUAN, null, null, null, BigDecimal.valueOf(prior), published, SOURCE);
                case GROWTH_ONLY -> new TargetDraft(zone, year, code, "GROWTH", BigDecimal.valueOf(growthTarget),
                        null, null, null, null, null, published, SOURCE);
            };
        }

        /** The plan revised mid-year: the same kind of target, 5% lower, published a day after {@code after}. */
        TargetDraft changedTarget(final String after) {
            final TargetDraft first = target();
            final String published = text(OffsetDateTime.parse(after).plusDays(1).atZoneSameInstant(BEIJING).toLocalDateTime());
            return new TargetDraft(first.region(), first.year(), first.indicator(), first.kind(),
                    first.value().multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_EVEN), first.unit(),
                    first.paceProfile(), first.seasonalShares(), first.thresholds(), first.priorYearAmount(), published,
                    first.source());
        }

        /** The figure for months 1..month (or the single month), first publication or its revision. */
        ReleaseDraft release(final int month, final boolean revision) {
            final double share = month / 12.0;
            final double growth = growthTarget + deviation[month];
            BigDecimal value = null;
            BigDecimal growthPercent = null;
            String basis = null;
            String period = String.format("%d-%02d", year, month);
            switch (kind) {
                case AMOUNT_CUMULATIVE -> {
                    value = amount(target * share * performance[month]);
                    growthPercent = percent(growth);
                }
                case AMOUNT_SEASONAL_SINGLE -> {
                    final double before = month == 2 ? 0 : SyntheticCatalogue.SEASONAL_SHARES.get(month - 2).doubleValue();
                    final double now = SyntheticCatalogue.SEASONAL_SHARES.get(month - 1).doubleValue();
                    value = amount(target * (now - before) * performance[month]);
                    basis = "SINGLE_PERIOD";
                    if (month == 2) {
                        period = year + "-01-01/P2M";
                    }
                }
                case GROWTH_WITH_LEVELS -> {
                    value = amount(prior * share * (1 + growth / 100));
                    growthPercent = percent(growth);
                }
                case GROWTH_ONLY, AMOUNT_GROWTH_RELEASES -> growthPercent = percent(growth);
            }
            final LocalDate firstPublication = LocalDate.of(year, month, 1).plusMonths(1);
            final LocalDateTime published;
            if (revision) {
                // A correction: a little off the first figure, published early the month after.
                final SplittableRandom random = new SplittableRandom(hash(region, indicator, year, month, 4));
                if (value != null) {
                    final BigDecimal corrected = amount(value.doubleValue() * (1 + (random.nextBoolean() ? 1 : -1)
                            * (0.005 + random.nextDouble() * 0.02)));
                    value = corrected.compareTo(value) == 0 ? value.add(new BigDecimal("0.01")) : corrected.max(ZERO_2);
                }
                if (growthPercent != null) {
                    growthPercent = growthPercent.add(percent((random.nextBoolean() ? 1 : -1) * (0.1 + random.nextDouble() * 0.4)));
                }
                published = firstPublication.plusMonths(1).withDayOfMonth(2 + indicator % 5).atTime(10, 0).plusSeconds(region);
            } else {
                published = firstPublication.withDayOfMonth(8 + indicator % 12).atTime(9, 30).plusSeconds(region);
            }
            return new ReleaseDraft(region(region), SyntheticCatalogue.code(indicator), period, basis, value,
                    value == null ? null : YI_YUAN, growthPercent, text(published),
                    revision ? 1 : null, SOURCE, null);
        }

    }

    private static double gaussian(final SplittableRandom random, final double sigma) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        final double u1 = Math.max(random.nextDouble(), 1e-12);
        final double u2 = random.nextDouble();
        return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static String text(final LocalDateTime local) {
        return local.atOffset(BEIJING).format(ISO_SECONDS);
    }
}
