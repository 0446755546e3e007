package io.pacewatch.topology;

import io.pacewatch.app.StreamsSettings;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.PipelineEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.wire.CalendarLoader;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology in a {@link TopologyTestDriver}, fed raw JSON exactly as a publisher sends
 * it. Caching is off so every update is visible.
 */
final class TopologyHarness implements AutoCloseable {

    static final String REGION = "testville";
    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, String> releases;
    final TestInputTopic<String, String> targets;
    final TestOutputTopic<String, Progress> progress;
    final TestOutputTopic<String, Alert> alerts;
    private final Path stateDir;

    final RecordingEvents events = new RecordingEvents();
    /** pacewatch's "now" for embargoes and due dates, moved together with the driver's wall clock. */
    final TestClock clock = new TestClock(START);

    TopologyHarness() {
        this(CatalogueLoader.bundledRegions());
    }

    /** With the region catalogue given, which decides the peer groups. */
    TopologyHarness(final io.pacewatch.domain.RegionCatalogue regions) {
        try {
            stateDir = Files.createTempDirectory("pacewatch-ttd");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(DeadLetterHandlers.EVENTS_CONFIG, events);
        driver = new TopologyTestDriver(PacewatchTopology.build(CatalogueLoader.bundled(), regions,
                CalendarLoader.bundled(), clock, events), props, START);
        releases = driver.createInputTopic(Topics.RELEASES, Serdes.String().serializer(), Serdes.String().serializer());
        targets = driver.createInputTopic(Topics.TARGETS, Serdes.String().serializer(), Serdes.String().serializer());
        progress = driver.createOutputTopic(Topics.PROGRESS, Serdes.String().deserializer(),
                Topics.progress().valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(),
                Topics.alerts().valueSerde().deserializer());
    }

    /** Publishes a cumulative release as a bureau would, keyed by its series, timestamped at publication. */
    void cumulative(final String indicator, final String period, final String value, final String growth,
                    final String publishedAt) {
        release(indicator, period, "CUMULATIVE", value, growth, publishedAt);
    }

    void release(final String indicator, final String period, final String basis, final String value,
                 final String growth, final String publishedAt) {
        embargoed(indicator, period, basis, value, growth, publishedAt, null);
    }

    void embargoed(final String indicator, final String period, final String basis, final String value,
                   final String growth, final String publishedAt, final String embargoUntil) {
        releaseOf(REGION, indicator, period, basis, value, growth, publishedAt, embargoUntil);
    }

    /** A release of another region than {@link #REGION}, for tests of several regions. */
    void releaseOf(final String region, final String indicator, final String period, final String basis,
                   final String value, final String growth, final String publishedAt, final String embargoUntil) {
        final ReleaseDraft draft = new ReleaseDraft(region, indicator, period, basis,
                value == null ? null : new BigDecimal(value), value == null ? null : "亿元",
                growth == null ? null : new BigDecimal(growth), publishedAt, null, "test bureau", embargoUntil);
        releases.pipeInput(region + "|" + indicator + "|" + period.substring(0, 4), json(draft),
                Instant.parse(publishedAt));
    }

    void amountTarget(final String indicator, final String value, final String publishedAt) {
        target(indicator, "AMOUNT", value, "亿元", publishedAt);
    }

    void growthTarget(final String indicator, final String value, final String publishedAt) {
        target(indicator, "GROWTH", value, null, publishedAt);
    }

    private void target(final String indicator, final String kind, final String value, final String unit,
                        final String publishedAt) {
        targetOf(REGION, indicator, kind, value, unit, publishedAt);
    }

    /** A target of another region than {@link #REGION}, for tests of several regions. */
    void targetOf(final String region, final String indicator, final String kind, final String value, final String unit,
                  final String publishedAt) {
        final TargetDraft draft = new TargetDraft(region, 2023, indicator, kind, new BigDecimal(value), unit,
                null, null, null, null, publishedAt, "test work report");
        targets.pipeInput(region + "|" + indicator + "|2023", json(draft), Instant.parse(publishedAt));
    }

    /** The latest progress record per key, as a compacted topic would keep it. */
    Map<String, Progress> progressTable() {
        final Map<String, Progress> table = new LinkedHashMap<>();
        progress.readKeyValuesToList().forEach(kv -> table.put(kv.key, kv.value));
        return table;
    }

    List<Alert> alertList() {
        return alerts.readValuesToList();
    }

    List<KeyValue<String, Progress>> progressUpdates() {
        return progress.readKeyValuesToList();
    }

    static String json(final Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts everything {@code other}'s stores hold into this driver's stores: a new build (another
     * catalogue, say) starting over the state the previous one left, as a restarted instance does.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void takeStateFrom(final TopologyHarness other) {
        other.driver.getAllStateStores().forEach((name, store) -> {
            if (store instanceof org.apache.kafka.streams.state.KeyValueStore from) {
                final org.apache.kafka.streams.state.KeyValueStore to =
                        (org.apache.kafka.streams.state.KeyValueStore) driver.getAllStateStores().get(name);
                try (org.apache.kafka.streams.state.KeyValueIterator<Object, Object> all = from.all()) {
                    all.forEachRemaining(kv -> to.put(kv.key, kv.value));
                }
            }
        });
    }

    /** Moves time on: the topology's clock and the driver's wall clock, which fires punctuations. */
    void advance(final java.time.Duration duration) {
        clock.now = clock.now.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends java.time.Clock {
        private Instant now;

        TestClock(final Instant start) {
            this.now = start;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Remembers what the topology reported, in order. */
    static final class RecordingEvents implements PipelineEvents {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public void releaseAccepted(final String indicator, final boolean revision) {
            seen.add((revision ? "revised " : "accepted ") + indicator);
        }

        @Override
        public void rejected(final String sourceTopic, final io.pacewatch.domain.RejectionReason reason) {
            seen.add("rejected " + sourceTopic + " " + reason);
        }

        @Override
        public void alertRaised(final Alert alert) {
            seen.add("alert " + alert.severity());
        }
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
