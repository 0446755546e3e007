package io.pacewatch.notify;

import java.time.Duration;

/**
 * What one attempt came to. {@code retryAfter} is the receiver's own request to wait (HTTP 429
 * {@code Retry-After}), null when it said nothing.
 */
record Outcome(boolean delivered, int httpStatus, String detail, Duration retryAfter) {

    static Outcome delivered(final int httpStatus) {
        return new Outcome(true, httpStatus, "HTTP " + httpStatus, null);
    }

    static Outcome failed(final int httpStatus, final String detail, final Duration retryAfter) {
        return new Outcome(false, httpStatus, detail, retryAfter);
    }

    static Outcome failed(final String detail) {
        return new Outcome(false, 0, detail, null);
    }
}
