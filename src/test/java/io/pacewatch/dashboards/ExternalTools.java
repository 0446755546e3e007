package io.pacewatch.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Programs the checks use from the machine (Debian's prometheus, promtool, amtool, docker-compose). */
final class ExternalTools {

    private ExternalTools() {
    }

    /** True where CI runs (.ci/run installs the tools there, so a missing one is an error, not a skip). */
    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Optional<Path> onPath(final String name) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (killed after {@code timeout}); stdout and stderr together. */
    static Result run(final Duration timeout, final Map<String, String> env, final String... command)
            throws IOException, InterruptedException {
        final Path log = Files.createTempFile("pacewatch-tool", ".log");
        try {
            final ProcessBuilder builder = new ProcessBuilder(List.of(command))
                    .directory(MonitoringFiles.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            final Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Result run(final Duration timeout, final String... command) throws IOException, InterruptedException {
        return run(timeout, Map.of(), command);
    }

    static String[] concat(final List<String> head, final List<Path> tail) {
        final List<String> all = new ArrayList<>(head);
        tail.forEach(p -> all.add(MonitoringFiles.root().relativize(p).toString()));
        return all.toArray(String[]::new);
    }
}
