package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.app.StateDirectoryGuard.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryGuardTest {

    private static final StateOrigin ORIGIN = origin("cluster-a", "releases-id-1");

    @TempDir
    Path stateDir;

    @Test
    void aFirstStartNotesTheOrigin() {
        assertThat(StateDirectoryGuard.reconcile(ORIGIN, app())).isEqualTo(Outcome.FIRST_START);
        assertThat(app().resolve(StateDirectoryGuard.MARKER)).exists();
        assertThat(StateDirectoryGuard.reconcile(ORIGIN, app())).as("read back").isEqualTo(Outcome.SAME_ORIGIN);
    }

    @Test
    void aMarkerLeftHalfWrittenIsNoState() throws IOException {
        Files.createDirectories(app());
        Files.writeString(app().resolve(StateDirectoryGuard.MARKER + ".tmp"), "{\"clusterId\":");
        assertThat(StateDirectoryGuard.reconcile(ORIGIN, app())).isEqualTo(Outcome.FIRST_START);
    }

    @Test
    void stateFromTheSameTopicsIsKept() throws IOException {
        final Path store = stateBuiltFrom(ORIGIN);
        assertThat(StateDirectoryGuard.reconcile(origin("cluster-a", "releases-id-1"), app()))
                .isEqualTo(Outcome.SAME_ORIGIN);
        assertThat(store).exists();
    }

    @Test
    void stateFromRecreatedTopicsIsDeletedEvenOnTheSameClusterId() throws IOException {
        final Path store = stateBuiltFrom(ORIGIN);
        final StateOrigin recreated = origin("cluster-a", "releases-id-2");
        assertThat(StateDirectoryGuard.reconcile(recreated, app())).isEqualTo(Outcome.WIPED);
        assertThat(store).doesNotExist();
        assertThat(StateDirectoryGuard.reconcile(recreated, app())).as("the new origin noted")
                .isEqualTo(Outcome.SAME_ORIGIN);
    }

    @Test
    void stateFromAnotherClusterIsDeleted() throws IOException {
        final Path store = stateBuiltFrom(ORIGIN);
        assertThat(StateDirectoryGuard.reconcile(origin("cluster-b", "releases-id-1"), app())).isEqualTo(Outcome.WIPED);
        assertThat(store).doesNotExist();
    }

    @Test
    void stateOfUnknownOriginIsDeleted() throws IOException {
        final Path store = storeFile();
        assertThat(StateDirectoryGuard.reconcile(ORIGIN, app())).isEqualTo(Outcome.WIPED);
        assertThat(store).doesNotExist();
    }

    @Test
    void anUnreadableMarkerCountsAsUnknown() throws IOException {
        final Path store = storeFile();
        Files.writeString(app().resolve(StateDirectoryGuard.MARKER), "{not json");
        assertThat(StateDirectoryGuard.reconcile(ORIGIN, app())).isEqualTo(Outcome.WIPED);
        assertThat(store).doesNotExist();
    }

    @Test
    void theApplicationFolderIsUnderTheStateDirectory() {
        final Properties props = new Properties();
        props.put("application.id", "pacewatch");
        props.put("state.dir", stateDir.toString());
        assertThat(StateDirectoryGuard.applicationStateDir(props)).isEqualTo(stateDir.resolve("pacewatch"));
        props.remove("state.dir");
        assertThat(StateDirectoryGuard.applicationStateDir(props))
                .as("Kafka Streams' default").isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams",
                        "pacewatch"));
    }

    private Path app() {
        return stateDir.resolve("app");
    }

    /** A first start noting {@code origin}, then a store written as Kafka Streams would; returns a store file. */
    private Path stateBuiltFrom(final StateOrigin origin) throws IOException {
        assertThat(StateDirectoryGuard.reconcile(origin, app())).isEqualTo(Outcome.FIRST_START);
        return storeFile();
    }

    private Path storeFile() throws IOException {
        final Path store = app().resolve("0_0").resolve("rocksdb").resolve("release-history").resolve("CURRENT");
        Files.createDirectories(store.getParent());
        Files.writeString(store, "MANIFEST-000001\n");
        return store;
    }

    private static StateOrigin origin(final String clusterId, final String releasesId) {
        return new StateOrigin(clusterId, new TreeMap<>(Map.of("pacewatch.releases", releasesId,
                "pacewatch.targets", "targets-id")));
    }
}
