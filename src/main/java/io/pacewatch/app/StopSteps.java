package io.pacewatch.app;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a shutdown in order, each one even if an earlier one threw. A stop that gave up at
 * its first failure would leave the rest open and {@code awaitStop()} waiting forever: the zombie a
 * liveness probe exists to end.
 */
final class StopSteps {

    private static final Logger LOG = LoggerFactory.getLogger(StopSteps.class);

    /** A named step, so that the log says which one failed. */
    record Step(String name, Runnable action) {
    }

    private StopSteps() {
    }

    /** @return the failures, in order; each is also logged */
    static List<RuntimeException> run(final Step... steps) {
        final List<RuntimeException> failures = new ArrayList<>();
        for (final Step step : steps) {
            try {
                step.action().run();
            } catch (final RuntimeException e) {
                LOG.warn("stopping: {} failed; going on with the rest", step.name(), e);
                failures.add(e);
            }
        }
        return failures;
    }
}
