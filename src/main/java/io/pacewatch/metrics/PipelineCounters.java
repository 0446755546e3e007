package io.pacewatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.topology.DeadLetterHandlers;
import io.pacewatch.topology.PipelineEvents;

/**
 * Counts what flows through the topology: {@code pacewatch_releases_accepted_total{indicator}},
 * {@code pacewatch_releases_revised_total{indicator}}, {@code pacewatch_records_rejected_total{topic,reason}}
 * and {@code pacewatch_alerts_total{severity,kind}}.
 */
public final class PipelineCounters implements PipelineEvents {

    private final MeterRegistry registry;

    public PipelineCounters(final MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void releaseAccepted(final String indicator, final boolean revision) {
        Counter.builder("pacewatch.releases.accepted")
                .description("Valid releases added to their series, first versions and revisions alike")
                .tag("indicator", indicator)
                .register(registry)
                .increment();
        if (revision) {
            Counter.builder("pacewatch.releases.revised")
                    .description("Valid releases that replaced an earlier version of the same figure")
                    .tag("indicator", indicator)
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void rejected(final String sourceTopic, final RejectionReason reason) {
        Counter.builder("pacewatch.records.rejected")
                .description("Input records sent to the dead-letter topic, by source topic and reason")
                .tag("topic", sourceTopic == null ? "unknown" : sourceTopic)
                .tag("reason", reason == null ? DeadLetterHandlers.UNEXPECTED : reason.code())
                .register(registry)
                .increment();
    }

    @Override
    public void alertRaised(final Alert alert) {
        Counter.builder("pacewatch.alerts")
                .description("Alerts raised on a change of pace status")
                .tag("severity", alert.severity().name().toLowerCase(java.util.Locale.ROOT))
                .tag("kind", alert.kind().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }
}
