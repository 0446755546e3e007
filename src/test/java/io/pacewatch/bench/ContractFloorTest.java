package io.pacewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The floor writes what pacewatch wrote per release, no more and no less, and reads back what pacewatch reads. */
class ContractFloorTest {

    private static final ContractFloor.Flow PROGRESS =
            new ContractFloor.Flow(Topics.PROGRESS, "pwbench.floor.progress", 2.5, 900, ContractFloor.ReadBack.TABLE);
    private static final ContractFloor.Flow ALERTS =
            new ContractFloor.Flow(Topics.ALERTS, "pwbench.floor.alerts", 0.25, 40, ContractFloor.ReadBack.STREAM);
    private static final ContractFloor.Flow CHANGELOG =
            new ContractFloor.Flow("app-recent-alerts-changelog", "pwbench.floor.recent-alerts-changelog", 0.5, 300,
                    ContractFloor.ReadBack.NONE);
    /** A tenth of the releases were not judged (late copies, bad records): no latest standing for them. */
    private static final ContractFloor.Traffic TRAFFIC =
            new ContractFloor.Traffic(1.1, 320, List.of(PROGRESS, ALERTS, CHANGELOG), 0.9);

    @TempDir
    Path stateDir;

    @Test
    void writesEachTopicsShareOfRecordsPerReleaseAtItsSize() {
        try (TopologyTestDriver driver = new TopologyTestDriver(ContractFloor.topology(TRAFFIC), properties())) {
            final TestInputTopic<String, byte[]> releases = driver.createInputTopic(Topics.RELEASES,
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            for (int i = 0; i < 100; i++) {
                releases.pipeInput("r" + i % 10 + "|gdp|2023", bytes("release " + i));
            }

            assertThat(output(driver, PROGRESS).readValuesToList()).hasSize(250).allSatisfy(v -> assertThat(v).hasSize(900));
            assertThat(output(driver, ALERTS).readValuesToList()).hasSize(25).allSatisfy(v -> assertThat(v).hasSize(40));
            assertThat(output(driver, CHANGELOG).readValuesToList()).hasSize(50).allSatisfy(v -> assertThat(v).hasSize(300));
            final KeyValueStore<String, byte[]> state = driver.getKeyValueStore("floor-state");
            try (KeyValueIterator<String, byte[]> all = state.all()) {
                assertThat(all).toIterable().hasSize(10).allSatisfy(kv -> assertThat(kv.value).hasSize(320));
            }
            // The progress copy is read back into a table, keyed series|slot over 13 slots.
            final KeyValueStore<String, byte[]> view = driver.getKeyValueStore("view-" + PROGRESS.copy());
            assertThat(view.get("r0|gdp|2023|0")).isNotNull();
        }
    }

    @Test
    void readsBackOnlyWhatPacewatchReadsBack() {
        assertThat(ContractFloor.sources(TRAFFIC)).containsExactly(Topics.RELEASES, PROGRESS.copy(), ALERTS.copy());
        // The public outputs are only written: the views that read them back are pacewatch's design.
        assertThat(TRAFFIC.publicOutputs().flows()).extracting(ContractFloor.Flow::pacewatchTopic)
                .containsExactly(Topics.PROGRESS, Topics.ALERTS);
        assertThat(ContractFloor.sources(TRAFFIC.publicOutputs())).containsExactly(Topics.RELEASES);
        // Views composed at read time: every topic still written, the alerts still consumed, no table.
        assertThat(TRAFFIC.viewsComposedAtReadTime().flows()).extracting(ContractFloor.Flow::readBack)
                .containsExactly(ContractFloor.ReadBack.NONE, ContractFloor.ReadBack.STREAM, ContractFloor.ReadBack.NONE);
        assertThat(ContractFloor.sources(TRAFFIC.viewsComposedAtReadTime())).containsExactly(Topics.RELEASES, ALERTS.copy());
        assertThat(TRAFFIC.monthRecordsOnly().flows()).extracting(ContractFloor.Flow::perRelease).containsExactly(2.5 - 0.9, 0.25);
        assertThat(TRAFFIC.recordsPerRelease()).isEqualTo(1 + 2.5 + 0.25 + 0.5);
        assertThat(TRAFFIC.perRelease(Topics.PROGRESS)).isEqualTo(2.5);
        assertThat(TRAFFIC.perRelease(Topics.DEAD_LETTERS)).isZero();
        // Each floor run writes and reads copies of its own: a later run never reads an earlier one's records.
        assertThat(TRAFFIC.copiesUnder("run-2").flows()).extracting(ContractFloor.Flow::copy)
                .containsExactly("run-2.pwbench.floor.progress", "run-2.pwbench.floor.alerts",
                        "run-2.pwbench.floor.recent-alerts-changelog");
    }

    private static TestOutputTopic<String, byte[]> output(final TopologyTestDriver driver, final ContractFloor.Flow flow) {
        return driver.createOutputTopic(flow.copy(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    private Properties properties() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
