package io.pacewatch.health;

import java.time.Duration;

/** One request that only a live broker can answer; {@link AdminBrokerProbe} is the real one. */
@FunctionalInterface
public interface BrokerProbe {

    /** Returns once a broker has answered; throws if none did within {@code timeout}, or if it refused. */
    void check(Duration timeout) throws Exception;
}
