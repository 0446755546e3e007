package io.pacewatch.domain;

import java.math.BigDecimal;

/**
 * Where the gap (in percentage points) changes the traffic light: at or above {@code aheadFromPp}
 * ahead, at or above {@code atRiskBelowPp} on pace, at or above {@code behindBelowPp} at risk,
 * below it behind.
 */
public record StatusThresholds(BigDecimal aheadFromPp, BigDecimal atRiskBelowPp, BigDecimal behindBelowPp) {

    /** Completion gaps swing by several points within a year; 5 pp behind time progress is serious. */
    public static final StatusThresholds AMOUNT_DEFAULT =
            new StatusThresholds(new BigDecimal("5"), BigDecimal.ZERO, new BigDecimal("-5"));
    /** Growth rates move in tenths; a full point under target is what a work report calls lagging. */
    public static final StatusThresholds GROWTH_DEFAULT =
            new StatusThresholds(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("-1"));

    public StatusThresholds {
        if (aheadFromPp == null || atRiskBelowPp == null || behindBelowPp == null) {
            throw new InvalidInputException(RejectionReason.MISSING_FIELD,
                    "thresholds need aheadFromPp, atRiskBelowPp and behindBelowPp");
        }
        if (aheadFromPp.compareTo(atRiskBelowPp) < 0 || atRiskBelowPp.compareTo(behindBelowPp) < 0) {
            throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "thresholds must satisfy aheadFromPp >= atRiskBelowPp >= behindBelowPp");
        }
    }

    public PaceStatus classify(final BigDecimal gapPp) {
        if (gapPp.compareTo(aheadFromPp) >= 0) {
            return PaceStatus.AHEAD;
        }
        if (gapPp.compareTo(atRiskBelowPp) >= 0) {
            return PaceStatus.ON_PACE;
        }
        if (gapPp.compareTo(behindBelowPp) >= 0) {
            return PaceStatus.AT_RISK;
        }
        return PaceStatus.BEHIND;
    }
}
