package io.pacewatch.app;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.topology.DeadLetterHandlers;
import io.pacewatch.topology.PacewatchTopology;
import io.pacewatch.wire.PipelineEvents;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * The topology a pacewatch instance runs, for a caller that drives Kafka Streams itself (the bench's
 * restore run watches every store restore; the golden check runs it in a test driver), so that only
 * {@code app} and {@code topology} know how the topology is wired.
 */
public final class Pipelines {

    private Pipelines() {
    }

    /** The service's topology with the bundled regions and calendar and the system clock. */
    public static Topology serviceTopology(final IndicatorCatalogue catalogue) {
        return PacewatchTopology.build(catalogue);
    }

    /** The service's topology with the bundled regions, judging on the given calendar and clock. */
    public static Topology serviceTopology(final IndicatorCatalogue catalogue, final ReleaseCalendar calendar,
                                           final Clock clock) {
        return PacewatchTopology.build(catalogue, calendar, clock, PipelineEvents.NONE);
    }

    /** Streams settings that have the dead-letter handlers report each refused record to {@code events}. */
    public static void reportRefusals(final Properties streamsSettings, final PipelineEvents events) {
        streamsSettings.put(DeadLetterHandlers.EVENTS_CONFIG, events);
    }
}
