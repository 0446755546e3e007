package io.pacewatch.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics pacewatch needs, or checks existing ones and says exactly what is wrong:
 * a compacted topic that is not compacted would lose targets; a deleting one that is compacted would
 * drop releases and alerts. The service's topics ({@link TopicSpec#all}) and the notifier's delivery
 * log both go through here.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public TopicSetup(final Admin admin) {
        this.admin = admin;
    }

    /**
     * @param create  create missing topics; otherwise a missing topic is a problem
     * @return problems found; empty when every topic is usable
     */
    public List<String> ensure(final Collection<TopicSpec> specs, final boolean create, final int partitions,
                               final short replicationFactor) throws InterruptedException {
        try {
            final Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final List<String> problems = new ArrayList<>();
            final Map<String, Integer> counts = partitionCounts(specs.stream()
                    .flatMap(s -> java.util.stream.Stream.of(s.name(), s.samePartitionsAs()))
                    .filter(name -> name != null && existing.contains(name)).distinct().toList());
            final List<NewTopic> missing = specs.stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s.samePartitionsAs() == null ? partitions
                            : counts.getOrDefault(s.samePartitionsAs(), partitions), replicationFactor).configs(s.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                if (create) {
                    createTolerantly(missing);
                    LOG.info("Created topics {} ({} partitions, replication {})",
                            missing.stream().map(NewTopic::name).toList(), partitions, replicationFactor);
                } else {
                    missing.forEach(t -> problems.add("topic " + t.name() + " does not exist"));
                }
            }
            problems.addAll(checkConfigs(specs.stream().filter(s -> existing.contains(s.name())).toList()));
            for (final TopicSpec spec : specs) {
                final Integer own = counts.get(spec.name());
                final Integer other = spec.samePartitionsAs() == null ? null : counts.get(spec.samePartitionsAs());
                if (own != null && other != null && !own.equals(other)) {
                    problems.add("topic " + spec.name() + " has " + own + " partitions but " + spec.samePartitionsAs()
                            + " has " + other + "; they must have as many, since one task reads both (" + spec.purpose()
                            + "): delete " + spec.name() + " and pacewatch creates it again with " + other);
                }
            }
            return problems;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot set up topics: " + e.getMessage(), e);
        }
    }

    /** Three copies where the cluster has three brokers, fewer on a smaller (development) cluster. */
    public static short defaultReplication(final Admin admin) throws InterruptedException {
        try {
            return (short) Math.min(3, admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size());
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** Another instance starting at the same time may create a topic first; its spec is the same. */
    private void createTolerantly(final List<NewTopic> missing)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, Integer> partitionCounts(final List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }

    private List<String> checkConfigs(final List<TopicSpec> specs)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (specs.isEmpty()) {
            return List.of();
        }
        final Map<ConfigResource, Config> configs = admin.describeConfigs(specs.stream()
                        .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name()))
                        .collect(Collectors.toList()))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final List<String> problems = new ArrayList<>();
        for (final TopicSpec spec : specs) {
            final Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            final String policy = config.get("cleanup.policy").value();
            if (!Set.of(policy.split(",")).equals(Set.of(spec.cleanupPolicy()))) {
                problems.add("topic " + spec.name() + " has cleanup.policy=" + policy + " but needs "
                        + spec.cleanupPolicy() + " (" + spec.purpose() + ")");
            }
        }
        return problems;
    }
}
