package io.pacewatch.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.BooleanSupplier;

/**
 * {@code pacewatch_broker_reachable}: 1 while a Kafka broker has answered within the readiness window,
 * 0 otherwise. The Streams state metric stays "running" through a broker outage; this one does not.
 */
public final class BrokerReachableGauge implements MeterBinder {

    private final BooleanSupplier reachable;

    public BrokerReachableGauge(final BooleanSupplier reachable) {
        this.reachable = reachable;
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        Gauge.builder("pacewatch.broker.reachable", reachable, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while a Kafka broker answered within the readiness window, else 0")
                .strongReference(true)
                .register(registry);
    }
}
