package io.pacewatch.app;

import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local state directory from outliving the Kafka data it was built from. Kafka Streams restores a
 * store from its changelog only when there is no local copy, so a state volume that survives the broker's
 * (a lost kafka-data volume, recreated topics) would go on serving figures of records that no longer
 * exist and judge new releases against them. Before Kafka Streams starts, the {@link StateOrigin} noted in
 * the application's state folder is compared with what the cluster holds; if they differ, or the folder
 * has state of unknown origin, the folder is deleted (with a warning saying why) and the instance rebuilds
 * from Kafka exactly as a fresh one would. The reverse, a lost state volume on a kept broker, needs
 * nothing: Kafka Streams restores every store from its changelog.
 */
public final class StateDirectoryGuard {

    /** What happened to the local state. */
    public enum Outcome {
        /** No local state yet: the origin is noted. */
        FIRST_START,
        /** The local state was built from the topics the cluster holds now: kept. */
        SAME_ORIGIN,
        /** The local state came from other topics, or from an unknown origin: deleted, to be rebuilt. */
        WIPED
    }

    static final String MARKER = "pacewatch-origin.json";

    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryGuard.class);

    private StateDirectoryGuard() {
    }

    /**
     * Checks the state folder Kafka Streams will use with {@code streamsConfig} against the cluster that
     * {@code adminConfig} reaches. Call it after the topics exist and before Kafka Streams is created.
     */
    public static Outcome check(final Properties adminConfig, final Properties streamsConfig)
            throws InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            return reconcile(StateOrigin.describe(admin, StateOrigin.SOURCE_TOPICS), applicationStateDir(streamsConfig));
        }
    }

    /** {@code <state.dir>/<application.id>}: where Kafka Streams keeps this application's stores. */
    static Path applicationStateDir(final Properties streamsConfig) {
        final Object stateDir = streamsConfig.getOrDefault(StreamsConfig.STATE_DIR_CONFIG,
                StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG));
        final String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        if (applicationId == null) {
            throw new IllegalArgumentException(StreamsConfig.APPLICATION_ID_CONFIG + " is not set");
        }
        return Path.of(stateDir.toString()).resolve(applicationId);
    }

    static Outcome reconcile(final StateOrigin current, final Path applicationDir) {
        final Optional<StateOrigin> noted = read(applicationDir.resolve(MARKER));
        if (noted.isPresent() && noted.get().equals(current)) {
            return Outcome.SAME_ORIGIN;
        }
        final Outcome outcome;
        if (!holdsState(applicationDir)) {
            outcome = Outcome.FIRST_START;
        } else {
            LOG.warn("The local state in {} was built from {}, but the Kafka cluster now holds {}: {}. Deleting it,"
                            + " so that every store is rebuilt from Kafka and nothing from the old state is served.",
                    applicationDir, noted.map(Object::toString).orElse("an unknown origin (no " + MARKER + ")"),
                    current, noted.isPresent() ? "the broker's data was replaced or its topics recreated"
                            : "it cannot be told whether it matches");
            delete(applicationDir);
            outcome = Outcome.WIPED;
        }
        write(current, applicationDir);
        return outcome;
    }

    /**
     * True if the folder holds anything but the marker (stores, checkpoints, Kafka Streams' own files); a
     * marker left half-written by a crash ({@code .tmp}) is not state either.
     */
    private static boolean holdsState(final Path applicationDir) {
        if (!Files.isDirectory(applicationDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(applicationDir)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().startsWith(MARKER));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + applicationDir, e);
        }
    }

    private static Optional<StateOrigin> read(final Path marker) {
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(marker.toFile(), StateOrigin.class));
        } catch (final IOException e) {
            LOG.warn("cannot read {} ({}); treating the local state as of unknown origin", marker, e.toString());
            return Optional.empty();
        }
    }

    private static void write(final StateOrigin origin, final Path applicationDir) {
        try {
            Files.createDirectories(applicationDir);
            final Path partial = applicationDir.resolve(MARKER + ".tmp");
            Json.MAPPER.writeValue(partial.toFile(), origin);
            Files.move(partial, applicationDir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + applicationDir.resolve(MARKER), e);
        }
    }

    private static void delete(final Path applicationDir) {
        try {
            Utils.delete(applicationDir.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot delete the stale state in " + applicationDir
                    + "; delete that folder and start again", e);
        }
    }
}
