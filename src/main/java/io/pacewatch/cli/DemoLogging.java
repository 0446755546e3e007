package io.pacewatch.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The demo's logging ({@code log4j2-demo.xml}): the full log in a file, and on stderr only what is
 * worth the reader's attention, so Kafka's expected start-up warnings do not interleave with the feed.
 * Closing goes back to the configuration that was in force before.
 */
final class DemoLogging implements AutoCloseable {

    static final String CONFIG = "/log4j2-demo.xml";
    static final String FILE_PROPERTY = "pacewatch.demo.log";

    private final URI previous;

    private DemoLogging(final URI previous) {
        this.previous = previous;
    }

    /** From now on the full log goes to {@code file} (replaced, not appended to). */
    static DemoLogging toFile(final Path file) {
        final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        final URI previous = context.getConfigLocation();
        System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
        try {
            Configurator.reconfigure(DemoLogging.class.getResource(CONFIG).toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("the bundled " + CONFIG + " has no usable location", e);
        }
        return new DemoLogging(previous);
    }

    @Override
    public void close() {
        if (previous != null) {
            Configurator.reconfigure(previous);
        } else {
            Configurator.reconfigure();
        }
        System.clearProperty(FILE_PROPERTY);
    }
}
