package io.pacewatch.cli;

import io.pacewatch.bench.Benchmark;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pacewatch bench}: measures pacewatch on this machine against the machine's own ceilings,
 * all on one broker and one pre-produced topic, and prints the figures. A measurement tool, not a
 * test: it asserts nothing about the figures, it reports them and says which goals they meet.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark pacewatch on an embedded Kafka broker: (a) end-to-end throughput with exactly-once, "
                + "(b) against a plain consumer and a trivial exactly-once Streams count over the same topic, "
                + "(c) publish→progress and publish→alert latency at a steady rate, (d) state restore time, "
                + "(e) peak heap and RSS.",
                "Synthetic load: regions × indicators × 11 releases a year (1–2月 together), with revisions and bad records.",
                "Full size of the issue: --regions 3000 --indicators 20 --years 1."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--regions", defaultValue = "300", description = "Regions (default ${DEFAULT-VALUE}).")
    int regions;

    @Option(names = "--indicators", defaultValue = "20",
            description = "Synthetic monthly indicators, 1-99, five kinds in turn (default ${DEFAULT-VALUE}).")
    int indicators;

    @Option(names = "--years", defaultValue = "1", description = "Years of releases (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--first-year", description = "First year of the load (default: this year - years - 2, so that every "
            + "publication date, the latency year's included, is in the past).")
    Integer firstYear;

    @Option(names = "--revision-rate", defaultValue = "0.02",
            description = "Share of releases that get a corrected version (default ${DEFAULT-VALUE}).")
    double revisionRate;

    @Option(names = "--bad-rate", defaultValue = "0.001",
            description = "Share of releases followed by a record pacewatch must refuse (default ${DEFAULT-VALUE}).")
    double badRate;

    @Option(names = "--seed", defaultValue = "2023", description = "Seed of the synthetic load (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "num.stream.threads for pacewatch and the trivial aggregate (default ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--instances", defaultValue = "1",
            description = "pacewatch instances sharing the backfill (one application id, each its own state directory and"
                    + " HTTP port, all in the bench JVM); the read side and latency phases run on them, the restore phase"
                    + " on one (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--streams-property", paramLabel = "NAME=VALUE",
            description = "A Kafka Streams property for pacewatch and the trivial aggregate alike (repeatable), "
                    + "e.g. commit.interval.ms=200.")
    Map<String, String> streamsProperties = new LinkedHashMap<>();

    @Option(names = "--repeat", defaultValue = "1",
            description = "Runs of the throughput measurements (a) and (b); medians are reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the raw consumer and the trivial aggregate once, untimed, before measuring, so that no "
                    + "figure pays for the JVM's warm-up (default: on).")
    boolean warmup;

    @Option(names = "--latency-rate", defaultValue = "200",
            description = "Releases per second in the latency phase (default ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "30",
            description = "Approximate length of the latency phase (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--skip-latency", description = "Skip the latency phase (c).")
    boolean skipLatency;

    @Option(names = "--skip-restore", description = "Skip the restore phase (d).")
    boolean skipRestore;

    @Option(names = "--no-verify", description = "Skip checking the backfill's outputs (progress coverage, dead letters).")
    boolean noVerify;

    @Option(names = "--broker", defaultValue = "process",
            description = "Where the embedded broker runs: 'process' (its own JVM, default: heap and RSS figures are "
                    + "pacewatch's alone) or 'in-process' (inside this JVM; quicker, for smoke tests).")
    String brokerMode;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "Heap of the broker JVM (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--jfr", paramLabel = "DIR",
            description = "Record the pacewatch backfill with JDK Flight Recorder into DIR and print where the stream thread spent its time.")
    Path jfrDir;

    @Option(names = "--summarize-jfr", paramLabel = "FILE",
            description = "Only print the stream-thread summary of an existing JFR recording, then exit.")
    Path summarizeJfr;

    @Option(names = "--work-dir", description = "Where state directories and the broker's log go (default: a new temp directory, deleted after).")
    Path workDir;

    @Option(names = "--quiet-rejections", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Turn down pacewatch's one-line log per rejected record (default: on).")
    boolean quietRejections;

    private PrintStream out = System.out;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    BenchCommand printTo(final PrintStream stream) {
        this.out = stream;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        if (summarizeJfr != null) {
            Benchmark.summarizeJfr(summarizeJfr, out);
            return 0;
        }
        validate();
        if (quietRejections) {
            Configurator.setLevel("io.pacewatch.topology.DeadLetterHandlers", Level.ERROR);
        }
        new Benchmark(new Benchmark.Settings(regions, indicators, years, firstYear, revisionRate, badRate, seed, partitions,
                streamThreads, instances, streamsProperties, repeat, warmup, latencyRate, latencySeconds, skipLatency, skipRestore,
                noVerify, brokerMode, brokerHeap, jfrDir, workDir), out).run();
        return 0;
    }

    private void validate() {
        final List<String> problems = new ArrayList<>();
        if (regions < 1) {
            problems.add("--regions must be at least 1");
        }
        if (years < 1) {
            problems.add("--years must be at least 1");
        }
        if (indicators < 1 || indicators > Benchmark.MAX_INDICATORS) {
            problems.add("--indicators must be 1.." + Benchmark.MAX_INDICATORS);
        }
        if (instances < 1 || instances > partitions) {
            problems.add("--instances must be 1..--partitions (an instance without a partition has nothing to do)");
        }
        if (repeat < 1) {
            problems.add("--repeat must be at least 1");
        }
        if (latencyRate <= 0 || latencySeconds < 1) {
            problems.add("--latency-rate and --latency-seconds must be positive");
        }
        if (revisionRate < 0 || revisionRate > 1 || badRate < 0 || badRate > 1) {
            problems.add("--revision-rate and --bad-rate are shares between 0 and 1");
        }
        if (!List.of("process", "in-process").contains(brokerMode.toLowerCase())) {
            problems.add("--broker is 'process' or 'in-process'");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), String.join("; ", problems));
        }
    }
}
