package io.pacewatch.cli;

import picocli.CommandLine.Option;

/**
 * Whether a long-running command ({@code run}, {@code notify}) creates the topics it needs or only checks
 * them, and with what replication: the topics differ per command (all of pacewatch's, or the delivery
 * log), the choice does not.
 */
public final class TopicCreationOptions {

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "0",
            description = "Replication of the topics this command creates; 0 = min(3, brokers) (default).")
    short replicationFactor;

    @Option(names = "--no-create-topics", negatable = false,
            description = "Only check that the topics this command needs exist and are configured right; never create them.")
    boolean checkOnly;

    public short replicationFactor() {
        return replicationFactor;
    }

    public boolean createTopics() {
        return !checkOnly;
    }
}
