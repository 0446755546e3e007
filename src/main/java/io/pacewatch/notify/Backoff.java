package io.pacewatch.notify;

import java.time.Duration;

/**
 * Exponential backoff between attempts at a failing receiver: {@code initial}, twice that, four
 * times… never more than {@code max}; then every {@code max} for as long as it keeps failing. With
 * {@code jitter} j each wait is shortened by a random fraction up to j, so that many notifiers
 * restarted together do not knock in step.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the first retry delay must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the longest retry delay " + max + " is shorter than the first " + initial);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
        }
    }

    /**
     * The wait after the {@code failures}-th consecutive failure (1 = the first).
     *
     * @param random a number in [0, 1)
     */
    public Duration delay(final int failures, final double random) {
        final int doublings = Math.max(0, Math.min(failures - 1, 40));
        final long maxMs = max.toMillis();
        long ms = initial.toMillis();
        for (int i = 0; i < doublings && ms < maxMs; i++) {
            ms *= 2;
        }
        ms = Math.min(ms, maxMs);
        return Duration.ofMillis(Math.max(1, Math.round(ms * (1 - jitter * random))));
    }
}
