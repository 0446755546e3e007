package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A series judged as of an instant from the versions published by then ({@link ReleaseHistory#publishedBy}):
 * what a brief circulated at that instant showed, whatever was revised afterwards.
 */
class SeriesEvaluatorAsOfTest {

    private static final SeriesKey REVENUE = Releases.series("BUDGET_REVENUE");
    /** May's brief cut-off: 20 June 09:00 Beijing time. */
    private static final Instant MAY_CUTOFF = Instant.parse("2023-06-20T01:00:00Z");

    private final SeriesEvaluator evaluator = new SeriesEvaluator(Releases.CATALOGUE);
    private final Target target = Targets.budgetRevenue127().build();

    private Progress mayAsOfCutoff(final ReleaseHistory history) {
        final SeriesEvaluation asOf = evaluator.evaluate(REVENUE, history.publishedBy(MAY_CUTOFF), target, MAY_CUTOFF)
                .orElseThrow();
        return asOf.history().stream().filter(p -> p.month() == 5).findFirst().orElseThrow().progress();
    }

    @Test
    @DisplayName("a revision published after the cut-off does not show as of the cut-off; the current judgement has it")
    void aRevisionAfterTheCutoffIsLeftOut() {
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("50").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("55").publishedAt(Releases.beijing(7, 1)).revision(1).build());

        final Progress may = mayAsOfCutoff(history);
        assertThat(may.ytdValue()).isEqualByComparingTo(new BigDecimal("50"));
        assertThat(may.releaseVersions()).allSatisfy(v -> assertThat(v.publishedAt()).isBeforeOrEqualTo(MAY_CUTOFF));
        assertThat(evaluator.evaluate(REVENUE, history, target, Releases.LATER).orElseThrow().latest().ytdValue())
                .isEqualByComparingTo(new BigDecimal("55"));
    }

    @Test
    @DisplayName("a revision published before the cut-off shows as of the cut-off")
    void aRevisionBeforeTheCutoffIsIn() {
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("50").build(),
                Releases.budgetRevenue().cumulativeThrough(5).value("55").publishedAt(Releases.beijing(6, 18)).revision(1).build());

        assertThat(mayAsOfCutoff(history).ytdValue()).isEqualByComparingTo(new BigDecimal("55"));
    }

    @Test
    @DisplayName("a month first published after the cut-off is not in the as-of curve")
    void aLaterMonthIsLeftOut() {
        final ReleaseHistory history = Releases.history(
                Releases.budgetRevenue().cumulativeThrough(5).value("50").build(),
                Releases.budgetRevenue().cumulativeThrough(6).value("60").build());

        final SeriesEvaluation asOf = evaluator.evaluate(REVENUE, history.publishedBy(MAY_CUTOFF), target, MAY_CUTOFF)
                .orElseThrow();
        assertThat(asOf.history()).extracting(SeriesEvaluation.PeriodProgress::month).containsExactly(5);
        assertThat(asOf.latest().asOfMonth()).isEqualTo(5);
    }
}
