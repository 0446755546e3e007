package io.pacewatch.faults;

import static io.pacewatch.faults.FaultKit.LOG;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, faults 4: thousands of revisions and target edits for a handful of series, interleaved and
 * arriving in random order (each revision with its own publication time), end in exactly the state
 * that applying only the last of each gives: the latest revision of every figure by publication
 * time, and the last target. Each series' target edits arrive in the order they were published (so
 * "last" means the same by arrival and by publication), two of them deletions; the revisions of all
 * series are shuffled together, so older versions keep arriving after newer ones. The instance runs
 * with the production settings.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevisionStormIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int REGIONS = 3;
    /** Versions of every figure. */
    private static final int VERSIONS = 15;
    /** Target edits per series, two of them deletions. */
    private static final int TARGET_EDITS = 40;

    @RegisterExtension
    static final FaultFixture fault = new FaultFixture("rs");
    private final String tag = fault.tag();
    private final Random random = new Random(4_2023L);
    private KafkaTestBroker kafka;

    @Test
    @DisplayName("a storm of revisions and target edits in random order ends where only the last of each leads")
    void stormEndsWhereTheLastVersionsLead() throws Exception {
        fault.startService(fault.applicationId("storm"), fault.newDir("storm"), FaultKit.START_AT_LATEST);
        try (TopicWatch progress = fault.watch(Topics.PROGRESS)) {
            FaultKit.sync(kafka, progress, tag + "-sync0", WAIT);

            final List<KeyValue<String, String>> stormReleases = new ArrayList<>();
            final List<List<KeyValue<String, String>>> targetEdits = new ArrayList<>();
            final List<KeyValue<String, String>> lastReleases = new ArrayList<>();
            final List<KeyValue<String, String>> lastTargets = new ArrayList<>();
            for (int r = 0; r < REGIONS; r++) {
                for (int ind = 0; ind < Feed.INDICATORS.size(); ind++) {
                    final List<KeyValue<String, String>> edits = new ArrayList<>();
                    storm(tag + "-storm-" + r, tag + "-last-" + r, ind, stormReleases, edits, lastReleases, lastTargets);
                    targetEdits.add(edits);
                }
            }
            // Revisions in random order; each series' target edits in their own order, scattered among them.
            Collections.shuffle(stormReleases, random);
            final List<KeyValue<String, String>> stormTargets = new ArrayList<>();
            while (targetEdits.stream().anyMatch(edits -> !edits.isEmpty())) {
                final List<KeyValue<String, String>> edits = targetEdits.get(random.nextInt(targetEdits.size()));
                if (!edits.isEmpty()) {
                    stormTargets.add(edits.remove(0));
                }
            }
            final List<KeyValue<String, String>> targetsTopic = new ArrayList<>();
            final List<KeyValue<String, String>> releasesTopic = new ArrayList<>();
            final int total = stormReleases.size() + stormTargets.size();
            int t = 0;
            int rel = 0;
            final long start = System.nanoTime();
            while (t < stormTargets.size() || rel < stormReleases.size()) {
                final boolean target = rel >= stormReleases.size()
                        || (t < stormTargets.size() && random.nextInt(total) < stormTargets.size());
                if (target) {
                    targetsTopic.add(stormTargets.get(t++));
                } else {
                    releasesTopic.add(stormReleases.get(rel++));
                }
                // Send in small interleaved batches so that target edits land while revisions are processed.
                if (targetsTopic.size() + releasesTopic.size() >= 200) {
                    send(targetsTopic, releasesTopic);
                }
            }
            send(targetsTopic, releasesTopic);
            kafka.produceStrings(Topics.TARGETS, lastTargets);
            kafka.produceStrings(Topics.RELEASES, lastReleases);
            LOG.info("storm: sent {} revisions and {} target edits for {} series, and {} + {} records of the last versions",
                    stormReleases.size(), stormTargets.size(), REGIONS * Feed.INDICATORS.size(), lastReleases.size(),
                    lastTargets.size());

            // Everything sent before has been judged once every partition has judged a marker sent after.
            FaultKit.sync(kafka, progress, tag + "-sync1", WAIT);
            progress.catchUp(WAIT);
            LOG.info("storm: judged in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            final Map<String, String> storm = FaultKit.neutralProgress(progress.latest(), tag + "-storm-");
            final Map<String, String> last = FaultKit.neutralProgress(progress.latest(), tag + "-last-");
            assertThat(last).as("the last versions give every series a standing and a pace curve")
                    .hasSizeGreaterThan(REGIONS * Feed.INDICATORS.size() * 5);
            FaultKit.assertSameMap("final progress of every key after the storm", last, storm);
        }
    }

    /**
     * One series' storm: {@link #VERSIONS} versions of every figure with distinct publication times and
     * random levels, and {@link #TARGET_EDITS} target edits (two deletions, never the last); plus, under
     * the {@code last} region, only the version published last of each figure and the last target.
     */
    private void storm(final String stormRegion, final String lastRegion, final int ind,
                       final List<KeyValue<String, String>> stormReleases,
                       final List<KeyValue<String, String>> stormTargets,
                       final List<KeyValue<String, String>> lastReleases,
                       final List<KeyValue<String, String>> lastTargets) {
        final String indicator = Feed.INDICATORS.get(ind);
        for (int month = 2; month <= 12; month++) {
            if (!Feed.publishes(indicator, month)) {
                continue;
            }
            // Revision v is published 3 v days after the first estimate, each at a random pace.
            for (int v = 0; v < VERSIONS; v++) {
                final int level = random.nextInt(4);
                stormReleases.add(KeyValue.pair(Feed.seriesId(stormRegion, indicator),
                        Feed.release(stormRegion, ind, month, level, v)));
                if (v == VERSIONS - 1) {
                    lastReleases.add(KeyValue.pair(Feed.seriesId(lastRegion, indicator),
                            Feed.release(lastRegion, ind, month, level, v)));
                }
            }
        }
        final int deleteA = 5 + random.nextInt(TARGET_EDITS / 2 - 5);
        final int deleteB = TARGET_EDITS / 2 + random.nextInt(TARGET_EDITS / 2 - 2);
        for (int e = 0; e < TARGET_EDITS; e++) {
            final String publishedAt = String.format("2023-01-10T09:%02d:00+08:00", e);
            final BigDecimal scale = BigDecimal.valueOf(80 + random.nextInt(41), 2);
            final boolean delete = e == deleteA || e == deleteB;
            stormTargets.add(KeyValue.pair(Feed.seriesId(stormRegion, indicator),
                    delete ? null : Feed.target(stormRegion, indicator, publishedAt, scale)));
            if (e == TARGET_EDITS - 1) {
                lastTargets.add(KeyValue.pair(Feed.seriesId(lastRegion, indicator),
                        Feed.target(lastRegion, indicator, publishedAt, scale)));
            }
        }
    }

    private void send(final List<KeyValue<String, String>> targets, final List<KeyValue<String, String>> releases) {
        if (!targets.isEmpty()) {
            kafka.produceStrings(Topics.TARGETS, new ArrayList<>(targets));
            targets.clear();
        }
        if (!releases.isEmpty()) {
            kafka.produceStrings(Topics.RELEASES, new ArrayList<>(releases));
            releases.clear();
        }
    }
}
