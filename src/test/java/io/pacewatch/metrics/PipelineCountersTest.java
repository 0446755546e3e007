package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pipeline counters exist at 0 before their first event, so a fresh /metrics shows every one. */
class PipelineCountersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineCounters counters = new PipelineCounters(registry, Releases.CATALOGUE);

    @Test
    @DisplayName("every rejection reason (and the unexpected one) of each input topic is at 0 from the start")
    void rejectionsPreRegistered() {
        final String scrape = registry.scrape();

        for (final String topic : new String[] {Topics.RELEASES, Topics.TARGETS}) {
            for (final RejectionReason reason : RejectionReason.values()) {
                assertThat(scrape).contains("pacewatch_records_rejected_total{reason=\"" + reason.code()
                        + "\",topic=\"" + topic + "\"} 0.0");
            }
            assertThat(scrape).contains("pacewatch_records_rejected_total{reason=\"unexpected\",topic=\"" + topic + "\"} 0.0");
        }
    }

    @Test
    @DisplayName("every severity x kind of alert, and each catalogue indicator's accepted and revised releases, at 0")
    void alertsAndReleasesPreRegistered() {
        final String scrape = registry.scrape();

        assertThat(scrape.lines().filter(l -> l.startsWith("pacewatch_alerts_total{")).count())
                .isEqualTo((long) Severity.values().length * AlertKind.values().length);
        assertThat(scrape).contains("pacewatch_alerts_total{kind=\"overdue\",severity=\"warning\"} 0.0");
        assertThat(scrape).contains("pacewatch_releases_accepted_total{indicator=\"GDP\"} 0.0");
        assertThat(scrape).contains("pacewatch_releases_revised_total{indicator=\"GDP\"} 0.0");
    }

    @Test
    @DisplayName("an event counts on the pre-registered counter; an unknown topic still gets a counter of its own")
    void eventsCount() {
        counters.rejected(Topics.RELEASES, RejectionReason.MALFORMED_JSON);
        counters.rejected(Topics.RELEASES, RejectionReason.MALFORMED_JSON);
        counters.rejected(null, null);
        counters.releaseAccepted("GDP", true);

        final String scrape = registry.scrape();

        assertThat(scrape).contains("pacewatch_records_rejected_total{reason=\"malformed_json\",topic=\""
                + Topics.RELEASES + "\"} 2.0");
        assertThat(scrape).contains("pacewatch_records_rejected_total{reason=\"unexpected\",topic=\"unknown\"} 1.0");
        assertThat(scrape).contains("pacewatch_releases_accepted_total{indicator=\"GDP\"} 1.0");
        assertThat(scrape).contains("pacewatch_releases_revised_total{indicator=\"GDP\"} 1.0");
    }
}
