package io.pacewatch.app;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.topology.PacewatchTopology;
import org.apache.kafka.streams.Topology;

/**
 * The topology a pacewatch instance runs, for a caller that drives Kafka Streams itself (the bench's
 * restore run watches every store restore), so that only {@code app} and {@code topology} know how
 * the topology is wired.
 */
public final class Pipelines {

    private Pipelines() {
    }

    /** The service's topology with the bundled regions and calendar and the system clock. */
    public static Topology serviceTopology(final IndicatorCatalogue catalogue) {
        return PacewatchTopology.build(catalogue);
    }
}
