package io.pacewatch.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code pacewatch run} as a separate JVM, started from the packaged jar and its dependencies
 * ({@code target/pacewatch.jar}, {@code target/lib}; {@code package} runs before failsafe's
 * {@code integration-test}), so that it can be killed hard. Output goes to {@code target/faults/<name>.log}.
 */
final class PacewatchProcess implements AutoCloseable {

    static final Path TARGET = Path.of("target");

    final String name;
    final int httpPort;
    final Path log;
    private final Process process;

    private PacewatchProcess(final String name, final int httpPort, final Path log, final Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    static PacewatchProcess start(final String name, final String bootstrapServers, final String applicationId,
                                  final Path stateDir, final Map<String, String> kafkaProperties,
                                  final List<String> moreOptions) {
        final Path jar = TARGET.resolve("pacewatch.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(TARGET.resolve("lib"))) {
            throw new AssertionError(jar.toAbsolutePath() + " or target/lib is missing: run the fault tests with "
                    + "`mvn verify`, whose package phase builds them before the integration tests");
        }
        final int port = FaultKit.freePort();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small heap, serial GC, C1 only: starts fast and leaves the CPU to the others on a small machine.
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", jar + File.pathSeparator + TARGET.resolve("lib") + File.separator + "*",
                "io.pacewatch.cli.PacewatchCli", "run",
                "--bootstrap-servers", bootstrapServers,
                "--http-port", Integer.toString(port),
                "--http-bind", "127.0.0.1",
                "--advertised-host", "127.0.0.1",
                "--state-dir", stateDir.toString(),
                "--application-id", applicationId,
                "--partitions", Integer.toString(FaultKit.PARTITIONS_IF_NEW),
                "--replication-factor", "1"));
        kafkaProperties.forEach((key, value) -> {
            command.add("--kafka-property");
            command.add(key + "=" + value);
        });
        command.addAll(moreOptions);
        try {
            final Path logDir = Files.createDirectories(TARGET.resolve("faults"));
            final Path log = logDir.resolve(name + ".log");
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Settings from the environment would change what is tested.
            builder.environment().keySet().removeIf(k -> k.startsWith("PACEWATCH_"));
            final Process process = builder.start();
            // Should the test JVM be stopped before @AfterAll runs, the child must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
            FaultKit.LOG.info("started {} (pid {}, HTTP port {}, log {})", name, process.pid(), port, log);
            return new PacewatchProcess(name, port, log, process);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True while {@code /health/ready} answers 200 (Kafka Streams RUNNING and the broker answering). */
    boolean ready() {
        return process.isAlive() && FaultKit.get(httpPort, "/health/ready").status() == 200;
    }

    FaultKit.Answer get(final String path) {
        return FaultKit.get(httpPort, path);
    }

    /** The exit code once the process has ended by itself within {@code timeout}; fails otherwise. */
    int awaitExit(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running " + timeout + " later:\n" + logTail(40));
        }
        return process.exitValue();
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()}): no shutdown hook, no commit, no goodbye. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM: the shutdown hook closes Kafka Streams cleanly; forcibly after 45 s. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            FaultKit.LOG.warn("{} did not stop within 45 s of SIGTERM; killing it", name);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** The last lines of the process's log, for failure messages. */
    String logTail(final int lines) {
        try {
            final List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (final IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", HTTP " + httpPort + ")";
    }
}
