package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Judging from the earliest month a change touches must give exactly the full judgement's months from there on. */
class SeriesEvaluatorFromMonthTest {

    private static final SeriesKey REVENUE = Releases.series("BUDGET_REVENUE");

    private final SeriesEvaluator evaluator = new SeriesEvaluator(Releases.CATALOGUE);

    private final ReleaseHistory history = Releases.history(
            Releases.budgetRevenue().cumulativeThrough(2).value("22").build(),
            Releases.budgetRevenue().cumulativeThrough(3).value("33").build(),
            Releases.budgetRevenue().cumulativeThrough(3).value("32").publishedAt(Releases.beijing(5, 2)).revision(1).build(),
            Releases.budgetRevenue().cumulativeThrough(4).value("41").build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("60").build());
    private final Target target = Targets.budgetRevenue127().build();

    @Test
    @DisplayName("from month 3: the months from 3 on, each equal to the full judgement's, and the same latest standing")
    void fromAMonthEqualsTheFullCurveFromThere() {
        final SeriesEvaluation full = evaluator.evaluate(REVENUE, history, target, Releases.LATER).orElseThrow();
        final SeriesEvaluation from3 = evaluator.evaluate(REVENUE, history, target, Releases.LATER, 3).orElseThrow();

        assertThat(from3.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(3, 4, 6);
        assertThat(from3.history()).isEqualTo(full.history().subList(1, 4));
        assertThat(from3.latest()).isEqualTo(full.latest());
    }

    @Test
    @DisplayName("from a month after the last with figures (a version still under embargo): the last month is still judged")
    void theLastMonthIsAlwaysJudged() {
        final SeriesEvaluation full = evaluator.evaluate(REVENUE, history, target, Releases.LATER).orElseThrow();
        final SeriesEvaluation from9 = evaluator.evaluate(REVENUE, history, target, Releases.LATER, 9).orElseThrow();

        assertThat(from9.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(6);
        assertThat(from9.latest()).isEqualTo(full.latest());
    }
}
