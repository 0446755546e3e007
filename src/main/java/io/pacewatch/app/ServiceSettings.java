package io.pacewatch.app;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.wire.CalendarLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

/**
 * Everything a running pacewatch instance needs. {@code kafka} holds connection and any Streams
 * overrides; {@code advertisedHost} is how other instances reach this one's HTTP port for
 * interactive queries ({@code application.server}); {@code clock} is "now" for embargoes and
 * overdue releases (the system clock, except when the demo replays a past year).
 */
public record ServiceSettings(
        Properties kafka,
        IndicatorCatalogue catalogue,
        ReleaseCalendar calendar,
        Clock clock,
        String httpBindAddress,
        int httpPort,
        String advertisedHost,
        Path stateDir,
        boolean createTopics,
        int partitions,
        short replicationFactor) {

    /** With the bundled release calendar and the system clock. */
    public ServiceSettings(final Properties kafka, final IndicatorCatalogue catalogue, final String httpBindAddress,
                           final int httpPort, final String advertisedHost, final Path stateDir,
                           final boolean createTopics, final int partitions, final short replicationFactor) {
        this(kafka, catalogue, CalendarLoader.bundled(), Clock.systemUTC(), httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor);
    }

    public ServiceSettings withStateDir(final Path dir) {
        return new ServiceSettings(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost, dir,
                createTopics, partitions, replicationFactor);
    }

    public ServiceSettings withClock(final Clock simulated) {
        return new ServiceSettings(kafka, catalogue, calendar, simulated, httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor);
    }
}
