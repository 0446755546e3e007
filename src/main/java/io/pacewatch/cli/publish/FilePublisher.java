package io.pacewatch.cli.publish;

import io.pacewatch.ingest.MessageShape;
import io.pacewatch.ingest.KafkaSender;
import io.pacewatch.ingest.KafkaSender.OutgoingRecord;
import io.pacewatch.ingest.KafkaSender.SendOutcome;
import io.pacewatch.cli.BrokerCheck;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.FileOutcome;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.ReleaseFileReader;
import io.pacewatch.ingest.SheetReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The validate-everything-then-send flow shared by {@code publish} and {@code targets load}.
 *
 * <p>All files are read and every row is validated before the first record is sent. A batch with
 * one bad row is refused whole: a partly published batch leaves the dashboard showing some months
 * and not others, and the publisher has to work out which rows went through before fixing the rest.
 */
final class FilePublisher<T> {

    /** Reads one file; see {@link ReleaseFileReader#read(Path)}. */
    interface FileReading<T> {
        FileOutcome<T> read(Path file) throws IOException;
    }

    private final String command;
    private final PrintWriter out;
    private final PrintWriter err;
    private final FileReading<T> reader;
    private final MessageShape<T> shape;
    private final LongSupplier nanoClock;
    private final Supplier<String> readingNote;

    /** {@code readingNote} says, after reading, what the summary should state about how rows were read, or null. */
    FilePublisher(final String command, final PrintWriter out, final PrintWriter err, final FileReading<T> reader,
                  final MessageShape<T> shape, final LongSupplier nanoClock, final Supplier<String> readingNote) {
        this.command = command;
        this.out = out;
        this.err = err;
        this.reader = reader;
        this.shape = shape;
        this.nanoClock = nanoClock;
        this.readingNote = readingNote;
    }

    int run(final List<Path> files, final PublishPlan plan) {
        final long start = nanoClock.getAsLong();
        final List<FileOutcome<T>> outcomes = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        for (final Path file : files) {
            try {
                outcomes.add(reader.read(file));
            } catch (final InputFormat.UnknownFormatException e) {
                unreadable.add(e.getMessage());
            } catch (final IOException e) {
                unreadable.add(SafeText.escape(file.toString()) + ": " + describe(e));
            }
        }
        final int rows = outcomes.stream().mapToInt(FileOutcome::rows).sum();
        final int errors = outcomes.stream().mapToInt(o -> o.errors().size()).sum();
        if (errors > 0 || !unreadable.isEmpty()) {
            return refuse(outcomes, unreadable, rows, errors, files.size());
        }
        final List<OutgoingRecord> records = new ArrayList<>(rows);
        outcomes.forEach(o -> o.records().forEach(r -> records.add(shape.toOutgoing(r.value()))));
        if (plan.dryRun()) {
            out.printf("dry run: all %,d rows of %d file(s) are valid; nothing was sent to %s%n", rows, files.size(),
                    SafeText.escape(plan.topic()));
            printCounts(records);
            out.flush();
            return ExitCodes.OK;
        }
        return send(records, rows, files.size(), plan, start);
    }

    private int refuse(final List<FileOutcome<T>> outcomes, final List<String> unreadable, final int rows,
                       final int errors, final int files) {
        for (final FileOutcome<T> outcome : outcomes) {
            final String file = SafeText.escape(outcome.file());
            outcome.errors().forEach(e -> err.println(file + ": " + e.describe()));
        }
        unreadable.forEach(err::println);
        final List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(String.format(Locale.ROOT, "%,d invalid row(s) among %,d read", errors, rows));
        }
        if (!unreadable.isEmpty()) {
            parts.add(unreadable.size() + " unreadable file(s)");
        }
        final long badFiles = unreadable.size() + outcomes.stream().filter(o -> !o.isValid()).count();
        err.printf("%s: %s, in %d of %d file(s); nothing was sent%n", command, String.join(" and ", parts), badFiles,
                files);
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    private int send(final List<OutgoingRecord> records, final int rows, final int files, final PublishPlan plan,
                     final long start) {
        // Every row is valid; before the producer retries an address that never answers and then blames the
        // topic, make sure a broker answers at all.
        BrokerCheck.requireReachable(plan.kafka());
        final ProgressBar progress = plan.showProgress(records.size())
                ? ProgressBar.enabled(err, records.size(), "sending", nanoClock)
                : ProgressBar.disabled();
        final SendOutcome outcome = new KafkaSender(plan.kafka(), plan.clientId())
                .send(plan.topic(), records, progress);
        final String topic = SafeText.escape(plan.topic());
        if (!outcome.succeeded()) {
            err.printf("%s: Kafka failure: %s%n", command, SafeText.escape(describe(outcome.failure())));
            err.printf("%s: %,d of %,d %s were acknowledged by %s before the failure; re-running is safe,"
                    + " a record sent twice is the same version%n", command, outcome.acknowledged(), records.size(),
                    shape.noun(), topic);
            err.flush();
            return ExitCodes.KAFKA_FAILURE;
        }
        out.printf("rows read     %,d (%d file(s))%n", rows, files);
        out.printf("sent          %,d %s to %s%n", outcome.acknowledged(), shape.noun(), topic);
        printCounts(records);
        out.printf("elapsed       %s%n", elapsed(nanoClock.getAsLong() - start));
        out.flush();
        return ExitCodes.OK;
    }

    private void printCounts(final List<OutgoingRecord> records) {
        final String note = readingNote.get();
        if (note != null) {
            out.println(note);
        }
        final Map<String, Integer> byIndicator = new TreeMap<>();
        records.forEach(r -> byIndicator.merge(r.indicator(), 1, Integer::sum));
        if (byIndicator.isEmpty()) {
            return;
        }
        final int width = byIndicator.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println("by indicator");
        byIndicator.forEach((indicator, count) -> out.printf("  %-" + width + "s  %,8d%n", SafeText.escape(indicator), count));
    }

    private static String elapsed(final long nanos) {
        final Duration duration = Duration.ofNanos(nanos);
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String describe(final Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof SheetReader.Unreadable) {
            return e.getMessage();
        }
        final String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Where and how a validated batch is sent. {@code progress} is {@code null} when the user said
     * nothing (then a bar shows for a large batch on a terminal), else what they asked for.
     * {@code kafka} is {@code null} for a dry run, which needs no broker settings.
     */
    record PublishPlan(String topic, boolean dryRun, Properties kafka, String clientId, Boolean progress,
                       boolean interactive) {

        boolean showProgress(final int records) {
            if (progress != null) {
                return progress;
            }
            return interactive && records > ProgressBar.LARGE_BATCH;
        }
    }
}
