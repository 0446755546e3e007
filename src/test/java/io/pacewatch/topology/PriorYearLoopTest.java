package io.pacewatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.wire.SmileSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Last year's releases reach this year's judgement through the prior-year loop: the judge of the
 * 2022 series sends its cumulative curve to the 2023 series, usually on another partition, whatever
 * order the years' releases arrive in.
 */
class PriorYearLoopTest {

    private static final String FAI = "FIXED_ASSET_INVESTMENT";
    private static final String KEY = TopologyHarness.REGION + "|" + FAI + "|2023";

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** 380 亿元 for 2023, judged on last year's same-period share (or linear, with paceProfile null). */
    private void target(final String paceProfile, final String publishedAt) {
        final TargetDraft draft = new TargetDraft(TopologyHarness.REGION, 2023, FAI, "AMOUNT", new BigDecimal("380"), "亿元",
                paceProfile, null, null, null, publishedAt, "test work report");
        harness.targets.pipeInput(KEY, TopologyHarness.json(draft), Instant.parse(publishedAt));
    }

    /** 2022's back-loaded investment: 126 亿元 by 1–6月 of 300 for the year (42%). */
    private void lastYear(final String june, final String december, final String decemberPublishedAt) {
        harness.cumulative(FAI, "2022-06", june, null, "2022-07-15T09:00:00+08:00");
        harness.cumulative(FAI, "2022-12", december, null, decemberPublishedAt);
    }

    @Test
    @DisplayName("last year's releases arriving after this year's turn a linear fallback into last year's pace, and the status follows")
    void lastYearArrivesLate() {
        // given: this year first, judged on time progress for want of last year (163 of 380 by 1–6月: −7.11 pp)
        target("PRIOR_YEAR", "2023-01-10T09:00:00+08:00");
        harness.cumulative(FAI, "2023-06", "163", null, "2023-07-15T09:00:00+08:00");
        final Progress before = harness.progressTable().get(KEY);
        assertThat(before.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(before.priorYearFallback()).isTrue();
        harness.alertList();

        // when: last year's 1–6月 and full year come in
        lastYear("126", "300", "2023-01-20T09:00:00+08:00");

        // then: judged on 42%, +0.89 pp, with the linear gap beside it, for the latest and the month's record
        final Map<String, Progress> table = harness.progressTable();
        final Progress after = table.get(KEY);
        assertThat(after.status()).isEqualTo(PaceStatus.ON_PACE);
        assertThat(after.timeProgress()).isEqualByComparingTo("0.42");
        assertThat(after.gapPp()).isEqualByComparingTo("0.89");
        assertThat(after.linearGapPp()).isEqualByComparingTo("-7.11");
        assertThat(after.priorYearFallback()).isNull();
        assertThat(table.get(KEY + "|2023-S1").priorYearShare()).isEqualByComparingTo("0.42");
        final List<Alert> alerts = harness.alertList();
        assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.RECOVERED);
        assertThat(alerts.get(0).status()).isEqualTo(PaceStatus.ON_PACE);
    }

    @Test
    @DisplayName("last year's releases arriving first are waiting when this year's come, and a linear target shows both gaps")
    void lastYearFirst() {
        // given
        lastYear("126", "300", "2023-01-20T09:00:00+08:00");
        target(null, "2023-01-10T09:00:00+08:00");

        // when
        harness.cumulative(FAI, "2023-06", "163", null, "2023-07-15T09:00:00+08:00");

        // then: the status stays on time progress; last year's gap is shown beside it
        final Progress progress = harness.progressTable().get(KEY);
        assertThat(progress.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(progress.gapPp()).isEqualByComparingTo("-7.11");
        assertThat(progress.priorYearShare()).isEqualByComparingTo("0.42");
        assertThat(progress.priorYearGapPp()).isEqualByComparingTo("0.89");
        assertThat(progress.linearGapPp()).isNull();
        assertThat(progress.messageZh()).endsWith("比上年同期进度快0.9个百分点");
    }

    @Test
    @DisplayName("a revision of last year's full year moves this year's judgement; the same figure sent again moves nothing")
    void revisionOfLastYear() {
        // given
        target("PRIOR_YEAR", "2023-01-10T09:00:00+08:00");
        lastYear("126", "300", "2023-01-20T09:00:00+08:00");
        harness.cumulative(FAI, "2023-06", "163", null, "2023-07-15T09:00:00+08:00");
        assertThat(harness.progressTable().get(KEY).status()).isEqualTo(PaceStatus.ON_PACE);
        harness.alertList();

        // when: December revised from 300 to 252 (1–6月 is then 50% of the year)
        harness.cumulative(FAI, "2022-12", "252", null, "2023-03-01T09:00:00+08:00");

        // then: 42.89% against 50%: −7.11 pp, behind
        final Progress revised = harness.progressTable().get(KEY);
        assertThat(revised.priorYearShare()).isEqualByComparingTo("0.5");
        assertThat(revised.status()).isEqualTo(PaceStatus.BEHIND);
        assertThat(revised.updatedAt()).isEqualTo(Instant.parse("2023-07-15T01:00:00Z"));
        assertThat(harness.alertList()).extracting(Alert::status).containsExactly(PaceStatus.BEHIND);

        // when: the revision arrives a second time
        harness.cumulative(FAI, "2022-12", "252", null, "2023-03-01T09:00:00+08:00");

        // then
        assertThat(harness.progressUpdates()).isEmpty();
        assertThat(harness.alertList()).isEmpty();
    }

    @Test
    @DisplayName("a target changed to PRIOR_YEAR is judged at once on the curve already kept beside the series")
    void targetChange() {
        // given
        lastYear("126", "300", "2023-01-20T09:00:00+08:00");
        target(null, "2023-01-10T09:00:00+08:00");
        harness.cumulative(FAI, "2023-06", "163", null, "2023-07-15T09:00:00+08:00");
        assertThat(harness.progressTable().get(KEY).status()).isEqualTo(PaceStatus.BEHIND);

        // when
        target("PRIOR_YEAR", "2023-07-20T09:00:00+08:00");

        // then
        final Progress progress = harness.progressTable().get(KEY);
        assertThat(progress.status()).isEqualTo(PaceStatus.ON_PACE);
        assertThat(progress.gapPp()).isEqualByComparingTo("0.89");
    }

    @Test
    @DisplayName("last year's series publishes nothing of its own without a target, and a growth-only indicator sends no curve")
    void nothingSpurious() {
        // when: last year's figures alone, and a growth-only indicator of this year
        lastYear("126", "300", "2023-01-20T09:00:00+08:00");
        harness.cumulative("INDUSTRIAL_VALUE_ADDED", "2022-06", null, "4.1", "2022-07-15T09:00:00+08:00");

        // then: only the records of the series that received figures, none for 2023 or 2024
        assertThat(harness.progressTable().keySet()).allMatch(k -> k.contains("|2022"));
    }

    @Test
    @DisplayName("state from a build before the loop: a finished year's series sends its curve once, at the first clock tick")
    void curvesOfEarlierBuildsAreSentOnce() {
        // given: last year's series as an earlier build stored it (its figures, no curve sent)
        final ReleaseHistory history = io.pacewatch.domain.Releases.history(
                io.pacewatch.domain.Releases.fixedAssetInvestment().region(TopologyHarness.REGION)
                        .period("2022-06", "CUMULATIVE").value("126").publishedAt("2022-07-15T09:00:00+08:00").build(),
                io.pacewatch.domain.Releases.fixedAssetInvestment().region(TopologyHarness.REGION)
                        .period("2022-12", "CUMULATIVE").value("300").publishedAt("2023-01-20T09:00:00+08:00").build());
        final String lastYearKey = TopologyHarness.REGION + "|" + FAI + "|2022";
        harness.driver.<String, byte[]>getKeyValueStore(PacewatchTopology.RELEASE_HISTORY_STORE)
                .put(lastYearKey, SeriesStates.encode(new SeriesState(history, EmittedState.NOTHING, 0)));

        // when: the clock ticks, then this year's target and figures come
        harness.advance(java.time.Duration.ofSeconds(1));
        target("PRIOR_YEAR", "2023-01-10T09:00:00+08:00");
        harness.cumulative(FAI, "2023-06", "163", null, "2023-07-15T09:00:00+08:00");

        // then
        assertThat(harness.progressTable().get(KEY).priorYearShare()).isEqualByComparingTo("0.42");
        assertThat(SeriesStates.decode(harness.driver.<String, byte[]>getKeyValueStore(
                PacewatchTopology.RELEASE_HISTORY_STORE).get(lastYearKey)).curveSent()).isNotNull();
        assertThat(harness.driver.<String, String>getKeyValueStore(SeriesJudgeProcessor.RECHECK_STORE)
                .get(SeriesJudgeProcessor.CURVES_SWEPT)).isNotNull();
    }

    @Test
    @DisplayName("the series state keeps last year's curve and what was sent, through its serde, as the changelog restores it")
    void stateRoundTrip() {
        // given
        final CumulativeCurve curve = new CumulativeCurve(2022, List.of(new CumulativeCurve.Point(6, new BigDecimal("126")),
                new CumulativeCurve.Point(12, new BigDecimal("300"))), Instant.parse("2023-01-20T01:00:00Z"));
        final SeriesState state = new SeriesState(ReleaseHistory.EMPTY, EmittedState.NOTHING, 5, curve, 42L);
        final SmileSerde<SeriesState> serde = SmileSerde.refusingJson(SeriesState.class);

        // when
        final SeriesState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        // then
        assertThat(read).isEqualTo(state);
        assertThat(read.isEmpty()).isFalse();
        final SeriesState without = new SeriesState(ReleaseHistory.EMPTY, EmittedState.NOTHING, 5);
        assertThat(new String(serde.serializer().serialize("t", without), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("priorYear").doesNotContain("curveSent");
    }
}
