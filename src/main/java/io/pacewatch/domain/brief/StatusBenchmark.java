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
 * seasonal share that equals last year's (or months/12) at the month reads as that one: the figures
 * the status was judged on are the same either way.
 */
final class StatusBenchmark {

    private StatusBenchmark() {
    }

    /** The share the status was judged against; null when it was not judged on completion (growth, or not judged). */
    static PaceProfile.Kind of(final Progress p) {
        if (p.judgedOn() != Judgement.AMOUNT_COMPLETION || p.timeProgress() == null) {
            return null;
        }
        if (Boolean.TRUE.equals(p.priorYearFallback())) {
            return PaceProfile.Kind.LINEAR;
        }
        if (p.linearTimeProgress() != null) {
            return same(p.timeProgress(), p.priorYearShare()) && same(p.gapPp(), p.priorYearGapPp())
                    ? PaceProfile.Kind.PRIOR_YEAR : PaceProfile.Kind.SEASONAL;
        }
        return same(p.timeProgress(), PaceProfile.linearShare(p.asOfMonth())) ? PaceProfile.Kind.LINEAR
                : PaceProfile.Kind.SEASONAL;
    }

    private static boolean same(final BigDecimal a, final BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }
}
