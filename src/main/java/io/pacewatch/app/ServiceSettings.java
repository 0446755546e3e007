package io.pacewatch.app;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.http.IntakeSettings;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything a running pacewatch instance needs. {@code kafka} holds connection and any Streams
 * overrides; {@code advertisedHost} is how other instances reach this one's HTTP port for
 * interactive queries ({@code application.server}); {@code clock} is "now" for embargoes and
 * overdue releases (the system clock, except when the demo replays a past year);
 * {@code brokerUnreachableAfter} is how long no broker may answer before {@code /health/ready} says 503;
 * {@code intake} is the authenticated HTTP intake's configuration (off unless it names a token file);
 * {@code regions} names regions for people and groups them into peer groups (the bundled catalogue if null).
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
        short replicationFactor,
        Duration brokerUnreachableAfter,
        IntakeSettings intake,
        RegionCatalogue regions) {

    /** Five probes fit in it, so one slow answer is no outage; a real one shows within seconds. */
    public static final Duration DEFAULT_BROKER_UNREACHABLE_AFTER = Duration.ofSeconds(5);

    public ServiceSettings {
        if (brokerUnreachableAfter == null) {
            brokerUnreachableAfter = DEFAULT_BROKER_UNREACHABLE_AFTER;
        } else if (brokerUnreachableAfter.isNegative() || brokerUnreachableAfter.isZero()) {
            throw new IllegalArgumentException("brokerUnreachableAfter must be positive: " + brokerUnreachableAfter);
        }
        if (intake == null) {
            intake = IntakeSettings.OFF;
        }
        if (regions == null) {
            regions = CatalogueLoader.bundledRegions();
        }
    }

    /** With the bundled region catalogue. */
    public ServiceSettings(final Properties kafka, final IndicatorCatalogue catalogue, final ReleaseCalendar calendar,
                           final Clock clock, final String httpBindAddress, final int httpPort,
                           final String advertisedHost, final Path stateDir, final boolean createTopics,
                           final int partitions, final short replicationFactor, final Duration brokerUnreachableAfter,
                           final IntakeSettings intake) {
        this(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost, stateDir, createTopics,
                partitions, replicationFactor, brokerUnreachableAfter, intake, null);
    }

    /** Without the HTTP intake. */
    public ServiceSettings(final Properties kafka, final IndicatorCatalogue catalogue, final ReleaseCalendar calendar,
                           final Clock clock, final String httpBindAddress, final int httpPort,
                           final String advertisedHost, final Path stateDir, final boolean createTopics,
                           final int partitions, final short replicationFactor, final Duration brokerUnreachableAfter) {
        this(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost, stateDir, createTopics,
                partitions, replicationFactor, brokerUnreachableAfter, IntakeSettings.OFF);
    }

    /** With the default broker window. */
    public ServiceSettings(final Properties kafka, final IndicatorCatalogue catalogue, final ReleaseCalendar calendar,
                           final Clock clock, final String httpBindAddress, final int httpPort,
                           final String advertisedHost, final Path stateDir, final boolean createTopics,
                           final int partitions, final short replicationFactor) {
        this(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost, stateDir, createTopics,
                partitions, replicationFactor, DEFAULT_BROKER_UNREACHABLE_AFTER);
    }

    /** With the bundled release calendar and the system clock. */
    public ServiceSettings(final Properties kafka, final IndicatorCatalogue catalogue, final String httpBindAddress,
                           final int httpPort, final String advertisedHost, final Path stateDir,
                           final boolean createTopics, final int partitions, final short replicationFactor) {
        this(kafka, catalogue, CalendarLoader.bundled(), Clock.systemUTC(), httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor);
    }

    public ServiceSettings withStateDir(final Path dir) {
        return new ServiceSettings(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost, dir,
                createTopics, partitions, replicationFactor, brokerUnreachableAfter, intake, regions);
    }

    public ServiceSettings withClock(final Clock simulated) {
        return new ServiceSettings(kafka, catalogue, calendar, simulated, httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor, brokerUnreachableAfter, intake, regions);
    }

    public ServiceSettings withIntake(final IntakeSettings settings) {
        return new ServiceSettings(kafka, catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor, brokerUnreachableAfter, settings, regions);
    }

    public ServiceSettings withRegions(final RegionCatalogue catalogue) {
        return new ServiceSettings(kafka, this.catalogue, calendar, clock, httpBindAddress, httpPort, advertisedHost,
                stateDir, createTopics, partitions, replicationFactor, brokerUnreachableAfter, intake, catalogue);
    }
}
