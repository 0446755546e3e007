package io.pacewatch.domain;

/** What a release's value covers. */
public enum Basis {
    /** Months 1..N of the year (1–N月累计): the latest one is the year-to-date figure. */
    CUMULATIVE,
    /** Only the months of its own period: the year-to-date figure is the sum of the periods. */
    SINGLE_PERIOD
}
