package io.pacewatch.http;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.app.ServiceSettings;
import io.pacewatch.wire.CatalogueLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

/** A pacewatch instance with the HTTP intake on, for one publisher's token granted one region. */
public final class IntakeService {

    private IntakeService() {
    }

    /**
     * Writes the token file into {@code dir} (its state directory goes there too) and starts the
     * instance on a free HTTP port; the caller waits for RUNNING and closes it.
     */
    public static PacewatchService start(final String bootstrapServers, final String applicationId, final Path dir,
                                         final Clock clock, final String publisher, final String token,
                                         final String region, final long maxBodyBytes) throws IOException, InterruptedException {
        final Path tokens = Files.writeString(dir.resolve("tokens.json"), "{\"tokens\":[{\"name\":\"" + publisher
                + "\",\"sha256\":\"" + IntakeTokens.sha256(token) + "\",\"regions\":[\"" + region + "\"]}]}");
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("application.id", applicationId);
        return PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0,
                "127.0.0.1", dir.resolve("state"), true, 2, (short) 1)
                .withClock(clock)
                .withIntake(new IntakeSettings(tokens, maxBodyBytes)));
    }
}
