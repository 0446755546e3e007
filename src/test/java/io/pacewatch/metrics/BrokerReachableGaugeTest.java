package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BrokerReachableGaugeTest {

    @Test
    void scrapesOneWhileReachableAndZeroWhileNot() {
        final AtomicBoolean reachable = new AtomicBoolean(true);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new BrokerReachableGauge(reachable::get).bindTo(registry);
        assertThat(registry.scrape()).contains("# TYPE pacewatch_broker_reachable gauge", "\npacewatch_broker_reachable 1");
        reachable.set(false);
        assertThat(registry.scrape()).contains("\npacewatch_broker_reachable 0");
        registry.close();
    }
}
