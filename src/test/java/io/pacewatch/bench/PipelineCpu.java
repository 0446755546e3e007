package io.pacewatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: a benchmark-style main that measures the pipeline's own CPU per release without a broker,
 * where the bench's figures move by tens of percent with the machine. The bench's synthetic load
 * ({@link SyntheticLoad}, 20 indicators, the bench's disorder) goes through the production topology in a
 * {@code TopologyTestDriver}, as the suite's golden check feeds it ({@link GoldenCheckTest#run}), several
 * times in one JVM (the first run warms the JIT). Each run prints the CPU time of the one thread that does
 * all the work per release record, and the golden digest of what was written, which must not move between
 * builds. The driver's own bookkeeping is in the figure too: compare builds with it, not with the bench. Run:
 * <pre>
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.pacewatch.bench.PipelineCpu [regions=100] [runs=4]
 * </pre>
 */
public final class PipelineCpu {

    private PipelineCpu() {
    }

    public static void main(final String[] args) throws IOException {
        final int regions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        final SyntheticLoad.Shape shape = new SyntheticLoad.Shape(regions, 20, 2023, 1, 0.02, 0.001, 2023,
                SyntheticLoad.Disorder.BENCH);
        final List<SyntheticLoad.Item> items = new ArrayList<>();
        new SyntheticLoad(shape).forEach(items::add);
        final long releases = items.stream().filter(item -> item.type() != SyntheticLoad.Type.TARGET).count();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++) {
            final long start = threads.getCurrentThreadCpuTime();
            final GoldenDigest digest = GoldenCheckTest.run(shape, items, Files.createTempDirectory("pacewatch-pipeline-cpu"));
            final long cpuNanos = threads.getCurrentThreadCpuTime() - start;
            System.out.printf("run %d: %,d records (%,d releases), %.1f µs of CPU per release; golden digest %s%n",
                    run, items.size(), releases, cpuNanos / 1_000.0 / releases, digest.sha256());
        }
    }
}
