package io.pacewatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder recording of one phase, and a summary of where the Kafka Streams threads
 * spent it: Java samples (running Java code) and native samples (in JNI: RocksDB, or waiting in
 * epoll) taken at the same 10 ms period, so the two can be added up.
 */
final class JfrProfile implements AutoCloseable {

    private static final Duration PERIOD = Duration.ofMillis(10);

    private final Recording recording;
    private final Path file;

    JfrProfile(final Path file) throws IOException, ParseException {
        this.file = file;
        this.recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
        recording.setToDisk(true);
        recording.start();
    }

    Path stop() throws IOException {
        recording.stop();
        recording.dump(file);
        return file;
    }

    @Override
    public void close() {
        recording.close();
    }

    /** Outermost match wins: the first of these found walking from the thread's run() upward. */
    private static final Map<String, Predicate<String>> LOOP_STAGES = new LinkedHashMap<>();
    /** Streams nodes that say on whose behalf a record was (de)serialized. */
    private static final List<String> SERDE_CALLERS = List.of("CachingKeyValueStore", "KStreamAggregate", "KTableSource",
            "KTableKTableOuterJoin", "SeriesJudgeProcessor", "SinkNode", "SourceNode", "KStreamFlatMap");

    static {
        LOOP_STAGES.put("poll phase", f -> f.startsWith("org.apache.kafka.streams.processor.internals.StreamThread.pollPhase"));
        LOOP_STAGES.put("commit (flush caches + stores, commit transaction)", f ->
                f.startsWith("org.apache.kafka.streams.processor.internals.StreamThread.maybeCommit")
                        || f.startsWith("org.apache.kafka.streams.processor.internals.TaskManager.commit"));
        LOOP_STAGES.put("punctuate", f -> f.startsWith("org.apache.kafka.streams.processor.internals.TaskManager.punctuate"));
        LOOP_STAGES.put("process records", f -> f.startsWith("org.apache.kafka.streams.processor.internals.TaskManager.process"));
    }

    /**
     * Prints the summary of {@code recording} for the Kafka Streams processing threads (names ending
     * in {@code -StreamThread-<n>}; their producers' network threads are left out).
     */
    static void summarize(final Path recording, final PrintStream out) throws IOException {
        final Map<String, Long> threads = new HashMap<>();
        final Map<String, Long> work = new HashMap<>();
        final Map<String, Long> loop = new LinkedHashMap<>();
        final Map<String, Long> selfPackage = new HashMap<>();
        long total = 0;
        long idle = 0;
        long truncated = 0;
        for (final RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            final String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            final RecordedThread thread = event.getThread("sampledThread");
            final String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
            final RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            final List<String> frames = stack.getFrames().stream().map(JfrProfile::name).toList();
            final boolean waiting = WAITING.stream().anyMatch(frames.get(0)::startsWith);
            if (!waiting) {
                threads.merge(threadGroup(threadName), 1L, Long::sum);
            }
            if (!STREAM_THREAD.matcher(threadName).matches()) {
                continue;
            }
            total++;
            if (waiting) {
                idle++;
                continue;
            }
            truncated += stack.isTruncated() ? 1 : 0;
            work.merge(work(frames), 1L, Long::sum);
            loop.merge(stack.isTruncated() ? "(stack deeper than JFR's stackdepth)" : firstMatch(frames, LOOP_STAGES, true),
                    1L, Long::sum);
            selfPackage.merge(packageOf(frames.get(0)), 1L, Long::sum);
        }
        final long busy = total - idle;
        out.printf("JFR profile %s: %,d samples of the stream thread(s) every 10 ms, %,d running (Java or native), "
                + "%,d blocked in epoll%n", recording, total, busy, idle);
        print(out, "running samples by thread, whole JVM", threads, threads.values().stream().mapToLong(Long::longValue).sum(), 8);
        print(out, "stream thread: what the running samples were doing (JSON read/write by the node it served; "
                + "else the innermost pacewatch frame; else the top frame)", work, busy, 30);
        print(out, "stream thread: by package of the top frame", selfPackage, busy, 12);
        print(out, "stream thread: by loop stage (" + truncated + " samples too deep to tell; run the JVM with "
                + "-XX:FlightRecorderOptions:stackdepth=512 to see them)", loop, busy, 6);
    }

    /** Native frames where a thread blocks rather than works: sampled by JFR, but not CPU. */
    private static final List<String> WAITING = List.of("sun.nio.ch.EPoll.wait", "java.lang.ProcessHandleImpl.waitForProcessExit0",
            "sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept", "java.io.FileInputStream.readBytes", "java.net.SocketInputStream.socketRead0");

    private static final java.util.regex.Pattern STREAM_THREAD = java.util.regex.Pattern.compile(".*-StreamThread-[0-9]+");

    /** JSON read/write by the Streams node it served; else the innermost pacewatch frame; else RocksDB; else the top frame. */
    private static String work(final List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            final String frame = frames.get(i);
            final boolean jsonSerde = frame.startsWith("io.pacewatch.wire.JsonSerde.lambda$");
            final boolean inputSerde = frame.startsWith("io.pacewatch.wire.WireSerdes.lambda$");
            if (jsonSerde || inputSerde) {
                final String what = frame.contains("lambda$serializer") ? "JSON write"
                        : inputSerde ? "JSON read + validate input" : "JSON read";
                return what + " for " + caller(frames.subList(i + 1, frames.size()));
            }
        }
        for (final String frame : frames) {
            if (frame.startsWith("io.pacewatch.")) {
                return "pacewatch " + shortName(frame);
            }
        }
        for (final String frame : frames) {
            if (frame.startsWith("org.rocksdb.")) {
                return "RocksDB " + shortName(frame);
            }
        }
        return "other: " + shortName(frames.get(0));
    }

    private static String caller(final List<String> below) {
        for (final String frame : below) {
            for (final String node : SERDE_CALLERS) {
                if (frame.contains("." + node + ".") || frame.contains("." + node + "$")) {
                    return node;
                }
            }
        }
        return "?";
    }

    private static String shortName(final String frame) {
        final String[] parts = frame.split("\\.");
        return parts.length < 2 ? frame : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String firstMatch(final List<String> frames, final Map<String, Predicate<String>> stages,
                                     final boolean fromBottom) {
        final int n = frames.size();
        for (int k = 0; k < n; k++) {
            final String frame = frames.get(fromBottom ? n - 1 - k : k);
            for (final Map.Entry<String, Predicate<String>> stage : stages.entrySet()) {
                if (stage.getValue().test(frame)) {
                    return stage.getKey();
                }
            }
        }
        return "other";
    }

    private static void print(final PrintStream out, final String title, final Map<String, Long> counts,
                              final long total, final int limit) {
        out.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    private static String name(final RecordedFrame frame) {
        final RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static String packageOf(final String frame) {
        final String[] parts = frame.split("\\.");
        final StringBuilder pkg = new StringBuilder();
        for (int i = 0; i < Math.min(parts.length - 2, 4); i++) {
            if (pkg.length() > 0) {
                pkg.append('.');
            }
            pkg.append(parts[i]);
        }
        return pkg.toString();
    }

    private static String threadGroup(final String name) {
        if (name == null) {
            return "?";
        }
        return name.replaceAll("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "")
                .replaceAll("[0-9]+", "N");
    }
}
