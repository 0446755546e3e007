package io.pacewatch.domain;

/** What a target fixes: an annual amount (127 亿元) or an annual growth rate (6.5%). */
public enum TargetKind {
    AMOUNT,
    GROWTH
}
