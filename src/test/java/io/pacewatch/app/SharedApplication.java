package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.wire.CatalogueLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/** Several pacewatch instances of one application on the test broker, each with its state directory and HTTP port. */
final class SharedApplication implements AutoCloseable {

    private final List<PacewatchService> instances = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    /** Starts {@code count} instances of {@code applicationId} and waits until every one is RUNNING. */
    static SharedApplication start(final KafkaTestBroker kafka, final String applicationId, final int count,
                                   final Duration wait) throws Exception {
        return start(kafka, applicationId, count, wait, null);
    }

    /** As above, with the test's own region catalogue (null: the bundled one), so nothing else on the broker mixes in. */
    static SharedApplication start(final KafkaTestBroker kafka, final String applicationId, final int count,
                                   final Duration wait, final RegionCatalogue regions) throws Exception {
        final SharedApplication app = new SharedApplication();
        for (int i = 0; i < count; i++) {
            final Path stateDir = Files.createTempDirectory(applicationId);
            app.stateDirs.add(stateDir);
            final Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("application.id", applicationId);
            final ServiceSettings settings = new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0,
                    "127.0.0.1", stateDir, true, 2, (short) 1);
            app.instances.add(PacewatchService.start(regions == null ? settings : settings.withRegions(regions)));
        }
        for (final PacewatchService instance : app.instances) {
            assertThat(instance.awaitRunning(wait)).isTrue();
        }
        return app;
    }

    List<PacewatchService> instances() {
        return instances;
    }

    @Override
    public void close() throws Exception {
        instances.forEach(PacewatchService::close);
        for (final Path dir : stateDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
