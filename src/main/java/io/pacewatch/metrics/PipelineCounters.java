package io.pacewatch.metrics;

import io.pacewatch.wire.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.PipelineEvents;
import io.pacewatch.wire.Topics;
import java.util.List;
import java.util.Locale;

/**
 * Counts what flows through the topology: {@code pacewatch_releases_accepted_total{indicator}},
 * {@code pacewatch_releases_revised_total{indicator}}, {@code pacewatch_records_rejected_total{topic,reason}}
 * and {@code pacewatch_alerts_total{severity,kind}}.
 *
 * <p>Every counter whose labels are known in advance exists from the start at 0 (each catalogue
 * indicator, each rejection reason and the unexpected one per input topic, each severity and kind),
 * so that a fresh /metrics shows them and {@code increase()} sees the first event like any other.
 */
public final class PipelineCounters implements PipelineEvents {

    /** The topics whose records can be refused. */
    static final List<String> INPUT_TOPICS = List.of(Topics.RELEASES, Topics.TARGETS);

    private final MeterRegistry registry;

    public PipelineCounters(final MeterRegistry registry, final IndicatorCatalogue catalogue) {
        this.registry = registry;
        for (final Indicator indicator : catalogue.all()) {
            accepted(indicator.code());
            revised(indicator.code());
        }
        for (final String topic : INPUT_TOPICS) {
            for (final RejectionReason reason : RejectionReason.values()) {
                rejectedCounter(topic, reason);
            }
            rejectedCounter(topic, null);
        }
        for (final Severity severity : Severity.values()) {
            for (final AlertKind kind : AlertKind.values()) {
                alerts(severity, kind);
            }
        }
    }

    @Override
    public void releaseAccepted(final String indicator, final boolean revision) {
        accepted(indicator).increment();
        if (revision) {
            revised(indicator).increment();
        }
    }

    @Override
    public void rejected(final String sourceTopic, final RejectionReason reason) {
        rejectedCounter(sourceTopic == null ? "unknown" : sourceTopic, reason).increment();
    }

    @Override
    public void alertRaised(final Alert alert) {
        alerts(alert.severity(), alert.kind()).increment();
    }

    private Counter accepted(final String indicator) {
        return Counter.builder("pacewatch.releases.accepted")
                .description("Valid releases added to their series, first versions and revisions alike")
                .tag("indicator", indicator)
                .register(registry);
    }

    private Counter revised(final String indicator) {
        return Counter.builder("pacewatch.releases.revised")
                .description("Valid releases that replaced an earlier version of the same figure")
                .tag("indicator", indicator)
                .register(registry);
    }

    /** @param reason null when the failure was not a validation rule */
    private Counter rejectedCounter(final String topic, final RejectionReason reason) {
        return Counter.builder("pacewatch.records.rejected")
                .description("Input records sent to the dead-letter topic, by source topic and reason")
                .tag("topic", topic)
                .tag("reason", reason == null ? DeadLetterHeaders.UNEXPECTED : reason.code())
                .register(registry);
    }

    private Counter alerts(final Severity severity, final AlertKind kind) {
        return Counter.builder("pacewatch.alerts")
                .description("Alerts raised on a change of pace status")
                .tag("severity", severity.name().toLowerCase(Locale.ROOT))
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
