package io.pacewatch.cli;

import io.pacewatch.app.FeedPrinter;
import io.pacewatch.app.PacewatchService;
import io.pacewatch.broker.EmbeddedKafkaBroker;
import io.pacewatch.cli.publish.PublishCommand;
import io.pacewatch.cli.publish.TargetsCommand;
import io.pacewatch.broker.GroupLag;
import io.pacewatch.wire.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacewatch demo}: a real Kafka broker in this process, the service, the bundled targets and
 * an illustrative year published month by month through the same {@code targets load} and
 * {@code publish} commands a bureau runs, with every change printed as it is committed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker and pacewatch, load the bundled 2023 targets and replay an "
                + "ILLUSTRATIVE 2023 feed (invented figures, not real statistics) month by month.",
                "Keeps serving HTTP until stopped (Ctrl-C)."})
public final class DemoCommand implements Callable<Integer> {

    private static final java.time.ZoneId FEED_ZONE = java.time.ZoneId.of("Asia/Shanghai");

    @Mixin
    ServiceOptions service;

    @Option(names = "--kafka-port", defaultValue = "0",
            description = "Port of the embedded Kafka broker; 0 picks a free one (default).")
    int kafkaPort;

    @Option(names = "--month-seconds", defaultValue = "2",
            description = "Seconds between two months of the feed (default ${DEFAULT-VALUE}).")
    double monthSeconds;

    @Option(names = "--feed", description = "A JSON Lines release file to replay instead of the bundled illustrative feed.")
    Path feed;

    @Option(names = "--exit-when-done", description = "Stop after the feed instead of serving until Ctrl-C.")
    boolean exitWhenDone;

    @Option(names = "--log-file", description = "Where the full log goes, Kafka's warnings included; the terminal "
            + "shows the feed and pacewatch's own warnings only (default: pacewatch-demo.log in the temp directory).")
    Path logFile;

    private volatile PacewatchService running;
    /** The demo's "now": a past year replayed month by month, so due dates and embargoes follow the feed. */
    private final SimulatedClock clock = new SimulatedClock(FEED_ZONE);

    /** Ends a demo that serves until stopped, as Ctrl-C would; for embedding and tests. */
    public void stop() {
        final PacewatchService current = running;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        final Path scratch = Files.createTempDirectory("pacewatch-demo");
        final Path log = logFile != null ? logFile : Path.of(System.getProperty("java.io.tmpdir"), "pacewatch-demo.log");
        System.out.println("Full log (Kafka's own warnings included): " + log.toAbsolutePath());
        try (DemoLogging logging = DemoLogging.toFile(log);
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaPort)) {
            System.out.println("Kafka broker (KRaft, in-process) at " + broker.bootstrapServers());
            final Properties kafka = new Properties();
            kafka.put("bootstrap.servers", broker.bootstrapServers());
            running = PacewatchService.start(service.settings(kafka, true, 2, (short) 1)
                    .withStateDir(service.stateDir != null ? service.stateDir : scratch.resolve("state"))
                    .withClock(clock));
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "pacewatch-demo-shutdown"));
            try (FeedPrinter printer = new FeedPrinter(kafka, System.out, feedYear()).start()) {
                if (!running.awaitRunning(Duration.ofSeconds(60))) {
                    System.err.println("pacewatch did not reach RUNNING within 60 s: " + running.state() + " (full log: "
                            + log.toAbsolutePath() + ")");
                    return 1;
                }
                final String url = "http://localhost:" + running.httpAddress().getPort();
                System.out.println("pacewatch is RUNNING; metrics at " + url + "/metrics, progress at " + url + "/api/progress");
                replay(broker.bootstrapServers(), scratch);
                System.out.println("== Illustrative feed done. Serving " + url + " (Ctrl-C to stop).");
                if (!exitWhenDone) {
                    final java.util.Optional<String> failure = running.awaitStop();
                    if (failure.isPresent()) {
                        System.err.println("pacewatch demo: " + failure.get() + "; exiting with "
                                + RunCommand.EXIT_STREAMS_FAILED + " (full log: " + log.toAbsolutePath() + ")");
                        return RunCommand.EXIT_STREAMS_FAILED;
                    }
                } else {
                    Thread.sleep(Duration.ofSeconds(2).toMillis());
                    running.close();
                }
            }
        } finally {
            deleteRecursively(scratch);
        }
        return 0;
    }

    /** The year the feed replays (its first month's). */
    private int feedYear() throws IOException {
        return IllustrativeFeed.monthlyBatches(IllustrativeFeed.lines(feed)).keySet().iterator().next().getYear();
    }

    private void replay(final String bootstrap, final Path scratch) throws IOException, InterruptedException {
        clock.set(IllustrativeFeed.monthlyBatches(IllustrativeFeed.lines(feed)).keySet().iterator().next()
                .atDay(1).atStartOfDay(FEED_ZONE).toInstant());
        final Path targets = IllustrativeFeed.write(scratch, "targets.jsonl",
                IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_TARGETS));
        run(new TargetsCommand(), "load", "--bootstrap-servers", bootstrap, targets.toString());
        System.out.println("== Targets of the 2023 work report loaded (" + IllustrativeFeed.BUNDLED_TARGETS + ")");
        final Path siblings = IllustrativeFeed.write(scratch, "sibling-targets.jsonl",
                IllustrativeFeed.bundled(IllustrativeFeed.SIBLING_TARGETS));
        run(new TargetsCommand(), "load", "--bootstrap-servers", bootstrap, siblings.toString());
        System.out.println("== INVENTED targets of the sibling districts loaded (" + IllustrativeFeed.SIBLING_TARGETS + ")");
        final Path lastYear = IllustrativeFeed.write(scratch, "releases-2022.jsonl",
                IllustrativeFeed.bundled(IllustrativeFeed.BUNDLED_PRIOR_YEAR));
        run(new PublishCommand(), "--bootstrap-servers", bootstrap, lastYear.toString());
        awaitProcessed(bootstrap);
        System.out.println("== Last year's budget revenue loaded (" + IllustrativeFeed.BUNDLED_PRIOR_YEAR
                + "): 2023 is shown against its same-period shares too");

        final Map<YearMonth, List<String>> batches = IllustrativeFeed.monthlyBatches(IllustrativeFeed.lines(feed));
        for (final Map.Entry<YearMonth, List<String>> batch : batches.entrySet()) {
            // A new month begins: releases that fell due last month and did not come are now overdue.
            clock.set(batch.getKey().atDay(1).atStartOfDay(FEED_ZONE).toInstant());
            Thread.sleep((long) (monthSeconds * 1000));
            final Path file = IllustrativeFeed.write(scratch, "releases-" + batch.getKey() + ".jsonl", batch.getValue());
            System.out.println("== " + batch.getKey() + ": " + batch.getValue().size() + " release(s) published");
            run(new PublishCommand(), "--bootstrap-servers", bootstrap, file.toString());
            // The calendar only turns once the month's releases are processed; otherwise a busy machine
            // would show releases as overdue that were published in time.
            awaitProcessed(bootstrap);
        }
        Thread.sleep((long) (monthSeconds * 1000));
    }

    /**
     * Waits (at most 30 s, then goes on: the demo shows, it does not judge) until pacewatch's consumer
     * group has committed the releases and targets and its repartition topics: a release is judged only
     * once it has passed both.
     */
    private void awaitProcessed(final String bootstrap) throws InterruptedException {
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            final GroupLag lag = new GroupLag(admin, service.applicationId, List.of(Topics.RELEASES, Topics.TARGETS));
            lag.caughtUpWithin(Duration.ofSeconds(30), Duration.ofMillis(50));
        }
    }

    /** Runs a publisher's command as a bureau would; its own summary is not printed, failures are. */
    private static void run(final Object command, final String... args) {
        final StringWriter output = new StringWriter();
        final int exit = new CommandLine(command).setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                .execute(args);
        if (exit != 0) {
            throw new IllegalStateException("demo step failed (exit " + exit + "):\n" + output);
        }
    }

    private static void deleteRecursively(final Path folder) {
        try {
            Utils.delete(folder.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
