package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Smoke test of {@code pacewatch bench} at a tiny size on its own in-process broker: it runs every
 * phase and prints every figure. It says nothing about the figures themselves: the bench is a
 * measurement tool, and timings on a shared CI machine are not a test.
 */
class BenchCommandIT {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    @DisplayName("bench runs every phase at a tiny size and prints every figure")
    void printsEveryFigure() {
        final String report = bench("--regions", "2", "--indicators", "5", "--partitions", "2",
                "--latency-rate", "50", "--latency-seconds", "2", "--broker", "in-process", "--no-quiet-rejections");

        assertThat(report).contains(
                "## Data", "pacewatch.releases:", "pacewatch.targets:",
                "| raw KafkaConsumer | 1 |", "| trivial count, exactly-once | 1 |", "| pacewatch, exactly-once | 1 |",
                "pacewatch / raw consumer", "pacewatch / trivial count",
                "## (a') The contract floor", "| pacewatch.progress | ", "| contract floor, all of pacewatch's traffic, exactly-once |",
                "| contract floor, views composed at read time, exactly-once |",
                "| contract floor, public outputs only, exactly-once |",
                "| contract floor, public outputs, month records only (what if), exactly-once |",
                "## (a'') What the ratio goal leaves for computing", "| read a release (JSON, validated) |",
                "| write a progress record (JSON) |", "| views composed at read time |",
                "pacewatch's computing, beyond the all-traffic floor",
                "last month present for 10 of 10 series",
                "## (c) Latency", "| publish → progress", "| publish → alert",
                "## (d) State restore", "| release-history |", "| progress-view |",
                "## (e) Memory", "| pacewatch backfill (EOS) |", "| latency at 50/s |", "| restore |",
                "## Goals", "of the trivial exactly-once aggregate", "(the contract floor, no computing at all, against the count run beside it",
                "(what that leaves for computing per release, under each floor: (a''))",
                "publish→alert p99", "restore of 1 M keys");
        assertThat(report).doesNotContain("INCOMPLETE", "MISMATCH");
        final Matcher streamThreads = Pattern.compile("per 1,000 releases: stream thread\\(s\\) ([\\d.]+) ms").matcher(report);
        assertThat(streamThreads.find()).as(report).isTrue();
        assertThat(Double.parseDouble(streamThreads.group(1))).as("the pipeline ran on the stream thread").isPositive();
        // Too small for the cleaner to compact anything: the producer-side count must equal the topic's.
        final Matcher onTopic = Pattern.compile("progress: ([\\d,]+) committed records \\(([^)]+)\\)").matcher(report);
        final Matcher written = Pattern.compile("progress written by the backfill: ([\\d,]+) records \\(([^)]+)\\)")
                .matcher(report);
        assertThat(onTopic.find()).as(report).isTrue();
        assertThat(written.find()).as(report).isTrue();
        assertThat(written.group(1)).isNotEqualTo("0").isEqualTo(onTopic.group(1));
        assertThat(written.group(2)).isEqualTo(onTopic.group(2));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    @DisplayName("with --instances 2, two instances share the backfill and the bench checks what they wrote together")
    void twoInstances() {
        final String report = bench("--regions", "2", "--indicators", "5", "--partitions", "2", "--instances", "2",
                "--skip-latency", "--skip-restore", "--warmup=false", "--broker", "in-process");

        assertThat(report).contains("pacewatch instances: 2", "| pacewatch, exactly-once, 2 instances | 1 |",
                "last month present for 10 of 10 series", "progress written by the backfill");
        assertThat(report).doesNotContain("INCOMPLETE", "MISMATCH");
    }

    /** The report of a bench run with these options, which must have exited 0. */
    private static String bench(final String... options) {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            exit = new CommandLine(new BenchCommand().printTo(out)).execute(options);
        }
        final String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        return report;
    }
}
