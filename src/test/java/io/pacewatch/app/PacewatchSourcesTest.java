package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.broker.GroupLag;
import io.pacewatch.wire.CatalogueLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The bench's "done" (and anyone else's) waits on {@link GroupLag#pacewatchSources()} plus the group's
 * repartition topics: that must be every topic the topology reads, or a run is called done early.
 */
class PacewatchSourcesTest {

    @Test
    void pacewatchSourcesAreEveryTopicTheTopologyReadsBesideItsRepartitionTopics() {
        final Set<String> read = Pipelines.serviceTopology(CatalogueLoader.bundled()).describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .filter(topic -> !topic.endsWith("-repartition"))
                .collect(Collectors.toSet());

        assertThat(GroupLag.pacewatchSources()).containsExactlyInAnyOrderElementsOf(read);
    }
}
