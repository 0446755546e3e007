package io.pacewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** `run` creates what is missing with the right policy, and says exactly what is wrong with what exists. */
@WithKafka
class TopicSetupIT {

    private KafkaTestBroker kafka;

    @Test
    @DisplayName("missing topics are created compacted or deleting as specified, with the partitions asked for")
    void createsMissingTopics() throws Exception {
        final TopicSpec targets = new TopicSpec(kafka.uniqueTopicName("targets"), TopicSpec.COMPACT, -1, "targets");
        final TopicSpec releases = new TopicSpec(kafka.uniqueTopicName("releases"), TopicSpec.DELETE, -1, "releases");

        final List<String> problems = new TopicSetup(kafka.admin()).ensure(List.of(targets, releases), true, 3, (short) 1);

        assertThat(problems).isEmpty();
        assertThat(config(targets.name(), "cleanup.policy")).isEqualTo("compact");
        assertThat(config(releases.name(), "cleanup.policy")).isEqualTo("delete");
        // Compacted topics roll segments early enough for the cleaner to run; others keep the broker's size.
        assertThat(config(targets.name(), "segment.bytes")).isEqualTo(Integer.toString(TopicSpec.COMPACTED_SEGMENT_BYTES));
        assertThat(config(releases.name(), "segment.bytes")).isEqualTo("1073741824");
        assertThat(kafka.admin().describeTopics(List.of(releases.name())).allTopicNames().get()
                .get(releases.name()).partitions()).hasSize(3);
    }

    @Test
    @DisplayName("an existing topic with the wrong cleanup policy, or a missing one in check-only mode, is reported")
    void reportsWhatIsWrong() throws Exception {
        final String wrong = kafka.uniqueTopicName("targets");
        kafka.createTopic(wrong, 1, false);
        final TopicSpec mustBeCompact = new TopicSpec(wrong, TopicSpec.COMPACT, -1, "the current target per series");
        final TopicSpec absent = new TopicSpec(kafka.uniqueTopicName("absent"), TopicSpec.DELETE, -1, "releases");

        final List<String> problems = new TopicSetup(kafka.admin())
                .ensure(List.of(mustBeCompact, absent), false, 1, (short) 1);

        assertThat(problems).containsExactlyInAnyOrder(
                "topic " + absent.name() + " does not exist",
                "topic " + wrong + " has cleanup.policy=delete but needs compact (the current target per series)");
        assertThat(kafka.admin().listTopics().names().get()).doesNotContain(absent.name());
    }

    @Test
    @DisplayName("a topic one task reads with another is created with that topic's partition count, and a mismatch is reported")
    void matchesThePartitionsOfTheTopicReadAlongside() throws Exception {
        final String releases = kafka.uniqueTopicName("releases");
        kafka.createTopic(releases, 3, false);
        final TopicSpec ranks = new TopicSpec(kafka.uniqueTopicName("peer-ranks"), TopicSpec.COMPACT, -1, "ranks back",
                null, releases);

        assertThat(new TopicSetup(kafka.admin()).ensure(List.of(ranks), true, 6, (short) 1)).isEmpty();
        // a topic just created may take a moment to be described
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(kafka.admin().describeTopics(List.of(ranks.name())).allTopicNames().get()
                        .get(ranks.name()).partitions()).as("created like " + releases + ", not with the 6 asked for")
                        .hasSize(3));

        final String other = kafka.uniqueTopicName("peer-ranks");
        kafka.createTopic(other, 2, true);
        final TopicSpec mismatched = new TopicSpec(other, TopicSpec.COMPACT, -1, "ranks back", null, releases);
        assertThat(new TopicSetup(kafka.admin()).ensure(List.of(mismatched), true, 6, (short) 1)).containsExactly(
                "topic " + other + " has 2 partitions but " + releases + " has 3; they must have as many, since one task"
                        + " reads both (ranks back): delete " + other + " and pacewatch creates it again with 3");
    }

    private String config(final String topic, final String name) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Map<ConfigResource, Config> configs = kafka.admin().describeConfigs(List.of(resource)).all().get();
        return configs.get(resource).get(name).value();
    }
}
