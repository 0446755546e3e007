package io.pacewatch.domain;

/** How loudly an alert should be delivered. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
