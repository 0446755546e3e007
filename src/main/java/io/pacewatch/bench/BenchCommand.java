package io.pacewatch.bench;

import io.pacewatch.app.PacewatchService;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
            JfrProfile.summarize(summarizeJfr, out);
            return 0;
        }
        validate();
        if (quietRejections) {
            Configurator.setLevel("io.pacewatch.topology.DeadLetterHandlers", Level.ERROR);
        }
        final int first = firstYear != null ? firstYear : Year.now().getValue() - years - 2;
        final SyntheticLoad.Shape shape = new SyntheticLoad.Shape(regions, indicators, first, years, revisionRate,
                badRate, seed, SyntheticLoad.Disorder.BENCH);
        final boolean ownWorkDir = workDir == null;
        boolean keep = false;
        final Path work = ownWorkDir ? Files.createTempDirectory("pwbench-") : Files.createDirectories(workDir);
        final String runId = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        final BenchReport report = new BenchReport(out);
        report.header(shape, partitions, streamThreads, streamsProperties, brokerMode);

        final long brokerStart = System.nanoTime();
        try (BenchBroker broker = "in-process".equalsIgnoreCase(brokerMode) ? BenchBroker.inProcess()
                : BenchBroker.childProcess(brokerHeap, work.resolve("broker.log"));
             ResourceMonitor monitor = new ResourceMonitor(broker::cpuMillis, broker.pid());
             BenchContext context = new BenchContext(broker.bootstrapServers(), SyntheticCatalogue.build(indicators),
                     partitions, streamThreads, streamsProperties, work, monitor, System.err)) {
            context.say(String.format("broker at %s in %.1f s: %s", broker.bootstrapServers(),
                    (System.nanoTime() - brokerStart) / 1e9, broker.description()));
            context.createTopics();

            context.say(String.format("producing %,d series × %d releases (+ revisions, bad records) and %,d targets...",
                    shape.series(), SyntheticLoad.RELEASES_PER_YEAR, shape.series()));
            final Preload.Tally tally = Preload.produce(context, new SyntheticLoad(shape));
            report.data(tally);

            final Measured measured = throughputAndLatency(context, report, shape, tally, runId, first);
            if (!skipRestore) {
                context.say("restore phase: stop, wipe the state directory, start again (twice)");
                report.restore(new RestoreRun(context).run(measured.applicationId(), measured.stateDir()));
            }
            report.memory();
            report.goals();
            if (measured.jfrFile() != null) {
                out.println();
                JfrProfile.summarize(measured.jfrFile(), out);
            }
        } catch (final Exception | Error e) {
            keep = true;
            System.err.println("[bench] failed; the work directory with the broker's log is kept: " + work);
            throw e;
        } finally {
            if (ownWorkDir && !keep) {
                BenchContext.deleteRecursively(work);
            }
        }
        out.flush();
        return 0;
    }

    /** The last pacewatch run: its application id and state directory (for the restore), and its profile. */
    private record Measured(String applicationId, Path stateDir, Path jfrFile) {
    }

    /** (a) and (b), --repeat times, then (c) on the last pacewatch instance, which is closed on the way out. */
    private Measured throughputAndLatency(final BenchContext context, final BenchReport report,
                                          final SyntheticLoad.Shape shape, final Preload.Tally tally,
                                          final String runId, final int first) throws Exception {
        final ThroughputRuns runs = new ThroughputRuns(context);
        final List<ThroughputRuns.Result> raw = new ArrayList<>();
        final List<ThroughputRuns.Result> trivial = new ArrayList<>();
        final List<ThroughputRuns.Result> pacewatch = new ArrayList<>();
        final long releaseRecords = tally.releaseTopicRecords();
        PacewatchService service = null;
        String appId = null;
        Path stateDir = null;
        Path jfrFile = null;
        try {
            if (warmup) {
                context.say("warm-up (untimed): raw consumer and trivial aggregate");
                runs.rawConsumer(releaseRecords);
                runs.trivialAggregate("pwbench-warmup-" + runId, releaseRecords);
            }
            for (int run = 1; run <= repeat; run++) {
                context.say("run " + run + "/" + repeat + ": raw consumer");
                raw.add(runs.rawConsumer(releaseRecords));
                context.say(String.format("  %,.0f records/s", raw.get(raw.size() - 1).rate()));
                context.say("run " + run + "/" + repeat + ": trivial exactly-once count");
                trivial.add(runs.trivialAggregate("pwbench-trivial-" + runId + "-" + run, releaseRecords));
                context.say(String.format("  %,.0f records/s", trivial.get(trivial.size() - 1).rate()));

                if (service != null) {
                    service.close();
                    service = null;
                    BenchContext.deleteRecursively(stateDir);
                    context.resetOutputs(appId);
                }
                appId = "pwbench-pacewatch-" + runId + "-" + run;
                stateDir = context.freshDir("state-" + appId);
                context.say("run " + run + "/" + repeat + ": pacewatch (" + appId + ")");
                final AtomicReference<PacewatchService> started = new AtomicReference<>();
                final AtomicReference<JfrProfile> jfr = new AtomicReference<>();
                final Path jfrTarget = jfrDir != null && run == repeat
                        ? jfrDir.resolve("pacewatch-backfill-" + appId + ".jfr") : null;
                try {
                    pacewatch.add(runs.pacewatch(appId, stateDir, releaseRecords, started, () -> {
                        if (jfrTarget != null) {
                            try {
                                Files.createDirectories(jfrTarget.getParent());
                                jfr.set(new JfrProfile(jfrTarget));
                            } catch (final Exception e) {
                                throw new IllegalStateException("cannot start JFR", e);
                            }
                        }
                    }));
                } finally {
                    service = started.get();
                    if (jfr.get() != null) {
                        jfrFile = jfr.get().stop();
                        jfr.get().close();
                    }
                }
                context.say(String.format("  %,.0f releases/s", pacewatch.get(pacewatch.size() - 1).rate()));
            }
            report.throughput(raw, trivial, pacewatch, tally);

            if (!noVerify) {
                context.say("verifying the backfill's outputs (not timed)...");
                final Verification.Result checked = new Verification(context).run(shape, tally.badByReason, tally.badRecords);
                report.verification(checked);
                final String loadId = GoldenReference.loadId(shape, partitions);
                report.golden(checked.digest(), loadId, GoldenReference.recorded(loadId));
            }
            new ReadSideProbe(context::say).run(service.httpAddress(), (long) regions * indicators * years);
            if (!skipLatency) {
                final int latencyRegions = (int) Math.max(1, Math.ceil(latencyRate * latencySeconds
                        / (indicators * (double) SyntheticLoad.RELEASES_PER_YEAR)));
                final int latencyYear = first + years;
                final SyntheticLoad latencyLoad = new SyntheticLoad(new SyntheticLoad.Shape(latencyRegions, indicators,
                        latencyYear, 1, revisionRate, badRate, seed + 1));
                context.say("latency phase: " + latencyRegions + " regions × " + indicators + " indicators, year "
                        + latencyYear);
                report.latency(new LatencyRun(context).run(appId, latencyLoad, latencyRate), latencyRegions, latencyYear);
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
        return new Measured(appId, stateDir, jfrFile);
    }

    private void validate() {
        final List<String> problems = new ArrayList<>();
        if (regions < 1) {
            problems.add("--regions must be at least 1");
        }
        if (years < 1) {
            problems.add("--years must be at least 1");
        }
        if (indicators < 1 || indicators > SyntheticCatalogue.MAX_INDICATORS) {
            problems.add("--indicators must be 1.." + SyntheticCatalogue.MAX_INDICATORS);
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

    /** The JVM's own flags, for the report: heap limits matter to the heap and RSS figures. */
    static String jvmFlags() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
