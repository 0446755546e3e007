package io.pacewatch.cli;

import io.pacewatch.app.ServiceSettings;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code demo}: the HTTP port, the state directory, the catalogue. */
public final class ServiceOptions {

    @Option(names = "--http-port", defaultValue = "${env:PACEWATCH_HTTP_PORT:-8080}",
            description = "HTTP port for /metrics, /health and /api (env PACEWATCH_HTTP_PORT; default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-bind", defaultValue = "${env:PACEWATCH_HTTP_BIND:-0.0.0.0}",
            description = "Address the HTTP port binds to (env PACEWATCH_HTTP_BIND; default ${DEFAULT-VALUE}).")
    String httpBind;

    @Option(names = "--advertised-host", defaultValue = "${env:PACEWATCH_ADVERTISED_HOST:-localhost}",
            description = "Host name other instances use to reach this one for interactive queries "
                    + "(env PACEWATCH_ADVERTISED_HOST; default ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--state-dir", defaultValue = "${env:PACEWATCH_STATE_DIR}",
            description = "Kafka Streams state directory (env PACEWATCH_STATE_DIR; default: Kafka Streams' own).")
    Path stateDir;

    @Option(names = "--catalogue", defaultValue = "${env:PACEWATCH_CATALOGUE}",
            description = "Indicator catalogue JSON replacing the bundled one (env PACEWATCH_CATALOGUE).")
    Path catalogue;

    @Option(names = "--regions", defaultValue = "${env:PACEWATCH_REGIONS}",
            description = "Region catalogue JSON (codes, names, levels, parents) replacing the bundled one "
                    + "(env PACEWATCH_REGIONS).")
    Path regions;

    @Option(names = "--calendar", defaultValue = "${env:PACEWATCH_CALENDAR}",
            description = "Release calendar JSON replacing the bundled one (env PACEWATCH_CALENDAR).")
    Path calendar;

    @Option(names = "--application-id", defaultValue = "${env:PACEWATCH_APPLICATION_ID:-pacewatch}",
            description = "Kafka Streams application.id: instances with the same id share the work (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--broker-unreachable-after-ms", paramLabel = "MS",
            defaultValue = "${env:PACEWATCH_BROKER_UNREACHABLE_AFTER_MS:-5000}",
            description = "/health/ready answers 503 (and pacewatch_broker_reachable is 0) once no Kafka broker has "
                    + "answered for this long (env PACEWATCH_BROKER_UNREACHABLE_AFTER_MS; default ${DEFAULT-VALUE}).")
    long brokerUnreachableAfterMs;

    IndicatorCatalogue loadCatalogue() {
        return catalogue == null ? CatalogueLoader.bundled() : CatalogueLoader.fromFile(catalogue);
    }

    ServiceSettings settings(final Properties kafka, final boolean createTopics, final int partitions,
                             final short replicationFactor) {
        final Properties withId = new Properties();
        withId.putAll(kafka);
        withId.putIfAbsent("application.id", applicationId);
        return new ServiceSettings(withId, loadCatalogue(),
                calendar == null ? CalendarLoader.bundled() : CalendarLoader.fromFile(calendar), Clock.systemUTC(),
                httpBind, httpPort, advertisedHost, stateDir, createTopics, partitions, replicationFactor,
                Duration.ofMillis(brokerUnreachableAfterMs), null,
                regions == null ? CatalogueLoader.bundledRegions() : CatalogueLoader.regionsFromFile(regions));
    }
}
