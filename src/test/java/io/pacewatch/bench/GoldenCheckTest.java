package io.pacewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.ReleaseCalendar;
import io.pacewatch.app.Pipelines;
import io.pacewatch.app.StreamsSettings;
import io.pacewatch.wire.DeadLetterHeaders;
import io.pacewatch.wire.PipelineEvents;
import io.pacewatch.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's golden check (issue #11: verdicts must not move while the pipeline is made lean): a
 * fixed, seeded load with revisions, months out of order, late copies of replaced versions, target
 * changes, keyless releases and bad records of every reason goes through the production topology,
 * and the set of alert ids, every standing progress record and every dead letter must equal what
 * the pipeline produced when the check was recorded ({@value #GOLDEN}).
 * <p>
 * To record it again after an intended change of output, run the test with
 * {@code -Dpacewatch.golden.record=true} and explain the difference in the commit.
 */
class GoldenCheckTest {

    static final String GOLDEN = "src/test/resources/golden/topology-golden.txt";
    /** Small enough to read in a diff, large enough that every kind of indicator meets every disorder. */
    static final SyntheticLoad.Shape SHAPE = new SyntheticLoad.Shape(3, 10, 2023, 1, 0.2, 0.05, 11,
            SyntheticLoad.Disorder.GOLDEN);
    /** After every publication of the load, and no calendar: the verdicts do not depend on the wall clock. */
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    @DisplayName("the golden load yields exactly the recorded alerts, progress records and dead letters")
    void outputsEqualTheGolden() throws Exception {
        final List<SyntheticLoad.Item> items = new ArrayList<>();
        new SyntheticLoad(SHAPE).forEach(items::add);
        final GoldenDigest digest = run(items, stateDir);

        final Path golden = Path.of(GOLDEN);
        if (Boolean.getBoolean("pacewatch.golden.record")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, digest.text(), StandardCharsets.UTF_8);
        }
        final String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(digest.text())) {
            Files.writeString(Path.of("target/golden-actual.txt"), digest.text(), StandardCharsets.UTF_8);
        }
        assertThat(digest.text()).as("diff %s target/golden-actual.txt", GOLDEN).isEqualTo(expected);
        // The bench compares digests computed line by line; they must be the digest of this text.
        assertThat(digest.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("the golden load holds every kind of disorder it is meant to, and its outputs are not empty")
    void loadIsNotVacuous() throws IOException {
        final Map<SyntheticLoad.Type, Integer> byType = new EnumMap<>(SyntheticLoad.Type.class);
        final List<SyntheticLoad.Item> items = new ArrayList<>();
        new SyntheticLoad(SHAPE).forEach(item -> {
            items.add(item);
            byType.merge(item.type(), 1, Integer::sum);
        });
        final long keyless = items.stream().filter(i -> i.key() == null).count();
        final long series = SHAPE.series();
        final long outOfOrder = items.stream().filter(i -> i.type() == SyntheticLoad.Type.RELEASE).collect(
                java.util.stream.Collectors.groupingBy(SyntheticLoad.Item::series)).values().stream()
                .filter(releases -> !isSorted(releases.stream().mapToInt(SyntheticLoad.Item::lastMonth).toArray()))
                .count();

        assertThat(items.size()).isBetween(300, 700);
        assertThat(byType.get(SyntheticLoad.Type.TARGET)).as("a target per series plus changed ones").isGreaterThan((int) series);
        assertThat(byType).containsKeys(SyntheticLoad.Type.REVISION, SyntheticLoad.Type.LATE, SyntheticLoad.Type.BAD);
        assertThat(keyless).isPositive();
        assertThat(outOfOrder).isPositive();

        final GoldenDigest digest = run(items, stateDir);
        assertThat(digest.alerts()).isPositive();
        assertThat(digest.deadLetters()).isEqualTo((long) byType.get(SyntheticLoad.Type.BAD));
        // the latest standing and eleven months per series
        assertThat(digest.progressKeys()).isEqualTo(series * 12);
    }

    private static boolean isSorted(final int[] months) {
        for (int i = 1; i < months.length; i++) {
            if (months[i] < months[i - 1]) {
                return false;
            }
        }
        return true;
    }

    static GoldenDigest run(final List<SyntheticLoad.Item> items, final Path stateDir) {
        return run(SHAPE, items, stateDir);
    }

    /** Feeds the items of a load of that shape in order through the production topology and digests everything it wrote. */
    static GoldenDigest run(final SyntheticLoad.Shape shape, final List<SyntheticLoad.Item> items, final Path stateDir) {
        final Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final GoldenDigest digest = new GoldenDigest();
        // The driver does not pass dead letters on to their topic; the handler's report of each refusal is digested.
        final PipelineEvents refusals = new PipelineEvents() {
            @Override
            public void rejected(final String sourceTopic, final RejectionReason reason) {
                digest.rejected(sourceTopic, reason == null ? DeadLetterHeaders.UNEXPECTED : reason.code());
            }
        };
        Pipelines.reportRefusals(props, refusals);
        try (TopologyTestDriver driver = new TopologyTestDriver(Pipelines.serviceTopology(
                SyntheticCatalogue.build(shape.indicators()), ReleaseCalendar.NONE, Clock.fixed(NOW, ZoneOffset.UTC)),
                props, NOW)) {
            final Map<String, TestInputTopic<String, byte[]>> inputs = Map.of(
                    Topics.RELEASES, driver.createInputTopic(Topics.RELEASES, new StringSerializer(), new ByteArraySerializer()),
                    Topics.TARGETS, driver.createInputTopic(Topics.TARGETS, new StringSerializer(), new ByteArraySerializer()));
            items.forEach(item -> inputs.get(item.topic()).pipeInput(item.key(), item.value(), item.timestamp()));

            driver.createOutputTopic(Topics.PROGRESS, new StringDeserializer(), new ByteArrayDeserializer())
                    .readKeyValuesToList().forEach(kv -> digest.progress(kv.key, kv.value));
            driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new ByteArrayDeserializer())
                    .readValuesToList().forEach(digest::alert);
        }
        return digest;
    }

    static {
        // One line per refused record would drown the test log (named by text: only app and topology import the topology).
        org.apache.logging.log4j.core.config.Configurator.setLevel("io.pacewatch.topology.DeadLetterHandlers",
                org.apache.logging.log4j.Level.ERROR);
    }
}
