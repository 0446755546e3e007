package io.pacewatch.domain;

/** Which way a status change went. */
public enum AlertKind {
    /** Entered a worse status. */
    WORSENED,
    /** Better, but still of concern (behind → at risk). */
    IMPROVED,
    /** Back on pace or ahead. */
    RECOVERED,
    /** A release the calendar expects has not been published. */
    OVERDUE,
    /** The overdue release arrived and left the pace status where it was. */
    RELEASED
}
