package io.pacewatch.bench;

import io.pacewatch.bench.SyntheticLoad.Type;
import io.pacewatch.wire.Topics;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Prints the figures as they come, in tables that paste into Markdown, and the goals at the end. */
final class BenchReport {

    /** Issue #11's goals ("this issue"); the standing ones beside them are printed for reference. */
    static final double GOAL_RATIO = 0.25;
    static final double STANDING_RATIO = 0.70;
    static final double GOAL_ALERT_P99_MS = 150;
    static final double STANDING_ALERT_P99_MS = 100;
    static final double GOAL_RESTORE_SECONDS_PER_MILLION_KEYS = 15;
    static final double GOAL_STATE_BYTES_PER_SERIES = 5_000;
    static final double GOAL_PROGRESS_BYTES_PER_RELEASE = 800;

    private final PrintStream out;
    private final List<ResourceMonitor.Usage> usages = new ArrayList<>();
    private Double ratioToTrivial;
    private Double ratioToTrivialProcessing;
    private Floors floors;
    private ThroughputRuns.Result floorsTrivial;
    private Double pacewatchProcessingRate;
    private Double trivialProcessingRate;
    private Double alertP99Ms;
    private long alertsTimed;
    private Double restoreSeconds;
    private long restoreKeys;
    private double restoreFixedSeconds;
    private double restoreVariableSeconds;
    private long series;
    private long validReleases;
    private Double stateBytesPerSeries;
    private Double progressBytesPerRelease;
    private String goldenVerdict;
    private long latencySeries;
    private int latencyIndicators;

    BenchReport(final PrintStream out) {
        this.out = out;
    }

    void header(final SyntheticLoad.Shape shape, final int partitions, final int threads, final int instances,
                final Map<String, String> overrides, final String broker) {
        final Runtime runtime = Runtime.getRuntime();
        out.println("# pacewatch bench, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf("machine: %d cores, %s RAM, %s %s; Java %s (%s); bench JVM flags: [%s], max heap %s%n",
                runtime.availableProcessors(), memTotal(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), jvmFlags(),
                mib(runtime.maxMemory()));
        out.printf("load averages (1/5/15 min) at start: %s%n", ProcStats.loadAverages());
        out.printf("load: %,d regions × %d indicators × %d year(s) from %d; revisions %.1f%%, bad records %.2f%%; seed %d%n",
                shape.regions(), shape.indicators(), shape.years(), shape.firstYear(), shape.revisionRate() * 100,
                shape.badRate() * 100, shape.seed());
        series = shape.series();
        latencyIndicators = shape.indicators();
        out.printf("kafka: broker %s; %d partitions per topic; num.stream.threads=%d; pacewatch instances: %d;"
                + " Streams overrides: %s%n", broker, partitions, threads, instances,
                overrides.isEmpty() ? "none (pacewatch's defaults)" : overrides);
        out.println();
    }

    void data(final Preload.Tally tally) {
        final long releases = tally.count(Type.RELEASE);
        validReleases = releases + tally.count(Type.REVISION) + tally.count(Type.LATE);
        out.println("## Data (pre-produced before any reader starts)");
        out.printf("pacewatch.releases: %,d records, %s: %,d first publications, %,d revisions (%.2f%%), "
                        + "%,d late copies of replaced versions, %,d bad (%.3f%%)%n",
                tally.releaseTopicRecords(), mb(tally.releaseTopicBytes()), releases, tally.count(Type.REVISION),
                100.0 * tally.count(Type.REVISION) / releases, tally.count(Type.LATE), tally.count(Type.BAD),
                100.0 * tally.count(Type.BAD) / releases);
        out.printf("bad records by reason: %s%n", tally.badByReason.entrySet().stream()
                .map(e -> e.getKey().code() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf("pacewatch.targets: %,d records, %s%n", tally.count(Type.TARGET), mb(tally.bytes.getOrDefault(Type.TARGET, 0L)));
        out.printf("produced (acks=all, idempotent) in %.1f s: %,.0f records/s%n", tally.nanos / 1e9,
                tally.total() / (tally.nanos / 1e9));
        out.println();
    }

    void throughput(final List<ThroughputRuns.Result> raw, final List<ThroughputRuns.Result> trivial,
                    final List<ThroughputRuns.Result> pacewatch, final Preload.Tally tally) {
        out.println("## (a) + (b) Throughput: the same records of pacewatch.releases, read three ways");
        out.println("'start→done': from creating the client/KafkaStreams to the group's committed offsets reaching the end of "
                + "every input (sources and repartition topics, polled every 100 ms); 'RUNNING→done' leaves out start-up and "
                + "the first rebalance. pacewatch also reads the " + String.format("%,d", tally.count(Type.TARGET))
                + " targets and its own outputs (query views); its rate counts release records only.");
        out.println();
        out.println("| reader | run | records | wall s | records/s start→done | records/s RUNNING→done | bench JVM CPU (cores) | broker CPU (cores) | other processes (cores) | load 1/5/15 before → after |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (final List<ThroughputRuns.Result> results : List.of(raw, trivial, pacewatch)) {
            int run = 1;
            for (final ThroughputRuns.Result r : results) {
                usages.add(r.usage());
                out.printf("| %s | %d | %,d | %.1f | %,.0f | %s | %s | %s | %s | %s → %s |%n", r.name(), run++, r.records(),
                        r.seconds(), r.rate(), r.runningNanos() < 0 ? "–" : String.format("%,.0f", r.processingRate()),
                        cores(r.usage(), r.usage().cpuMillis()), cores(r.usage(), r.usage().brokerCpuMillis()),
                        cores(r.usage(), r.usage().otherCpuMillis()), r.usage().loadBefore(), r.usage().loadAfter());
            }
        }
        final double rawRate = median(raw, ThroughputRuns.Result::rate);
        final double trivialRate = median(trivial, ThroughputRuns.Result::rate);
        final double trivialProcessing = median(trivial, ThroughputRuns.Result::processingRate);
        final double pwRate = median(pacewatch, ThroughputRuns.Result::rate);
        final double pwProcessing = median(pacewatch, ThroughputRuns.Result::processingRate);
        ratioToTrivial = pwRate / trivialRate;
        ratioToTrivialProcessing = pwProcessing / trivialProcessing;
        pacewatchProcessingRate = pwProcessing;
        trivialProcessingRate = trivialProcessing;
        out.println();
        out.printf("medians of %d run(s), records/s start→done (RUNNING→done):%n", pacewatch.size());
        out.printf("  raw KafkaConsumer            %,10.0f%n", rawRate);
        out.printf("  trivial count, exactly-once  %,10.0f (%,.0f)%n", trivialRate, trivialProcessing);
        out.printf("  pacewatch, exactly-once      %,10.0f (%,.0f)%n", pwRate, pwProcessing);
        out.printf("  pacewatch / raw consumer     %9.1f%% (%.1f%%)%n", 100 * pwRate / rawRate, 100 * pwProcessing / rawRate);
        out.printf("  pacewatch / trivial count    %9.1f%% (%.1f%%)%n", 100 * ratioToTrivial, 100 * ratioToTrivialProcessing);
        final ThroughputRuns.Result last = pacewatch.get(pacewatch.size() - 1);
        out.printf("  pacewatch CPU: %.2f ms of bench-JVM CPU and %s ms of broker CPU per 1,000 releases%n",
                1000.0 * last.usage().cpuMillis() / last.records(),
                last.usage().brokerCpuMillis() < 0 ? "n/a" : String.format("%.2f", 1000.0 * last.usage().brokerCpuMillis() / last.records()));
        final ThreadCpu threads = last.usage().threadCpu();
        if (threads.known()) {
            final double perThousand = 1000.0 / last.records();
            out.printf("  of that bench-JVM CPU, per 1,000 releases: stream thread(s) %.2f ms, Kafka client threads (and the broker's, when it runs in-process) %.2f ms, "
                            + "other Java threads (HTTP, metrics, the bench's own) %.2f ms, the rest (GC, JIT compiler, threads that ended) %.2f ms%n",
                    threads.streamThreadsMillis() * perThousand, threads.kafkaThreadsMillis() * perThousand,
                    threads.otherJavaMillis() * perThousand,
                    Math.max(0, last.usage().cpuMillis() - threads.javaMillis()) * perThousand);
        }
        out.println();
    }

    /** The contract floor's runs ({@link ContractFloor.Traffic}'s variants), in the order they are reported. */
    record Floors(ThroughputRuns.Result all, ThroughputRuns.Result viewsComposedAtReadTime,
                  ThroughputRuns.Result publicOutputs, ThroughputRuns.Result monthRecordsOnly) {

        List<ThroughputRuns.Result> inOrder() {
            return List.of(all, viewsComposedAtReadTime, publicOutputs, monthRecordsOnly);
        }
    }

    /** @param trivial a trivial count run right before the floors, their denominator */
    void contractFloor(final ThroughputRuns.Result trivial, final Floors floors, final ContractFloor.Traffic traffic) {
        usages.add(trivial.usage());
        floors.inOrder().forEach(floor -> usages.add(floor.usage()));
        out.println("## (a') The contract floor: pacewatch's record traffic, without its computing");
        out.printf("Per release record, one read and one write of a series state (pacewatch wrote %.3f per release, mean "
                        + "%,d B), then to a copy of each topic pacewatch's backfill wrote, as many records per release of the "
                        + "same mean value size (as its producers counted them); the copies pacewatch reads back are read "
                        + "back (table: into a cached table whose changelog is the topic; stream: consumed). No parsing, "
                        + "judging or other store: a lower bound on pacewatch's cost. With the trivial count's settings "
                        + "(not pacewatch's compressed stores), each run with copies of its own, against a trivial count run "
                        + "right before them. 'Public outputs only' keeps the state and writes the progress and alerts, which "
                        + "the output contract fixes, without reading them back into views; 'all' adds the read-backs and "
                        + "pacewatch's internal topics; 'views composed at read time' is 'all' without the read-backs into "
                        + "views (the query views' answers composed from the judge's state instead); 'month records only' is a what-if: the "
                        + "public outputs without the series' latest standing (%.3f progress records per release fewer). "
                        + "%.2f records written per release in all.%n%n",
                traffic.statePerRelease(), traffic.stateBytes(), traffic.latestPerRelease(), traffic.recordsPerRelease());
        out.println("| topic pacewatch wrote | records per release | mean value bytes | read back |");
        out.println("|---|---|---|---|");
        out.printf("| (series state changelog; the floor writes 1.000) | %.3f | %,d | no |%n", traffic.statePerRelease(),
                traffic.stateBytes());
        for (final ContractFloor.Flow flow : ContractFloor.bySize(traffic)) {
            out.printf("| %s | %.3f | %,d | %s |%n", flow.pacewatchTopic(), flow.perRelease(), flow.valueBytes(),
                    flow.readBack().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.println();
        out.println("| reader | records | wall s | records/s start→done | records/s RUNNING→done | bench JVM CPU (cores) "
                + "| broker CPU (cores) | CPU per 1,000 records, bench JVM / broker | / this trivial count, RUNNING→done (start→done) |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (final ThroughputRuns.Result run : java.util.stream.Stream.concat(java.util.stream.Stream.of(trivial),
                floors.inOrder().stream()).toList()) {
            out.printf("| %s | %,d | %.1f | %,.0f | %,.0f | %s | %s | %,.0f / %s ms | %.1f%% (%.1f%%) |%n", run.name(),
                    run.records(), run.seconds(), run.rate(), run.processingRate(),
                    cores(run.usage(), run.usage().cpuMillis()), cores(run.usage(), run.usage().brokerCpuMillis()),
                    1000.0 * run.usage().cpuMillis() / run.records(), run.usage().brokerCpuMillis() < 0 ? "n/a"
                            : String.format("%,.0f", 1000.0 * run.usage().brokerCpuMillis() / run.records()),
                    100 * run.processingRate() / trivial.processingRate(), 100 * run.rate() / trivial.rate());
        }
        out.println();
        this.floors = floors;
        this.floorsTrivial = trivial;
    }

    /**
     * (a''): the public topics' JSON work with pacewatch's serdes, and what the ratio goal leaves for
     * computing under each floor, against the count beside the floors and against the backfill's (the
     * goal's own); the two counts differ between phases, so both are shown.
     */
    void contractCodec(final ContractCodec.Cost cost, final ContractFloor.Traffic traffic) {
        final double progressPerRelease = traffic.perRelease(Topics.PROGRESS);
        final double alertsPerRelease = traffic.perRelease(Topics.ALERTS);
        final double json = cost.perRelease(progressPerRelease, alertsPerRelease);
        final double monthRecordsJson = cost.perRelease(traffic.monthRecordsOnly().perRelease(Topics.PROGRESS), alertsPerRelease);
        out.println("## (a'') What the ratio goal leaves for computing");
        out.printf("The JSON work the public topics ask per release, however a pipeline judges: read and validate the "
                + "release as publishers send it, write its progress records and alerts in the public dialect. Timed with "
                + "pacewatch's serdes (Jackson; a faster codec could do the same work for less) on every n-th record of "
                + "each topic, up to %,d, on one thread: the median of %d passes' thread CPU after an untimed one (a "
                + "collection's work on other threads is not in it).%n%n", ContractCodec.SAMPLE, ContractCodec.TIMED_PASSES);
        out.println("| work | records timed | mean bytes (written: see (a')) | µs per record | per release | µs per release |");
        out.println("|---|---|---|---|---|---|");
        codecRow("read a release (JSON, validated)", cost.release(), 1);
        codecRow("write a progress record (JSON)", cost.progress(), progressPerRelease);
        codecRow("write an alert (JSON)", cost.alert(), alertsPerRelease);
        out.printf("| **in all** (month records only: %.2f) | | | | | **%.2f** |%n%n", monthRecordsJson, json);
        if (floors == null || pacewatchProcessingRate == null) {
            return;
        }
        out.printf("Derived, RUNNING→done, assuming a release's computing adds to its traffic's time (one stream thread does "
                        + "both and waits for each commit): at %.0f%% of a count a release has 10⁶ / (%.2f × the count's rate) µs; "
                        + "a floor's own traffic takes 10⁶ / its rate; the rest is left for computing. At %.0f%% of the count "
                        + "beside the floors a release has %.1f µs, at %.0f%% of the backfill's count (the goal's) %.1f µs.%n%n",
                GOAL_RATIO * 100, GOAL_RATIO, GOAL_RATIO * 100, microsAtGoal(floorsTrivial.processingRate()),
                GOAL_RATIO * 100, microsAtGoal(trivialProcessingRate));
        out.println("| floor | its traffic, µs per release | left for computing, floors' count / backfill's count | "
                + "of it after pacewatch's JSON |");
        out.println("|---|---|---|---|");
        budgetRow("all of pacewatch's traffic", floors.all(), json);
        budgetRow("views composed at read time", floors.viewsComposedAtReadTime(), json);
        budgetRow("public outputs only", floors.publicOutputs(), json);
        budgetRow("public outputs, month records only (what if)", floors.monthRecordsOnly(), monthRecordsJson);
        out.printf("%npacewatch's computing, beyond the all-traffic floor (10⁶ / pacewatch's rate less 10⁶ / the floor's, "
                        + "compressed stores and its own JSON included): %.1f µs per release.%n%n",
                1e6 / pacewatchProcessingRate - 1e6 / floors.all().processingRate());
    }

    private void codecRow(final String work, final ContractCodec.Work measured, final double perRelease) {
        out.printf("| %s | %,d | %,.0f | %.2f | %.3f | %.2f |%n", work, measured.records(), measured.meanBytes(),
                measured.micros(), perRelease, perRelease * measured.micros());
    }

    private void budgetRow(final String floor, final ThroughputRuns.Result run, final double json) {
        final double floorsCount = leftForComputing(floorsTrivial.processingRate(), run.processingRate());
        final double backfillCount = leftForComputing(trivialProcessingRate, run.processingRate());
        out.printf("| %s | %.1f | %.1f / %.1f | %.1f / %.1f |%n", floor, 1e6 / run.processingRate(), floorsCount,
                backfillCount, floorsCount - json, backfillCount - json);
    }

    private static double microsAtGoal(final double countRate) {
        return 1e6 / (GOAL_RATIO * countRate);
    }

    /** Microseconds per release the ratio goal leaves beyond a floor's traffic, against a count's rate. */
    static double leftForComputing(final double countRate, final double floorRate) {
        return microsAtGoal(countRate) - 1e6 / floorRate;
    }

    void verification(final Verification.Result v) {
        out.println("## Backfill outputs (checked after timing)");
        out.printf("progress: %,d committed records (%s) on pacewatch.progress now; last month present for %,d of %,d series%s%n",
                v.progressRecords(), mb(v.progressBytes()), v.seriesCovered(), v.seriesExpected(),
                v.seriesCovered() == v.seriesExpected() ? "" : "  <-- INCOMPLETE");
        out.printf("alerts: %,d on pacewatch.alerts%n", v.alerts());
        out.printf("dead letters by reason: %s%s%n", v.deadLettersByReason(),
                v.deadLettersMatch() ? " (exactly the bad records sent)" : "  <-- MISMATCH, sent " + v.badSentByReason());
        if (!v.withoutDeadLetter().isEmpty()) {
            out.printf("bad records without a dead letter (topic-partition@offset reason): %s%n", v.withoutDeadLetter()
                    .stream().limit(20).map(b -> b.topic() + "-" + b.partition() + "@" + b.offset() + " " + b.reason().code())
                    .collect(Collectors.joining(", ")));
        }
        out.printf("progress written by the backfill: %,d records (%s) as the broker acknowledged them; the topic is"
                + " compacted, so the cleaner may have removed overwritten ones since%n", v.writtenRecords(), mb(v.writtenBytes()));
        progressBytesPerRelease = (double) v.writtenBytes() / validReleases;
        out.printf("progress bytes per valid release (keys and values, every record the backfill wrote): %,.0f B%n",
                progressBytesPerRelease);
        out.printf("(checked in %.1f s)%n", v.millis() / 1e3);
        out.println();
    }

    /** The digest of the backfill against the one recorded for the same load from the pipeline before issue #11. */
    void golden(final GoldenDigest digest, final String loadId, final java.util.Optional<String> recorded) {
        final String sha = digest.sha256();
        final String what = String.format("%,d alert ids, %,d standing progress records, %,d dead letters; digest %s",
                digest.alerts(), digest.progressKeys(), digest.deadLetters(), sha);
        goldenVerdict = recorded.map(r -> r.equals(sha) ? "PASS" : "FAIL").orElse("NO REFERENCE");
        out.printf("golden check: %s (%s%s)%n", goldenVerdict, what, recorded.isEmpty()
                ? "; no digest is recorded for load " + loadId + " in golden-digests.properties"
                : goldenVerdict.equals("FAIL") ? "; recorded for load " + loadId + ": " + recorded.get() : "");
        out.println();
    }

    void latency(final LatencyRun.Result r, final int regions, final int year) {
        usages.add(r.usage());
        latencySeries = (long) regions * latencyIndicators;
        out.printf("## (c) Latency at a steady %.0f releases/s%n", r.ratePerSecond());
        out.printf("%,d records (%d regions × all indicators, year %d, same revision and bad-record shares) sent in %.1f s "
                        + "(%.0f/s) by one producer (acks=all, linger.ms=0) into the running instance of (a); latency = "
                        + "time from just before send() to the record coming out of a read_committed consumer's poll().%n",
                r.sent(), regions, year, r.actualMillis() / 1e3, r.sent() * 1000.0 / r.actualMillis());
        out.println();
        out.println("| path | timed | p50 ms | p90 ms | p99 ms | max ms | expected but not seen |");
        out.println("|---|---|---|---|---|---|---|");
        row("publish → progress (region|indicator|year|period)", r.progressNanos(), r.progressMissing());
        row("publish → alert (by predicted alert id)", r.alertNanos(), r.alertsMissing());
        out.printf("load 1/5/15 before → after: %s → %s; other processes used %s cores%n", r.usage().loadBefore(),
                r.usage().loadAfter(), cores(r.usage(), r.usage().otherCpuMillis()));
        alertP99Ms = r.alertNanos().isEmpty() ? null : percentile(r.alertNanos(), 0.99) / 1e6;
        alertsTimed = r.alertNanos().size();
        out.println();
    }

    private void row(final String name, final List<Long> nanos, final int missing) {
        if (nanos.isEmpty()) {
            out.printf("| %s | 0 | – | – | – | – | %d |%n", name, missing);
            return;
        }
        out.printf("| %s | %,d | %.0f | %.0f | %.0f | %.0f | %d |%n", name, nanos.size(), percentile(nanos, 0.5) / 1e6,
                percentile(nanos, 0.9) / 1e6, percentile(nanos, 0.99) / 1e6, percentile(nanos, 1.0) / 1e6, missing);
    }

    void restore(final RestoreRun.Result r) {
        usages.add(r.usage());
        out.println("## (d) State restore after losing the state directory");
        out.printf("state directory before the wipe: %s. PacewatchService start → RUNNING: %.1f s. Same topology on a plain "
                        + "KafkaStreams with a StateRestoreListener: start → RUNNING %.1f s, first restore start → last "
                        + "restore end %.1f s, %,d records restored into %,d keys.%n",
                mb(r.stateDirBytes()), r.serviceStartToRunningMillis() / 1e3, r.startToRunningMillis() / 1e3,
                r.restoreMillis() / 1e3, r.records(), r.keys());
        out.println();
        out.println("| store | records restored | changelog records (end − start) | restore s (first start → last end) | keys (counted after the restore) |");
        out.println("|---|---|---|---|---|");
        for (final RestoreRun.StoreRestore s : r.stores()) {
            out.printf("| %s | %,d | %,d | %.1f | %,d |%n", s.store(), s.records(), s.changelogRecords(), s.millis() / 1e3,
                    s.keys());
        }
        stateBytesPerSeries = (double) r.stateDirBytes() / (series + latencySeries);
        out.printf("state directory per series (%,d backfill + %,d latency-phase series): %,.0f B%n", series, latencySeries,
                stateBytesPerSeries);
        restoreSeconds = Math.max(r.serviceStartToRunningMillis(), r.startToRunningMillis()) / 1e3;
        restoreKeys = r.keys();
        // Start-up (group join, task assignment) does not grow with the state; the restore itself does.
        restoreFixedSeconds = Math.max(0, r.startToRunningMillis() - r.restoreMillis()) / 1e3;
        restoreVariableSeconds = r.restoreMillis() / 1e3;
        out.println();
    }

    void memory() {
        out.println("## (e) Memory and CPU by phase (bench JVM = pacewatch + the bench's own clients; the broker is apart "
                + "when it runs in its own process)");
        out.println("heap used: sampled every 50 ms and just before each GC (includes garbage); after GC: what each "
                + "collection left (young collections leave old garbage); live at end: after a full GC (System.gc()) "
                + "at the end of the phase; RSS: the kernel's high-water mark (VmHWM) reset at each phase start.");
        out.println();
        out.println("| phase | wall s | heap used peak | heap after GC peak | live heap at end | heap committed peak | RSS peak | bench JVM CPU (cores) | broker RSS peak | broker CPU (cores) | other processes (cores) |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (final ResourceMonitor.Usage u : usages) {
            out.printf("| %s | %.1f | %s | %s | %s | %s | %s%s | %s | %s | %s | %s |%n", u.phase(), u.wallMillis() / 1e3,
                    mib(u.heapUsedPeak()), mib(u.heapAfterGcPeak()), mib(u.liveHeapAtEnd()), mib(u.heapCommittedPeak()),
                    mib(u.rssPeak()),
                    u.rssFromKernel() ? "" : " (sampled)", cores(u, u.cpuMillis()),
                    u.brokerRssPeak() < 0 ? "–" : mib(u.brokerRssPeak()), cores(u, u.brokerCpuMillis()),
                    cores(u, u.otherCpuMillis()));
        }
        out.printf("whole bench JVM: peak RSS %s (VmHWM since the last phase reset), load averages at the end: %s%n",
                mib(ProcStats.statusBytes("self", "VmHWM").orElse(-1)), ProcStats.loadAverages());
        out.println();
    }

    private double toFloorsTrivial(final ThroughputRuns.Result floor) {
        return 100 * floor.processingRate() / floorsTrivial.processingRate();
    }

    void goals() {
        out.println("## Goals (issue #11's \"this issue\" column; the standing goal in brackets)");
        if (goldenVerdict != null) {
            out.println("- golden check (alert ids, standing progress records, dead letters as before issue #11): " + goldenVerdict);
        }
        if (ratioToTrivial != null) {
            out.printf("- pacewatch ≥ %.0f%% (%.0f%%) of the trivial exactly-once aggregate, RUNNING→done: %.1f%% (start→done %.1f%%): %s%n",
                    GOAL_RATIO * 100, STANDING_RATIO * 100, ratioToTrivialProcessing * 100, ratioToTrivial * 100,
                    verdict(ratioToTrivialProcessing >= GOAL_RATIO));
        }
        if (floors != null) {
            out.printf("  (the contract floor, no computing at all, against the count run beside it, RUNNING→done: %.1f%% with all of pacewatch's record "
                            + "traffic, %.1f%% with the views composed at read time, %.1f%% with its public outputs only: the most a "
                            + "pipeline writing those records could; %.1f%% if a release wrote its month's record without the "
                            + "latest-standing copy)%n",
                    toFloorsTrivial(floors.all()), toFloorsTrivial(floors.viewsComposedAtReadTime()),
                    toFloorsTrivial(floors.publicOutputs()), toFloorsTrivial(floors.monthRecordsOnly()));
            out.println("  (what that leaves for computing per release, under each floor: (a''))");
        }
        if (alertP99Ms != null) {
            out.printf("- publish→alert p99 ≤ %.0f ms (%.0f ms): %.0f ms over %,d alerts: %s%n", GOAL_ALERT_P99_MS,
                    STANDING_ALERT_P99_MS, alertP99Ms, alertsTimed, verdict(alertP99Ms <= GOAL_ALERT_P99_MS));
        } else {
            out.println("- publish→alert p99: not measured");
        }
        if (stateBytesPerSeries != null) {
            out.printf("- state directory per series ≤ %,.0f B: %,.0f B: %s%n", GOAL_STATE_BYTES_PER_SERIES,
                    stateBytesPerSeries, verdict(stateBytesPerSeries <= GOAL_STATE_BYTES_PER_SERIES));
        }
        if (progressBytesPerRelease != null) {
            out.printf("- bytes written to the progress topic per release ≤ %,.0f B: %,.0f B: %s%n",
                    GOAL_PROGRESS_BYTES_PER_RELEASE, progressBytesPerRelease,
                    verdict(progressBytesPerRelease <= GOAL_PROGRESS_BYTES_PER_RELEASE));
        }
        if (restoreSeconds != null && restoreKeys > 0) {
            if (restoreKeys >= 900_000) {
                final double perMillion = restoreSeconds * 1_000_000 / restoreKeys;
                out.printf("- restore of 1 M keys ≤ %.0f s: %.1f s for %,d keys (%.1f s per 1 M keys): %s%n",
                        GOAL_RESTORE_SECONDS_PER_MILLION_KEYS, restoreSeconds, restoreKeys, perMillion,
                        verdict(perMillion <= GOAL_RESTORE_SECONDS_PER_MILLION_KEYS));
            } else {
                final double estimate = restoreFixedSeconds + restoreVariableSeconds * 1_000_000 / restoreKeys;
                out.printf("- restore of 1 M keys ≤ %.0f s: %.1f s to RUNNING for %,d keys; estimated %.1f s for 1 M keys "
                                + "(%.1f s start-up + restore time scaled linearly by keys; run the full size to measure it): %s%n",
                        GOAL_RESTORE_SECONDS_PER_MILLION_KEYS, restoreSeconds, restoreKeys, estimate, restoreFixedSeconds,
                        estimate <= GOAL_RESTORE_SECONDS_PER_MILLION_KEYS ? "MET (estimate)" : "MISSED (estimate)");
            }
        }
        out.println();
    }

    private static String verdict(final boolean met) {
        return met ? "MET" : "MISSED";
    }

    static double median(final List<ThroughputRuns.Result> results, final ToDoubleFunction<ThroughputRuns.Result> f) {
        final double[] values = results.stream().mapToDouble(f).sorted().toArray();
        final int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Nearest-rank percentile. */
    static long percentile(final List<Long> values, final double p) {
        final List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        final int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String cores(final ResourceMonitor.Usage usage, final long millis) {
        final double cores = usage.cores(millis);
        return cores < 0 ? "–" : String.format("%.2f", cores);
    }

    static String mib(final long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,d MiB", Math.round(bytes / 1048576.0));
    }

    static String mb(final long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.1f MB", bytes / 1e6);
    }

    private static String memTotal() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return mib(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (final IOException | RuntimeException e) {
            // not Linux
        }
        return mib(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize());
    }

    private static String jvmFlags() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
