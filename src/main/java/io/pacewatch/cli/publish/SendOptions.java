package io.pacewatch.cli.publish;

import io.pacewatch.cli.KafkaConnectionOptions;
import io.pacewatch.cli.publish.FilePublisher.PublishPlan;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How {@code publish} and {@code targets load} send what they validated: to which topic, whether at
 * all, and with a progress bar or not. The topic's default is the command's own (releases or
 * targets), given when the command creates this mixin; picocli shows it as the default.
 */
public final class SendOptions {

    @Option(names = "--dry-run", description = "Validate only; send nothing and need no broker.")
    boolean dryRun;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to send to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: for more than 1,000 rows when run interactively).")
    Boolean progress;

    SendOptions(final String defaultTopic) {
        this.topic = defaultTopic;
    }

    String topic() {
        return topic;
    }

    /** The plan for this run; a dry run needs no Kafka settings, so none are asked for. */
    PublishPlan plan(final KafkaConnectionOptions kafka, final CommandSpec spec, final String clientId) {
        final Properties kafkaProperties = dryRun ? null : kafka.requireClientProperties(spec);
        return new PublishPlan(topic, dryRun, kafkaProperties, clientId, progress, ProgressBar.likelyWatched());
    }
}
