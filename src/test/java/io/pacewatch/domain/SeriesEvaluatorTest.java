package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeriesEvaluatorTest {

    private static final SeriesKey REVENUE = Releases.series("BUDGET_REVENUE");

    private final SeriesEvaluator evaluator = new SeriesEvaluator(Releases.CATALOGUE);

    @Test
    @DisplayName("The pace curve has one entry per month with figures, each judged as of that month")
    void historyHasOneEntryPerMonth() {
        // given
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build(),
                Releases.budgetRevenue().cumulativeThrough(2).value("22").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("33").build(),
                Releases.budgetRevenue().cumulativeThrough(3).value("32").publishedAt(Releases.beijing(5, 2)).revision(1).build());
        final Target target = Targets.budgetRevenue127().build();

        // when
        final SeriesEvaluation evaluation = evaluator.evaluate(REVENUE, history, target, Releases.LATER).orElseThrow();

        // then
        assertThat(evaluation.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(2, 3, 6);
        assertThat(evaluation.history()).extracting(SeriesEvaluation.PeriodProgress::period)
                .containsExactly("2023-01-01/P2M", "2023-Q1", "2023-S1");
        assertThat(evaluation.history()).extracting(p -> p.progress().ytdValue().intValue()).containsExactly(22, 32, 60);
        assertThat(evaluation.history()).extracting(p -> p.progress().asOfMonth()).containsExactly(2, 3, 6);
        assertThat(evaluation.latest()).isEqualTo(evaluation.history().get(2).progress());
        assertThat(evaluation.series()).isEqualTo(REVENUE);
    }

    @Test
    @DisplayName("The region catalogue's names reach every point of the curve, the overdue standing included")
    void regionNamesFromTheCatalogue() {
        // given: luohu named in a catalogue, a calendar that expects July's figures by mid-August
        final RegionCatalogue regions = new RegionCatalogue(java.util.List.of(
                new Region("shenzhen", "深圳市", "Shenzhen", RegionLevel.CITY, null),
                new Region("luohu", "罗湖区", "Luohu District", RegionLevel.DISTRICT, "shenzhen")));
        final SeriesEvaluator named = new SeriesEvaluator(Releases.CATALOGUE, regions, ReleaseCalendar.NONE);
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(2).value("22").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build());

        // when
        final SeriesEvaluation evaluation = named.evaluate(REVENUE, history, Targets.budgetRevenue127().build(),
                Releases.LATER).orElseThrow();
        final SeriesEvaluation elsewhere = named.evaluate(new SeriesKey("futian", "BUDGET_REVENUE", 2023), history,
                Targets.budgetRevenue127().build(), Releases.LATER).orElseThrow();

        // then
        assertThat(evaluation.history()).extracting(p -> p.progress().regionNameZh()).containsExactly("罗湖区", "罗湖区");
        assertThat(evaluation.latest().regionNameEn()).isEqualTo("Luohu District");
        assertThat(evaluation.latest().overdue("逾期", "overdue").regionNameZh()).isEqualTo("罗湖区");
        assertThat(elsewhere.latest().regionNameZh()).isNull();
        assertThat(elsewhere.latest().regionDisplayEn()).isEqualTo("futian");
    }

    @Test
    @DisplayName("Each point of the curve is stamped with the newest input behind it, so replays are identical")
    void updatedAtIsTheNewestInput() {
        // given
        final Release february = Releases.budgetRevenue().cumulativeThrough(2).value("22").build();
        final Release march = Releases.budgetRevenue().cumulativeThrough(3).value("33").build();
        final Target target = Targets.budgetRevenue127().build();

        // when
        final SeriesEvaluation evaluation = evaluator
                .evaluate(REVENUE, Releases.history(february, march), target, Releases.LATER).orElseThrow();

        // then
        assertThat(evaluation.history().get(0).progress().updatedAt()).isEqualTo(february.publishedAt());
        assertThat(evaluation.history().get(1).progress().updatedAt()).isEqualTo(march.publishedAt());
    }

    @Test
    @DisplayName("An embargoed version is hidden before its embargo ends and shown after")
    void embargoedVersionIsHiddenUntilItEnds() {
        // given
        final Release june = Releases.budgetRevenue().cumulativeThrough(6).value("60")
                .publishedAt("2023-07-10T09:00:00+08:00").embargoUntil("2023-07-15T09:30:00+08:00").build();
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("50").build(), june);
        final Target target = Targets.budgetRevenue127().build();

        // when
        final SeriesEvaluation before = evaluator
                .evaluate(REVENUE, history, target, Instant.parse("2023-07-15T01:29:59Z")).orElseThrow();
        final SeriesEvaluation after = evaluator
                .evaluate(REVENUE, history, target, Instant.parse("2023-07-15T01:30:00Z")).orElseThrow();

        // then
        assertThat(before.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(5);
        assertThat(before.latest().asOfMonth()).isEqualTo(5);
        assertThat(after.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(5, 6);
        assertThat(after.latest().ytdValue()).isEqualByComparingTo("60");
        assertThat(after.latest().updatedAt()).isEqualTo(Instant.parse("2023-07-15T01:30:00Z"));
    }

    @Test
    @DisplayName("An embargoed revision leaves the earlier figure standing until the embargo ends")
    void embargoedRevisionKeepsTheEarlierFigure() {
        // given
        final Release first = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();
        final Release revision = Releases.budgetRevenue().cumulativeThrough(6).value("64").revision(1)
                .publishedAt("2023-08-01T09:00:00+08:00").embargoUntil("2023-08-03T09:00:00+08:00").build();
        final ReleaseHistory history = Releases.history(first, revision);
        final Target target = Targets.budgetRevenue127().build();

        // when
        final Progress before = evaluator.evaluate(REVENUE, history, target, Instant.parse("2023-08-02T00:00:00Z"))
                .orElseThrow().latest();
        final Progress after = evaluator.evaluate(REVENUE, history, target, Instant.parse("2023-08-04T00:00:00Z"))
                .orElseThrow().latest();

        // then
        assertThat(before.ytdValue()).isEqualByComparingTo("60");
        assertThat(after.ytdValue()).isEqualByComparingTo("64");
    }

    @Test
    @DisplayName("A target with no figures gives NO_DATA and an empty curve")
    void targetOnly() {
        // given
        final Target target = Targets.budgetRevenue127().build();

        // when
        final SeriesEvaluation evaluation = evaluator.evaluate(REVENUE, null, target, Releases.LATER).orElseThrow();

        // then
        assertThat(evaluation.history()).isEmpty();
        assertThat(evaluation.latest().status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(evaluation.latest().updatedAt()).isEqualTo(target.publishedAt());
    }

    @Test
    @DisplayName("Figures that are all still under embargo count as no data yet")
    void everythingEmbargoedIsNoData() {
        // given
        final Release june = Releases.budgetRevenue().cumulativeThrough(6).value("60")
                .embargoUntil("2023-07-20T09:00:00+08:00").build();
        final Target target = Targets.budgetRevenue127().build();

        // when
        final SeriesEvaluation evaluation = evaluator
                .evaluate(REVENUE, Releases.history(june), target, Instant.parse("2023-07-16T00:00:00Z")).orElseThrow();

        // then
        assertThat(evaluation.history()).isEmpty();
        assertThat(evaluation.latest().status()).isEqualTo(PaceStatus.NO_DATA);
    }

    @Test
    @DisplayName("Figures without a target are shown as not assessable")
    void figuresWithoutTarget() {
        // given
        final ReleaseHistory history = Releases.history(Releases.budgetRevenue().cumulativeThrough(6).value("60").build());

        // when
        final SeriesEvaluation evaluation = evaluator.evaluate(REVENUE, history, null, Releases.LATER).orElseThrow();

        // then
        assertThat(evaluation.latest().status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);
        assertThat(evaluation.history()).hasSize(1);
    }

    @Test
    @DisplayName("Nothing is said of a series with neither figures nor target, or of an indicator not in the catalogue")
    void nothingToSay() {
        // given
        final SeriesKey unknown = new SeriesKey("luohu", "HAPPINESS", 2023);
        final Target target = Targets.budgetRevenue127().build();

        // when
        final Optional<SeriesEvaluation> empty = evaluator.evaluate(REVENUE, null, null, Releases.LATER);
        final Optional<SeriesEvaluation> uncatalogued = evaluator.evaluate(unknown, null, target, Releases.LATER);

        // then
        assertThat(empty).isEmpty();
        assertThat(uncatalogued).isEmpty();
    }

    @Test
    @DisplayName("A behind series whose next release is late is overdue, and still judged behind")
    void overdueKeepsTheLastJudgedStatus() {
        // given: 1–6月 revenue far below pace, and a calendar that expects July's figures by 20 August
        final SeriesEvaluator withCalendar = new SeriesEvaluator(Releases.CATALOGUE, new ReleaseCalendar(
                java.time.ZoneId.of("Asia/Shanghai"), java.util.List.of(
                        new ReleaseCalendar.Rule(null, null, null, 20, true))));
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(6).value("40").build());
        final Target target = Targets.budgetRevenue127().build();

        // when
        final Progress onTime = withCalendar.evaluate(REVENUE, history, target,
                Instant.parse("2023-07-20T00:00:00Z")).orElseThrow().latest();
        final Progress late = withCalendar.evaluate(REVENUE, history, target,
                Instant.parse("2023-08-25T00:00:00Z")).orElseThrow().latest();

        // then
        assertThat(onTime.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(onTime.judgedStatus()).isEqualTo(PaceStatus.BEHIND);
        assertThat(late.status()).isEqualTo(PaceStatus.OVERDUE);
        assertThat(late.judgedStatus()).isEqualTo(PaceStatus.BEHIND);
    }

    @Test
    @DisplayName("A series is judged again without input when an embargo ends or, with a target, when a release falls due")
    void nextChangeWithoutInputIsTheEarlierOfEmbargoEndAndDeadline() {
        // given: July's figures are due by 20 August; June's figure is under embargo until 15 July
        final ReleaseCalendar calendar = new ReleaseCalendar(java.time.ZoneId.of("Asia/Shanghai"),
                java.util.List.of(new ReleaseCalendar.Rule(null, null, null, 20, true)));
        final SeriesEvaluator withCalendar = new SeriesEvaluator(Releases.CATALOGUE, calendar);
        final Release may = Releases.budgetRevenue().cumulativeThrough(5).value("50").build();
        final Release june = Releases.budgetRevenue().cumulativeThrough(6).value("60")
                .publishedAt("2023-07-10T09:00:00+08:00").embargoUntil("2023-07-15T09:30:00+08:00").build();
        final Target target = Targets.budgetRevenue127().build();
        final Instant july10 = Instant.parse("2023-07-10T02:00:00Z");
        final Instant july25 = Instant.parse("2023-07-25T00:00:00Z");
        final Indicator revenue = Releases.CATALOGUE.require("BUDGET_REVENUE");

        // when
        final java.util.Optional<Instant> embargoFirst = withCalendar.nextChangeWithoutInput(REVENUE,
                Releases.history(may, june), target, july10);
        final java.util.Optional<Instant> untargeted = withCalendar.nextChangeWithoutInput(REVENUE,
                Releases.history(may), null, july10);
        final java.util.Optional<Instant> deadline = withCalendar.nextChangeWithoutInput(REVENUE,
                Releases.history(may, june), target, july25);

        // then
        assertThat(embargoFirst).contains(Instant.parse("2023-07-15T01:30:00Z"));
        assertThat(untargeted).as("no target, no embargo: nothing changes by itself").isEmpty();
        assertThat(deadline).isPresent().isEqualTo(calendar.nextDeadline(REVENUE, revenue, july25));
        assertThat(deadline.orElseThrow()).isAfter(july25);
    }
}
