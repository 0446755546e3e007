package io.pacewatch.topology;

import io.pacewatch.app.StreamsSettings;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.RecentAlerts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Severity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wiring of the production topology: inputs reach the engine, only changes leave it. The pace
 * arithmetic itself is pinned down in the domain's own tests.
 */
class PacewatchTopologyTest {

    private static final String REVENUE = "BUDGET_REVENUE";
    private static final String REVENUE_KEY = TopologyHarness.REGION + "|" + REVENUE + "|2023";

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    @DisplayName("a cumulative release against an amount target yields the latest standing and one record per period")
    void cumulativeReleaseIsJudged() {
        harness.amountTarget(REVENUE, "127", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-02", "25", null, "2023-03-15T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "60", null, "2023-07-15T09:00:00+08:00");

        final Map<String, Progress> table = harness.progressTable();

        final Progress latest = table.get(REVENUE_KEY);
        assertThat(latest.asOfMonth()).isEqualTo(6);
        assertThat(latest.completionRatio()).isEqualByComparingTo("0.4724");
        assertThat(latest.gapPp()).isEqualByComparingTo("-2.76");
        assertThat(latest.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(latest.messageZh()).contains("低于序时进度2.8个百分点");
        // testville is not in the bundled region catalogue: no names, the code is what people read
        assertThat(latest.regionNameZh()).isNull();
        assertThat(latest.regionNameEn()).isNull();
        final Progress janFeb = table.get(REVENUE_KEY + "|2023-01-01/P2M");
        assertThat(janFeb.asOfMonth()).isEqualTo(2);
        assertThat(janFeb.timeProgress()).isEqualByComparingTo("0.166667");
        assertThat(table).containsKey(REVENUE_KEY + "|2023-S1");
    }

    @Test
    @DisplayName("a release that arrives before its target is kept and judged the moment the target arrives")
    void releaseWaitsForTarget() {
        harness.cumulative(REVENUE, "2023-06", "60", null, "2023-07-15T09:00:00+08:00");
        assertThat(harness.progressTable().get(REVENUE_KEY).status()).isEqualTo(PaceStatus.NOT_ASSESSABLE);

        harness.amountTarget(REVENUE, "127", "2023-07-20T09:00:00+08:00");

        final Progress judged = harness.progressTable().get(REVENUE_KEY);
        assertThat(judged.status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(judged.targetValue()).isEqualByComparingTo("127");
    }

    @Test
    @DisplayName("a target without releases shows as 'no data', not as on track")
    void targetAloneIsNoData() {
        harness.amountTarget(REVENUE, "127", "2023-01-10T09:00:00+08:00");

        assertThat(harness.progressTable().get(REVENUE_KEY).status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(harness.alertList()).isEmpty();
    }

    @Test
    @DisplayName("a mid-year target change re-judges the latest standing and every period, and alerts once")
    void targetChangeReevaluates() {
        harness.amountTarget(REVENUE, "100", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-03", "28", null, "2023-04-15T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "60", null, "2023-07-15T09:00:00+08:00");
        assertThat(harness.progressTable().get(REVENUE_KEY).status()).isEqualTo(PaceStatus.AHEAD);
        assertThat(harness.alertList()).isEmpty();

        harness.amountTarget(REVENUE, "140", "2023-07-20T09:00:00+08:00");

        final Map<String, Progress> table = harness.progressTable();
        assertThat(table.get(REVENUE_KEY).status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(table.get(REVENUE_KEY + "|2023-Q1").targetValue()).isEqualByComparingTo("140");
        final List<Alert> alerts = harness.alertList();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.WORSENED);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.previousStatus()).isEqualTo(PaceStatus.AHEAD);
        });
    }

    @Test
    @DisplayName("a March correction arriving after April's figure replaces March, with no double counting")
    void lateRevisionReplaces() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.release(REVENUE, "2023-01-01/P2M", "SINGLE_PERIOD", "20", null, "2023-03-15T09:00:00+08:00");
        harness.release(REVENUE, "2023-03", "SINGLE_PERIOD", "10", null, "2023-04-15T09:00:00+08:00");
        harness.release(REVENUE, "2023-04", "SINGLE_PERIOD", "10", null, "2023-05-15T09:00:00+08:00");
        assertThat(harness.progressTable().get(REVENUE_KEY).ytdValue()).isEqualByComparingTo("40");

        harness.release(REVENUE, "2023-03", "SINGLE_PERIOD", "12", null, "2023-05-20T09:00:00+08:00");

        final Map<String, Progress> table = harness.progressTable();
        assertThat(table.get(REVENUE_KEY).ytdValue()).isEqualByComparingTo("42");
        assertThat(table.get(REVENUE_KEY + "|2023-Q1").ytdValue()).isEqualByComparingTo("32");
        assertThat(table.get(REVENUE_KEY).releaseVersions())
                .anySatisfy(v -> assertThat(v.publishedAt()).hasToString("2023-05-20T01:00:00Z"));
    }

    @Test
    @DisplayName("an older version that arrives late does not overwrite the newer one")
    void staleVersionIgnored() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-03", "33", null, "2023-05-20T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-03", "30", null, "2023-04-15T09:00:00+08:00");

        assertThat(harness.progressTable().get(REVENUE_KEY).ytdValue()).isEqualByComparingTo("33");
    }

    @Test
    @DisplayName("alerts go out on entering a worse status and on recovering, never for a republished figure")
    void alertsOnlyOnStatusChange() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-03", "30", null, "2023-04-15T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-16T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-09", "90", null, "2023-10-15T09:00:00+08:00");

        final List<Alert> alerts = harness.alertList();

        assertThat(alerts).extracting(Alert::period, Alert::previousStatus, Alert::status, Alert::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2023-S1", PaceStatus.ON_PACE, PaceStatus.BEHIND, AlertKind.WORSENED),
                        org.assertj.core.groups.Tuple.tuple("2023-01-01/P9M", PaceStatus.BEHIND, PaceStatus.ON_PACE, AlertKind.RECOVERED));
        assertThat(alerts.get(0).messageEn()).contains("behind time progress");
        assertThat(alerts.get(0).messageZh()).startsWith("【滞后】testville 地方一般公共预算收入由“正常”转为“滞后”");
    }

    @Test
    @DisplayName("an identical record sent twice changes nothing and publishes nothing")
    void duplicateIsSilent() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");
        harness.progressUpdates();
        harness.alertList();

        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");

        assertThat(harness.progressUpdates()).isEmpty();
        assertThat(harness.alertList()).isEmpty();
    }

    @Test
    @DisplayName("replaying the same input gives the same alerts with the same ids")
    void replayGivesSameIds() {
        final List<Alert> first = behindThenRecovered(harness);
        final List<Alert> second;
        try (TopologyHarness replay = new TopologyHarness()) {
            second = behindThenRecovered(replay);
        }

        assertThat(first).hasSize(2);
        assertThat(second).extracting(Alert::id).containsExactlyElementsOf(first.stream().map(Alert::id).toList());
        assertThat(first.get(0).id()).isNotEqualTo(first.get(1).id());
    }

    private static List<Alert> behindThenRecovered(final TopologyHarness h) {
        h.growthTarget("RETAIL_SALES", "5.0", "2023-01-10T09:00:00+08:00");
        h.cumulative("RETAIL_SALES", "2023-02", null, "2.1", "2023-03-15T09:00:00+08:00");
        h.cumulative("RETAIL_SALES", "2023-03", null, "5.4", "2023-04-15T09:00:00+08:00");
        return h.alertList();
    }

    @Test
    @DisplayName("a growth target is judged on the published cumulative growth; GDP runs by quarter")
    void growthTargetQuarterly() {
        harness.growthTarget("GDP", "6.5", "2023-01-10T09:00:00+08:00");
        harness.cumulative("GDP", "2023-Q1", "600", "6.1", "2023-04-20T09:00:00+08:00");
        harness.cumulative("GDP", "2023-S1", "1250", "7.0", "2023-07-20T09:00:00+08:00");

        final Map<String, Progress> table = harness.progressTable();
        final String gdp = TopologyHarness.REGION + "|GDP|2023";
        assertThat(table.get(gdp + "|2023-Q1").gapPp()).isEqualByComparingTo("-0.40");
        assertThat(table.get(gdp + "|2023-Q1").timeProgress()).isEqualByComparingTo("0.25");
        assertThat(table.get(gdp).judgedOn()).isEqualTo(Judgement.GROWTH);
        assertThat(table.get(gdp).gapPp()).isEqualByComparingTo("0.50");
        assertThat(table.get(gdp).timeProgress()).isEqualByComparingTo("0.5");
    }

    @Test
    @DisplayName("bad records are refused without stopping the stream; good records around them are processed")
    void badInputDoesNotStopTheStream() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.releases.pipeInput(REVENUE_KEY, "{not json");
        harness.releases.pipeInput(REVENUE_KEY, "{\"region\":\"testville\",\"indicator\":\"NO_SUCH\"}");
        harness.releases.pipeInput(REVENUE_KEY, "{\"region\":\"testville\",\"indicator\":\"BUDGET_REVENUE\","
                + "\"period\":\"2023-13\",\"value\":1,\"unit\":\"亿元\",\"publishedAt\":\"2023-07-15T09:00:00+08:00\","
                + "\"source\":\"x\"}");
        harness.releases.pipeInput("someone|else|2023", TopologyHarness.json(new io.pacewatch.domain.ReleaseDraft(
                TopologyHarness.REGION, REVENUE, "2023-06", null, new BigDecimal("60"), "亿元", null,
                "2023-07-15T09:00:00+08:00", null, "test bureau", null)));
        harness.cumulative(REVENUE, "2023-06", "60", null, "2023-07-15T09:00:00+08:00");

        final Progress latest = harness.progressTable().get(REVENUE_KEY);
        assertThat(latest.ytdValue()).isEqualByComparingTo("60");
        assertThat(latest.releaseVersions()).hasSize(1);
    }

    @Test
    @DisplayName("the query views hold the latest progress, the pace curve and the recent alerts")
    void queryViewsAreFilled() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");

        final KeyValueStore<String, byte[]> progressBytes =
                harness.driver.getKeyValueStore(PacewatchTopology.PROGRESS_VIEW_STORE);
        final java.util.function.Function<String, Progress> progressView = key ->
                Topics.progress().valueSerde().deserializer().deserialize(Topics.PROGRESS, progressBytes.get(key));
        final KeyValueStore<String, RecentAlerts> alertView =
                harness.driver.getKeyValueStore(PacewatchTopology.ALERTS_VIEW_STORE);

        assertThat(progressView.apply(REVENUE_KEY).status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(progressView.apply(REVENUE_KEY + "|2023-S1")).isNotNull();
        assertThat(alertView.get(REVENUE_KEY).alerts()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(PaceStatus.BEHIND));
    }

    @Test
    @DisplayName("upgrade: the recent alerts the last build's aggregate stored as JSON read on, and new ones go in front of them")
    void recentAlertsOfTheLastBuildReadOn() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");
        final KeyValueStore<String, RecentAlerts> alertView = harness.driver.getKeyValueStore(PacewatchTopology.ALERTS_VIEW_STORE);
        final RecentAlerts held = alertView.get(REVENUE_KEY);
        // what the aggregate over the read-back alerts topic wrote to the store and its changelog
        final byte[] legacy = io.pacewatch.wire.JsonSerde.internal(RecentAlerts.class).serializer().serialize("t", held);

        final RecentAlerts read = io.pacewatch.wire.WireSerdes.stateReadingJson(RecentAlerts.class).deserializer()
                .deserialize("t", legacy);
        harness.driver.<String, RecentAlerts>getTimestampedKeyValueStore(PacewatchTopology.ALERTS_VIEW_STORE)
                .put(REVENUE_KEY, org.apache.kafka.streams.state.ValueAndTimestamp.make(read, 1L));
        harness.cumulative(REVENUE, "2023-07", "80", null, "2023-08-15T09:00:00+08:00");

        assertThat(legacy[0]).isEqualTo((byte) '{');
        // as the API renders them: JSON keeps no decimal scale, so 6E+1 in Smile reads back from JSON as 60
        assertThat(TopologyHarness.json(read)).isEqualTo(TopologyHarness.json(held));
        assertThat(alertView.get(REVENUE_KEY).alerts()).extracting(Alert::status)
                .containsExactly(PaceStatus.AHEAD, PaceStatus.BEHIND);
    }

    @Test
    @DisplayName("accepted releases, revisions, rejections and alerts are reported for the metrics")
    void pipelineEventsAreReported() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "50", null, "2023-07-15T09:00:00+08:00");
        harness.cumulative(REVENUE, "2023-06", "51", null, "2023-07-20T09:00:00+08:00");
        harness.releases.pipeInput(REVENUE_KEY, "[]");

        assertThat(harness.events.seen).containsExactly(
                "accepted BUDGET_REVENUE", "alert CRITICAL", "revised BUDGET_REVENUE",
                "rejected pacewatch.releases WRONG_TYPE");
    }

    @Test
    @DisplayName("a figure under embargo stays hidden until the embargo ends, then appears without new input")
    void embargoLiftsOnTheClock() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.embargoed(REVENUE, "2023-06", "CUMULATIVE", "60", null, "2023-07-15T09:00:00+08:00",
                "2023-07-15T10:00:00+08:00");
        final Progress hidden = harness.progressTable().get(REVENUE_KEY);
        assertThat(hidden.ytdValue()).isNull();
        assertThat(hidden.status()).isEqualTo(PaceStatus.NO_DATA);

        harness.advance(java.time.Duration.between(TopologyHarness.START,
                java.time.Instant.parse("2023-07-15T02:00:30Z")));

        final Progress lifted = harness.progressTable().get(REVENUE_KEY);
        assertThat(lifted.ytdValue()).isEqualByComparingTo("60");
        assertThat(lifted.status()).isEqualTo(PaceStatus.ON_PACE);
    }

    @Test
    @DisplayName("a release that misses its due date makes the series overdue, alerting once; its arrival alerts again")
    void overdueReleaseAlertsOnceAndOnArrival() {
        harness.amountTarget(REVENUE, "120", "2023-01-10T09:00:00+08:00");
        harness.advance(java.time.Duration.between(TopologyHarness.START, java.time.Instant.parse("2023-03-20T15:00:00Z")));
        assertThat(harness.progressTable().get(REVENUE_KEY).status()).isEqualTo(PaceStatus.NO_DATA);

        harness.advance(java.time.Duration.ofHours(2));
        final Progress overdue = harness.progressTable().get(REVENUE_KEY);
        assertThat(overdue.status()).isEqualTo(PaceStatus.OVERDUE);
        assertThat(overdue.messageZh()).startsWith("1-2月数据逾期未发布（应于3月20日前发布）");
        harness.advance(java.time.Duration.ofDays(3));
        assertThat(harness.alertList()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.OVERDUE));

        harness.cumulative(REVENUE, "2023-02", "21", null, "2023-03-25T09:00:00+08:00");
        assertThat(harness.progressTable().get(REVENUE_KEY).status()).isEqualTo(PaceStatus.ON_PACE);
        assertThat(harness.alertList()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.RELEASED);
            assertThat(a.previousStatus()).isEqualTo(PaceStatus.OVERDUE);
        });

        harness.advance(java.time.Duration.ofDays(28));
        assertThat(harness.progressTable().get(REVENUE_KEY).messageZh()).startsWith("1-3月数据逾期未发布");
        assertThat(harness.alertList()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.OVERDUE));
    }

    @Test
    @DisplayName("exactly-once is the default processing guarantee")
    void exactlyOnceByDefault() {
        assertThat(StreamsSettings.defaults().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }
}
