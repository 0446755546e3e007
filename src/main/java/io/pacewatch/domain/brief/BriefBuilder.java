package io.pacewatch.domain.brief;

import io.pacewatch.domain.Frequency;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.PaceProfile;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.ReleaseVersion;
import io.pacewatch.domain.Vintages.PeriodVintages;
import io.pacewatch.domain.Vintages.Vintage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the brief of one region and year from its series' progress records. The brief for month m
 * shows each indicator as it stood at the end of m: the latest record when m is the latest month with
 * data (it alone knows that a release is overdue), otherwise the per-period record of the last month
 * ≤ m the indicator has figures for (a quarterly GDP row in a May brief shows Q1).
 */
public final class BriefBuilder {

    private final IndicatorCatalogue catalogue;
    private final BriefSchedule schedule;
    private final RowExtras extras;

    public BriefBuilder(final IndicatorCatalogue catalogue, final BriefSchedule schedule, final RowExtras extras) {
        this.catalogue = catalogue;
        this.schedule = schedule;
        this.extras = extras;
    }

    public BriefSchedule schedule() {
        return schedule;
    }

    /** The latest month any of the records has figures for; empty when none has any. */
    public static OptionalInt latestMonth(final List<Progress> latest) {
        return latest.stream().mapToInt(BriefBuilder::figuresThrough).filter(m -> m > 0).max();
    }

    /**
     * The instant an earlier month's rows must be judged as of: that brief's cut-off, so its rows use
     * exactly the versions in force when it went out (the caller reads each series as of then, and
     * passes those records as {@link IndicatorFigures#history()}). Empty for the latest month with data,
     * which shows the live records.
     */
    public Optional<Instant> asOf(final int year, final Integer month, final int latestMonth) {
        if (month == null || month < 1 || month > 12) {
            return Optional.empty();
        }
        final int briefMonth = Math.max(month, 2);
        return briefMonth >= latestMonth ? Optional.empty() : Optional.of(schedule.cutoff(year, briefMonth));
    }

    /**
     * The last month a record has any figure for. It can be later than {@code asOfMonth}, the month
     * judged: a growth-only April figure of an indicator judged on its amounts leaves the judgement at
     * March, but the record is April's (its key's period), and April's figures are in.
     */
    public static int figuresThrough(final Progress progress) {
        return progress.releaseVersions().stream()
                .mapToInt(v -> ReferencePeriod.parse(v.period(), v.basis()).lastMonth())
                .max().orElse(progress.asOfMonth());
    }

    /**
     * @param month the brief's month; null for the latest month with data
     * @throws IllegalArgumentException when no series has figures, or the month is not 1..12
     */
    public Brief build(final String region, final String nameZh, final String nameEn, final int year,
                       final Integer month, final List<IndicatorFigures> figures) {
        final int latestMonth = latestMonth(figures.stream().map(IndicatorFigures::latest).toList())
                .orElseThrow(() -> new IllegalArgumentException("no figures for " + region + " in " + year + " yet"));
        final int m = month == null ? latestMonth : month;
        if (m < 1 || m > 12) {
            throw new IllegalArgumentException("month must be 1..12, not " + m);
        }
        // Jan–Feb is one release: a brief for January is the January–February one.
        final int briefMonth = Math.max(m, 2);
        final boolean current = briefMonth >= latestMonth;
        final Instant cutoff = schedule.cutoff(year, briefMonth);
        final Instant previousCutoff = schedule.previousCutoff(year, briefMonth);
        final List<BriefRow> rows = figures.stream()
                .sorted(Comparator.comparingInt(f -> catalogueOrder(f.indicator())))
                .map(f -> row(f, year, briefMonth, current, cutoff, previousCutoff))
                .toList();
        final ReferencePeriod period = ReferencePeriod.cumulativeThrough(year, briefMonth);
        final List<String> zh = new ArrayList<>();
        final List<String> en = new ArrayList<>();
        footnotes(rows, period, cutoff, zh, en);
        if (!current && rows.stream().anyMatch(r -> r.peer() != null)) {
            // An earlier month's rows are judged as of its cut-off; a rank is not (it needs every peer as of then).
            zh.add("排名为各指标该月份的现行排名（按各地区最新数据），而非本期简报截止时的排名。");
            en.add("Ranks are each indicator's ranking for its month as it stands now (on every region's latest figures),"
                    + " not as at this brief's cut-off.");
        }
        return new Brief(region, nameZh, nameEn, year, briefMonth, period.labelZh(), period.labelEn(), cutoff,
                previousCutoff.equals(Instant.MIN) ? null : previousCutoff, rows,
                Headlines.of(nameZh, nameEn, period, rows), zh, en, rows.stream().allMatch(BriefRow::inForMonth));
    }

    private int catalogueOrder(final Indicator indicator) {
        int i = 0;
        for (final Indicator known : catalogue.all()) {
            if (known.code().equals(indicator.code())) {
                return i;
            }
            i++;
        }
        return Integer.MAX_VALUE;
    }

    private BriefRow row(final IndicatorFigures f, final int year, final int month, final boolean current,
                         final Instant cutoff, final Instant previousCutoff) {
        final Indicator indicator = f.indicator();
        final boolean quarterly = indicator.frequency() == Frequency.QUARTERLY;
        // An earlier month's brief leaves out the months whose figures first came after its cut-off:
        // they were not in when it went out.
        final Optional<Progress> found = current && figuresThrough(f.latest()) <= month
                ? Optional.of(f.latest())
                : f.history().stream().filter(p -> p.asOfMonth() > 0 && figuresThrough(p) <= month)
                        .filter(p -> !firstPublished(f.vintages(), figuresThrough(p)).isAfter(cutoff))
                        .max(Comparator.comparingInt(BriefBuilder::figuresThrough));
        final int expectedMonth = quarterly ? month - month % 3 : month;
        if (found.isEmpty() || found.get().asOfMonth() == 0) {
            final ReferencePeriod period = ReferencePeriod.cumulativeThrough(year, month);
            final Progress target = f.latest();
            return new BriefRow(indicator.code(), indicator.nameZh(), indicator.nameEn(), indicator.unit().symbol(),
                    quarterly, 0, period.labelZh(), period.labelEn(), null, null, target.targetKind(),
                    target.targetValue(), target.impliedTargetGrowthPercent(), null, null, null, null, null, null,
                    PaceStatus.NO_DATA, null, null, null, period.labelZh() + "暂无数据", "no figures for " + period.labelEn(),
                    expectedMonth == 0, false, List.of(), List.of(), false, false);
        }
        final Progress p = found.get();
        final ReferencePeriod period = ReferencePeriod.cumulativeThrough(year, p.asOfMonth());
        final boolean overdue = p.status() == PaceStatus.OVERDUE;
        final Instant revisedUpTo = current ? Instant.MAX : cutoff;
        // Judged on last year's share, the record's benchmark repeats its same-period figures: that share goes
        // to the same-period columns, and 序时进度 shows linear time progress, which the record keeps beside it.
        final PaceProfile.Kind judgedAgainst = StatusBenchmark.of(p);
        final boolean onLastYear = judgedAgainst == PaceProfile.Kind.PRIOR_YEAR;
        return new BriefRow(indicator.code(), p.indicatorNameZh(), p.indicatorNameEn(), p.unit(), quarterly,
                p.asOfMonth(), period.labelZh(), period.labelEn(), p.ytdValue(), p.cumulativeGrowthPercent(),
                p.targetKind(), p.targetValue(), p.impliedTargetGrowthPercent(), p.judgedOn(), p.completionRatio(),
                onLastYear ? p.linearTimeProgress() : p.timeProgress(), onLastYear ? p.linearGapPp() : p.gapPp(),
                onLastYear ? p.timeProgress() : extras.priorYearShare(p).orElse(null),
                onLastYear ? p.gapPp() : extras.priorYearGapPp(p).orElse(null),
                p.status(), p.judgedStatus(), judgedAgainst,
                extras.peer(p).orElse(null), p.messageZh(), p.messageEn(), figuresThrough(p) >= expectedMonth, overdue,
                p.releaseVersions(), revisions(f.vintages(), figuresThrough(p), previousCutoff, revisedUpTo),
                !current && p.releaseVersions().stream().anyMatch(v -> v.publishedAt().isAfter(cutoff)),
                extras.priorYearFallback(p));
    }

    /** When the first figure for a period ending in {@code month} was published; MIN when the versions are not known. */
    static Instant firstPublished(final List<PeriodVintages> vintages, final int month) {
        return vintages.stream().filter(v -> v.lastMonth() == month).map(v -> v.first().publishedAt())
                .min(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    /**
     * Figures for periods up to {@code throughMonth} of which a version other than the first was
     * published after the previous brief's cut-off and by {@code upTo}: what changed since the last brief.
     */
    static List<BriefRow.Revision> revisions(final List<PeriodVintages> vintages, final int throughMonth,
                                             final Instant after, final Instant upTo) {
        final List<BriefRow.Revision> found = new ArrayList<>();
        for (final PeriodVintages figure : vintages) {
            if (figure.lastMonth() > throughMonth || figure.versions().size() < 2) {
                continue;
            }
            figure.versions().stream().skip(1)
                    .map(Vintage::publishedAt)
                    .filter(at -> at.isAfter(after) && !at.isAfter(upTo))
                    .max(Comparator.naturalOrder())
                    .ifPresent(at -> {
                        final ReferencePeriod period = new ReferencePeriod(
                                Integer.parseInt(figure.period().substring(0, 4)), figure.firstMonth(), figure.lastMonth());
                        found.add(new BriefRow.Revision(figure.period(), period.labelZh(), period.labelEn(), at,
                                (int) figure.versions().stream().filter(v -> !v.publishedAt().isAfter(upTo)).count()));
                    });
        }
        return found;
    }

    private void footnotes(final List<BriefRow> rows, final ReferencePeriod briefPeriod, final Instant cutoff,
                           final List<String> zh, final List<String> en) {
        final var zone = schedule.zone();
        for (final BriefRow row : rows) {
            if (row.quarterly() && row.month() > 0) {
                zh.add(row.nameZh() + "为季度数据，" + row.periodLabelZh() + "数据。");
                en.add(row.nameEn() + " is quarterly: figures for " + row.periodLabelEn() + ".");
            } else if (!row.inForMonth()) {
                zh.add(row.nameZh() + briefPeriod.labelZh() + "数据尚未发布" + (row.month() > 0 ? "，表中为" + row.periodLabelZh() + "数据" : "") + "。");
                en.add(row.nameEn() + ": figures for " + briefPeriod.labelEn() + " are not in yet"
                        + (row.month() > 0 ? "; the row shows " + row.periodLabelEn() : "") + ".");
            }
            if (row.overdue()) {
                zh.add(row.nameZh() + "逾期未发布：" + row.messageZh().split("；", 2)[0] + "。");
                en.add(row.nameEn() + " is overdue: " + row.messageEn().split("; ", 2)[0] + ".");
            }
            for (final BriefRow.Revision r : row.revised()) {
                zh.add(row.nameZh() + r.labelZh() + "数据已修订（" + BriefText.dayZh(r.publishedAt(), zone) + "发布第"
                        + r.versions() + "版）。");
                en.add(row.nameEn() + " " + r.labelEn() + " revised (version " + r.versions() + " of "
                        + BriefText.dayEn(r.publishedAt(), zone) + ").");
            }
            benchmark(row, zh, en);
            if (row.priorYearFallback()) {
                zh.add(row.nameZh() + "按上年同期进度评估，但上年同期数据不全，本期按序时进度评估。");
                en.add(row.nameEn() + " is judged against last year's pace, but last year's figures are incomplete:"
                        + " judged against time progress.");
            }
            if (row.laterThanCutoff()) {
                zh.add(row.nameZh() + "数据在本期简报截止（" + BriefText.dayZh(cutoff, zone) + "）后发布或修订，表中为其后数据。");
                en.add(row.nameEn() + " was published or revised after this brief's cut-off (" + BriefText.dayEn(cutoff, zone)
                        + "); the row shows the later figures.");
            }
        }
        sources(rows, zh, en);
        zh.add("增速按可比价格计算，为统计部门公布数；数据为初步统计，以最终公布为准。");
        en.add("Growth rates are at comparable prices, as published; figures are preliminary until final publication.");
    }

    /**
     * For a row whose status was not judged on linear time progress: which share it was, and what 序时进度
     * shows then. Short, as the page has one sheet: the figures are in the row, its status marked 同期 or 季节.
     */
    private static void benchmark(final BriefRow row, final List<String> zh, final List<String> en) {
        if (row.judgedAgainst() == PaceProfile.Kind.PRIOR_YEAR) {
            zh.add(row.nameZh() + "状态按上年同期进度评估，序时进度%、差距列为按月序时进度。");
            en.add(row.nameEn() + ": status judged against last year's same-period pace; time progress and gap are linear.");
        } else if (row.judgedAgainst() == PaceProfile.Kind.SEASONAL) {
            zh.add(row.nameZh() + "状态按季节性进度评估，序时进度%列为目标的季节性进度。");
            en.add(row.nameEn() + ": status judged against the target's seasonal pace, shown as its time progress.");
        }
    }

    /** One line per source, naming each row's newest version and its date: what the data are as of. */
    private void sources(final List<BriefRow> rows, final List<String> zh, final List<String> en) {
        final Map<String, List<String>> bySourceZh = new LinkedHashMap<>();
        final Map<String, List<String>> bySourceEn = new LinkedHashMap<>();
        for (final BriefRow row : rows) {
            row.versions().stream().max(Comparator.comparing(ReleaseVersion::publishedAt)).ifPresent(v -> {
                final String source = v.source() == null || v.source().isBlank() ? "—" : v.source();
                final ReferencePeriod period = ReferencePeriod.parse(v.period(), v.basis());
                bySourceZh.computeIfAbsent(source, s -> new ArrayList<>()).add(row.nameZh() + period.labelZh() + " "
                        + BriefText.dayZh(v.publishedAt(), schedule.zone()) + "发布");
                bySourceEn.computeIfAbsent(source, s -> new ArrayList<>()).add(row.nameEn() + " " + period.labelEn()
                        + " published " + BriefText.dayEn(v.publishedAt(), schedule.zone()));
            });
        }
        bySourceZh.forEach((source, items) -> zh.add("资料来源：" + source + "（" + String.join("；", items) + "）。"));
        bySourceEn.forEach((source, items) -> en.add("Source: " + source + " (" + String.join("; ", items) + ")."));
    }
}
