package io.pacewatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of the stack (broker, pacewatch, Prometheus, Alertmanager), its output in a log file.
 * A shutdown hook kills it should the test JVM end before {@link #close()}, so that no process of the
 * test outlives it, also on failure.
 */
final class StackProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;
    private final Thread killOnExit;

    private StackProcess(final String name, final Path log, final Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.killOnExit = new Thread(this::killTree, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code command} with exactly {@code environment} added to a copy of this JVM's environment
     * from which every {@code PACEWATCH_} variable is removed (the test's own settings must not leak in).
     */
    static StackProcess start(final String name, final List<String> command, final Map<String, String> environment,
                              final Path log) {
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PACEWATCH_"));
        builder.environment().putAll(environment);
        try {
            return new StackProcess(name, log, builder.start());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The first match of {@code pattern} in the log so far. */
    Optional<Matcher> find(final Pattern pattern) {
        final Matcher matcher = pattern.matcher(logText());
        return matcher.find() ? Optional.of(matcher) : Optional.empty();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die within 30 s of SIGKILL");
        }
    }

    /** The last lines of the log, for failure messages. */
    String logTail(final int lines) {
        final List<String> all = logText().lines().toList();
        return name + " (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL after 30 s; children too. */
    @Override
    public void close() {
        final List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                killTree();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (final IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
