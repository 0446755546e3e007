package io.pacewatch.bench;

import io.pacewatch.broker.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's broker: {@link EmbeddedKafkaBroker}, either in a JVM of its own (default, so that
 * the heap, RSS and CPU the bench reports are pacewatch's and not the broker's) or inside the bench's
 * JVM (quicker to start; used by the smoke test).
 */
abstract class BenchBroker implements AutoCloseable {

    private static final String READY = "PWBENCH-BROKER ";

    abstract String bootstrapServers();

    /** CPU seconds used by the broker so far, when it runs in a process of its own. */
    OptionalLong cpuMillis() {
        return OptionalLong.empty();
    }

    /** The broker's process id when it runs in a process of its own. */
    OptionalLong pid() {
        return OptionalLong.empty();
    }

    abstract String description();

    @Override
    public abstract void close();

    static BenchBroker inProcess() {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        return new BenchBroker() {
            @Override
            String bootstrapServers() {
                return broker.bootstrapServers();
            }

            @Override
            String description() {
                return "EmbeddedKafkaBroker (KRaft) inside the bench JVM";
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    /** Starts {@link #main} in a child JVM with the bench's own class path and waits until it serves. */
    static BenchBroker childProcess(final String heap, final Path logFile) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchBroker.class.getName());
        final Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String bootstrap = null;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                bootstrap = line.substring(READY.length()).trim();
                break;
            }
        }
        if (bootstrap == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker process did not start; see " + logFile + ":\n"
                    + tail(logFile));
        }
        // Keep draining the child's standard output into the log, so that it can never block on a full pipe.
        final BufferedReader rest = out;
        final Thread drain = new Thread(() -> {
            try (java.io.Writer log = java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                for (String next = rest.readLine(); next != null; next = rest.readLine()) {
                    log.write(next);
                    log.write('\n');
                    log.flush();
                }
            } catch (final IOException ignored) {
                // the broker is gone
            }
        }, "pwbench-broker-stdout");
        drain.setDaemon(true);
        drain.start();
        final String address = bootstrap;
        final Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        return new BenchBroker() {
            @Override
            String bootstrapServers() {
                return address;
            }

            @Override
            OptionalLong cpuMillis() {
                return ProcStats.cpuMillis(process.pid());
            }

            @Override
            OptionalLong pid() {
                return OptionalLong.of(process.pid());
            }

            @Override
            String description() {
                return "EmbeddedKafkaBroker (KRaft) in its own JVM (-Xmx" + heap + ", pid " + process.pid() + ")";
            }

            @Override
            public void close() {
                try {
                    stdin.close();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (final IOException e) {
                    process.destroyForcibly();
                } catch (final InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (final IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /** The child: starts a broker, prints its address, and stops it when standard input closes. */
    public static void main(final String[] args) throws IOException {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            System.out.println(READY + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our standard input (or to die)
            }
        }
    }
}
