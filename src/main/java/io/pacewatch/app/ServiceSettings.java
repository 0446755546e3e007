package io.pacewatch.app;

import io.pacewatch.domain.IndicatorCatalogue;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything a running pacewatch instance needs. {@code kafka} holds connection and any Streams
 * overrides; {@code advertisedHost} is how other instances reach this one's HTTP port for
 * interactive queries ({@code application.server}).
 */
public record ServiceSettings(
        Properties kafka,
        IndicatorCatalogue catalogue,
        String httpBindAddress,
        int httpPort,
        String advertisedHost,
        Path stateDir,
        boolean createTopics,
        int partitions,
        short replicationFactor) {

    public ServiceSettings withStateDir(final Path dir) {
        return new ServiceSettings(kafka, catalogue, httpBindAddress, httpPort, advertisedHost, dir, createTopics,
                partitions, replicationFactor);
    }
}
