package io.pacewatch.bench;

import io.pacewatch.app.PacewatchService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark behind {@code pacewatch bench}: one broker, one pre-produced topic, then the phases
 * (a) to (e) in turn, each figure printed by {@link BenchReport}. The command only reads options.
 */
public final class Benchmark {

    /** Largest --indicators the synthetic catalogue can make. */
    public static final int MAX_INDICATORS = SyntheticCatalogue.MAX_INDICATORS;

    /** What to run, as the command's options say; see {@code pacewatch bench --help}. */
    public record Settings(int regions, int indicators, int years, Integer firstYear, double revisionRate, double badRate,
                           long seed, int partitions, int streamThreads, int instances, Map<String, String> streamsProperties,
                           int repeat, boolean warmup, double latencyRate, int latencySeconds, boolean skipLatency,
                           boolean skipRestore, boolean noVerify, String brokerMode, String brokerHeap, Path jfrDir,
                           Path workDir) {
    }

    private final Settings settings;
    private final PrintStream out;

    public Benchmark(final Settings settings, final PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Prints where the stream thread of an existing JFR recording spent its time. */
    public static void summarizeJfr(final Path recording, final PrintStream out) throws Exception {
        JfrProfile.summarize(recording, out);
    }

    /** Runs every phase the settings ask for and prints the report to {@code out}. */
    public void run() throws Exception {
        final int first = settings.firstYear() != null ? settings.firstYear()
                : Year.now().getValue() - settings.years() - 2;
        final SyntheticLoad.Shape shape = new SyntheticLoad.Shape(settings.regions(), settings.indicators(), first,
                settings.years(), settings.revisionRate(), settings.badRate(), settings.seed(), SyntheticLoad.Disorder.BENCH);
        final boolean ownWorkDir = settings.workDir() == null;
        boolean keep = false;
        final Path work = ownWorkDir ? Files.createTempDirectory("pwbench-") : Files.createDirectories(settings.workDir());
        final String runId = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        final BenchReport report = new BenchReport(out);
        report.header(shape, settings.partitions(), settings.streamThreads(), settings.instances(),
                settings.streamsProperties(), settings.brokerMode());

        final long brokerStart = System.nanoTime();
        try (BenchBroker broker = "in-process".equalsIgnoreCase(settings.brokerMode()) ? BenchBroker.inProcess()
                : BenchBroker.childProcess(settings.brokerHeap(), work.resolve("broker.log"));
             ResourceMonitor monitor = new ResourceMonitor(broker::cpuMillis, broker.pid());
             BenchContext context = new BenchContext(broker.bootstrapServers(), SyntheticCatalogue.build(settings.indicators()),
                     settings.partitions(), settings.streamThreads(), settings.streamsProperties(), work, monitor, System.err)) {
            context.say(String.format("broker at %s in %.1f s: %s", broker.bootstrapServers(),
                    (System.nanoTime() - brokerStart) / 1e9, broker.description()));
            context.createTopics();

            context.say(String.format("producing %,d series × %d releases (+ revisions, bad records) and %,d targets...",
                    shape.series(), SyntheticLoad.RELEASES_PER_YEAR, shape.series()));
            final Preload.Tally tally = Preload.produce(context, new SyntheticLoad(shape));
            report.data(tally);

            final Measured measured = throughputAndLatency(context, report, shape, tally, runId, first);
            context.say("contract floor: pacewatch's record traffic per release, without its computing");
            final ContractFloor.Traffic traffic = measured.traffic();
            final ThroughputRuns floors = new ThroughputRuns(context);
            final long records = tally.releaseTopicRecords();
            // A count of its own right before the floors: the broker may still be compacting pacewatch's topics.
            report.contractFloor(floors.trivialAggregate("pwbench-trivial-floor-" + runId, records), new BenchReport.Floors(
                    floors.contractFloor("pwbench-floor-all-" + runId, "all of pacewatch's traffic", records, traffic),
                    floors.contractFloor("pwbench-floor-composed-" + runId, "views composed at read time", records,
                            traffic.viewsComposedAtReadTime()),
                    floors.contractFloor("pwbench-floor-public-" + runId, "public outputs only", records,
                            traffic.publicOutputs()),
                    floors.contractFloor("pwbench-floor-month-" + runId, "public outputs, month records only (what if)",
                            records, traffic.monthRecordsOnly())), traffic);
            context.say("the contract's own JSON work: reading releases, writing progress records and alerts");
            report.contractCodec(new ContractCodec(context).measure(), traffic);
            if (!settings.skipRestore()) {
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
    }

    /**
     * The last pacewatch run: its application id and state directory (for the restore), its profile and
     * its backfill's record traffic (for the contract floor).
     */
    private record Measured(String applicationId, Path stateDir, Path jfrFile, ContractFloor.Traffic traffic) {
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
        final List<PacewatchService> services = new ArrayList<>();
        String appId = null;
        Path stateDir = null;
        Path jfrFile = null;
        Map<String, ProducedRecords.Written> written = Map.of();
        ContractFloor.Traffic traffic = null;
        try {
            if (settings.warmup()) {
                context.say("warm-up (untimed): raw consumer and trivial aggregate");
                runs.rawConsumer(releaseRecords);
                runs.trivialAggregate("pwbench-warmup-" + runId, releaseRecords);
            }
            for (int run = 1; run <= settings.repeat(); run++) {
                context.say("run " + run + "/" + settings.repeat() + ": raw consumer");
                raw.add(runs.rawConsumer(releaseRecords));
                context.say(String.format("  %,.0f records/s", raw.get(raw.size() - 1).rate()));
                context.say("run " + run + "/" + settings.repeat() + ": trivial exactly-once count");
                trivial.add(runs.trivialAggregate("pwbench-trivial-" + runId + "-" + run, releaseRecords));
                context.say(String.format("  %,.0f records/s", trivial.get(trivial.size() - 1).rate()));

                if (!services.isEmpty()) {
                    closeAll(services);
                    BenchContext.deleteRecursively(stateDir);
                    context.resetOutputs(appId);
                }
                appId = "pwbench-pacewatch-" + runId + "-" + run;
                stateDir = context.freshDir("state-" + appId);
                context.say("run " + run + "/" + settings.repeat() + ": pacewatch (" + appId + ")");
                final AtomicReference<JfrProfile> jfr = new AtomicReference<>();
                final Path jfrTarget = settings.jfrDir() != null && run == settings.repeat()
                        ? settings.jfrDir().resolve("pacewatch-backfill-" + appId + ".jfr") : null;
                ProducedRecords.reset();
                try {
                    pacewatch.add(runs.pacewatch(appId, stateDir, settings.instances(), releaseRecords, services, () -> {
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
                    if (jfr.get() != null) {
                        jfrFile = jfr.get().stop();
                        jfr.get().close();
                    }
                }
                context.say(String.format("  %,.0f releases/s", pacewatch.get(pacewatch.size() - 1).rate()));
                written = ProducedRecords.byTopic();
            }
            report.throughput(raw, trivial, pacewatch, tally);
            traffic = ContractFloor.traffic(appId, written, releaseRecords,
                    tally.count(SyntheticLoad.Type.RELEASE) + tally.count(SyntheticLoad.Type.REVISION));

            if (!settings.noVerify()) {
                context.say("verifying the backfill's outputs (not timed)...");
                final Verification.Result checked = new Verification(context).run(shape, tally.badByReason, tally.badRecords);
                report.verification(checked);
                final String loadId = GoldenReference.loadId(shape, settings.partitions());
                report.golden(checked.digest(), loadId, GoldenReference.recorded(loadId));
            }
            new ReadSideProbe(context::say).run(services.get(0).httpAddress(),
                    (long) settings.regions() * settings.indicators() * settings.years());
            if (!settings.skipLatency()) {
                final int latencyRegions = (int) Math.max(1, Math.ceil(settings.latencyRate() * settings.latencySeconds()
                        / (settings.indicators() * (double) SyntheticLoad.RELEASES_PER_YEAR)));
                final int latencyYear = first + settings.years();
                final SyntheticLoad latencyLoad = new SyntheticLoad(new SyntheticLoad.Shape(latencyRegions,
                        settings.indicators(), latencyYear, 1, settings.revisionRate(), settings.badRate(), settings.seed() + 1));
                context.say("latency phase: " + latencyRegions + " regions × " + settings.indicators()
                        + " indicators, year " + latencyYear);
                report.latency(new LatencyRun(context).run(appId, latencyLoad, settings.latencyRate()), latencyRegions, latencyYear);
            }
        } finally {
            closeAll(services);
        }
        return new Measured(appId, stateDir, jfrFile, traffic);
    }

    private static void closeAll(final List<PacewatchService> services) {
        services.forEach(PacewatchService::close);
        services.clear();
    }

}
