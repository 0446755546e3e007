package io.pacewatch.domain.brief;

import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceProfile;
import io.pacewatch.domain.Progress;
import java.math.BigDecimal;

/**
 * Which share an amount row's status was judged against, read back from its progress record (the
 * record does not name its target's profile). What {@code PaceAssessor} writes on an amount record:
 * <pre>
 * profile                 timeProgress / gapPp   priorYearShare / priorYearGapPp   linearTimeProgress / linearGapPp
 * LINEAR                  months/12              last year's, when known           —
 * SEASONAL                the seasonal share     last year's, when known           months/12, when last year is known
 * PRIOR_YEAR              last year's share      the same figures again            months/12
 * PRIOR_YEAR, fell back   months/12              —                                 — (priorYearFallback)
 * </pre>
 * So a record judged on last year's share is the one whose benchmark repeats its same-period
 * figures with the linear ones beside; a seasonal one has a benchmark other than months/12. A
 * share equal to months/12 (every profile in December) reads as time progress, and a seasonal share
 * equal to last year's at the month as last year's: the figures the status was judged on are the same
 * either way.
 */
final class StatusBenchmark {

    private StatusBenchmark() {
    }

    /** The share the status was judged against; null when it was not judged on completion (growth, or not judged). */
    static PaceProfile.Kind of(final Progress p) {
        if (p.judgedOn() != Judgement.AMOUNT_COMPLETION || p.timeProgress() == null) {
            return null;
        }
        // Where the share judged against is months/12 (December, whatever the profile), every benchmark
        // that could have been used says the same: read it as time progress, with no mark.
        if (Boolean.TRUE.equals(p.priorYearFallback()) || same(p.timeProgress(), PaceProfile.linearShare(p.asOfMonth()))) {
            return PaceProfile.Kind.LINEAR;
        }
        if (p.linearTimeProgress() != null) {
            return same(p.timeProgress(), p.priorYearShare()) && same(p.gapPp(), p.priorYearGapPp())
                    ? PaceProfile.Kind.PRIOR_YEAR : PaceProfile.Kind.SEASONAL;
        }
        return PaceProfile.Kind.SEASONAL;
    }

    private static boolean same(final BigDecimal a, final BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }
}
