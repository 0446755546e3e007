package io.pacewatch.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the demo moves by hand, one month of its illustrative year at a time. */
final class SimulatedClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now = Instant.EPOCH;

    SimulatedClock(final ZoneId zone) {
        this.zone = zone;
    }

    void set(final Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(final ZoneId other) {
        final SimulatedClock copy = new SimulatedClock(other);
        copy.now = now;
        return copy;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
