package io.pacewatch.domain;

/** How often an indicator is released; a quarterly indicator's periods must end with a quarter. */
public enum Frequency {
    MONTHLY,
    QUARTERLY;

    boolean allowsPeriodEndingIn(final int month) {
        return this == MONTHLY || month % 3 == 0;
    }
}
