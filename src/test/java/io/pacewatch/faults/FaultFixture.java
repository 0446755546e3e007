package io.pacewatch.faults;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.testkit.KafkaBrokerExtension;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.wire.CalendarLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every fault test sets up and cleans up: a tag that names its regions and application ids, the
 * shared pacewatch topics created before it starts, its state directories, and, once the class is done,
 * closing every instance and process it started, putting the shared topics back as a fresh broker has
 * them ({@link FaultKit#resetSharedTopics}) and deleting the directories. One per test class, on a
 * {@code @WithKafka} class (static, so that JUnit honours its class-level callbacks):
 * <pre>{@code @RegisterExtension static final FaultFixture fault = new FaultFixture("rr");}</pre>
 * The class's own {@code @AfterAll} methods run before this clean-up (e.g. to bring a stopped broker back).
 */
final class FaultFixture implements BeforeAllCallback, AfterAllCallback {

    private final String tag;
    private final boolean resetsSharedTopics;
    /** Closed last-started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<Path> dirs = new ArrayList<>();
    private KafkaTestBroker kafka;

    /** A fixture whose test writes to the shared pacewatch topics: they are reset afterwards. */
    FaultFixture(final String tagPrefix) {
        this(tagPrefix, true);
    }

    private FaultFixture(final String tagPrefix, final boolean resetsSharedTopics) {
        this.tag = tagPrefix + UUID.randomUUID().toString().substring(0, 8);
        this.resetsSharedTopics = resetsSharedTopics;
    }

    /** For a test that touches only its own application's topics: the shared ones are left as they are. */
    static FaultFixture keepingSharedTopics(final String tagPrefix) {
        return new FaultFixture(tagPrefix, false);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        kafka = KafkaBrokerExtension.broker(context);
        FaultKit.ensureTopics(kafka.admin());
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        final boolean startedAny = !started.isEmpty();
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (final Exception e) {
                FaultKit.LOG.warn("could not close what {} started", tag, e);
            }
        }
        if (resetsSharedTopics && startedAny) {
            FaultKit.resetSharedTopics(kafka.admin());
        }
        dirs.forEach(FaultKit::deleteRecursively);
    }

    /** Starts every region and key of this test's records, so that watches and comparisons can find them. */
    String tag() {
        return tag;
    }

    KafkaTestBroker kafka() {
        return kafka;
    }

    /** A fault-test application id, under {@link FaultKit#APPLICATION_ID_PREFIX}, unique to this run. */
    String applicationId(final String name) {
        return FaultKit.APPLICATION_ID_PREFIX + name + "-" + tag;
    }

    /** A fresh directory, deleted after the class. */
    Path newDir(final String name) throws IOException {
        final Path dir = Files.createTempDirectory("pacewatch-faults-" + name);
        dirs.add(dir);
        return dir;
    }

    /** An in-process instance ({@link FaultKit#startService}), closed after the class if the test has not. */
    PacewatchService startService(final String applicationId, final Path stateDir, final Map<String, String> overrides,
                                  final ReleaseCalendar calendar) throws Exception {
        return closeAtEnd(FaultKit.startService(kafka.bootstrapServers(), applicationId, stateDir, overrides, calendar));
    }

    /** The same with the bundled release calendar. */
    PacewatchService startService(final String applicationId, final Path stateDir, final Map<String, String> overrides)
            throws Exception {
        return startService(applicationId, stateDir, overrides, CalendarLoader.bundled());
    }

    /** Closes {@code resource} after the class (again, if the test closed it already: it must allow that). */
    <T extends AutoCloseable> T closeAtEnd(final T resource) {
        started.push(resource);
        return resource;
    }

    /** Follows {@code topic} from the beginning, keeping this test's keys only. */
    TopicWatch watch(final String topic) {
        return new TopicWatch(kafka.bootstrapServers(), topic, key -> key.startsWith(tag));
    }
}
