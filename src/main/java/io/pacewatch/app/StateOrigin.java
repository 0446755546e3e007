package io.pacewatch.app;

import io.pacewatch.wire.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The Kafka cluster and the exact topics a local state directory was built from. A topic id changes
 * whenever a topic is deleted and created again, even under the same name on a cluster with the same id
 * (the apache/kafka image formats every new volume with one fixed cluster id), so the topic ids are what
 * tells "the broker's data is gone" apart from "the same broker, restarted".
 *
 * @param clusterId the cluster's id
 * @param topicIds  topic name → topic id, for the topics pacewatch's stores are built from
 */
public record StateOrigin(String clusterId, SortedMap<String, String> topicIds) {

    /**
     * Every store is built from these: the inputs, and the outputs the stores hold copies of (the progress
     * view reads its topic back; the alerts view is kept as alerts are raised, but a recreated alerts topic
     * still means the broker's data is gone). Kept as it was, so origins recorded before compare equal.
     */
    static final List<String> SOURCE_TOPICS = List.of(Topics.RELEASES, Topics.TARGETS, Topics.PROGRESS, Topics.ALERTS);

    private static final long TIMEOUT_SECONDS = 30;

    public StateOrigin {
        topicIds = new TreeMap<>(topicIds);
    }

    /** What the cluster holds now; the topics must exist (pacewatch creates or checks them first). */
    static StateOrigin describe(final Admin admin, final Collection<String> topics) throws InterruptedException {
        try {
            final String clusterId = admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final SortedMap<String, String> ids = new TreeMap<>();
            described.forEach((name, description) -> ids.put(name, description.topicId().toString()));
            return new StateOrigin(clusterId, ids);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the Kafka cluster and the topics " + topics + ": " + e, e);
        }
    }
}
