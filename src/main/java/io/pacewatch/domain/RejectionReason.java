package io.pacewatch.domain;

import java.util.Locale;

/** Why an input record was refused. The lower-case code is what metrics labels and DLQ headers carry. */
public enum RejectionReason {
    MALFORMED_JSON,
    OVERSIZE,
    WRONG_TYPE,
    UNKNOWN_FIELD,
    DUPLICATE_FIELD,
    MISSING_FIELD,
    INVALID_FIELD,
    INVALID_TEXT,
    UNKNOWN_INDICATOR,
    INVALID_PERIOD,
    UNKNOWN_UNIT,
    NOT_A_NUMBER,
    NEGATIVE_AMOUNT,
    IMPLAUSIBLE_VALUE,
    KEY_MISMATCH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
