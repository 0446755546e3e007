package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AlertPolicyTest {

    private static final Instant UPDATED_AT = Instant.parse("2023-07-15T01:30:00Z");

    /**
     * A real assessment with the wanted status: budget revenue against a 100 亿元 target as of June
     * (time progress 50%), with the year-to-date amount chosen to land in that status.
     */
    private static Progress progress(final PaceStatus status) {
        final Target target = Targets.budgetRevenue127().value("100").build();
        return switch (status) {
            case AHEAD -> june(target, "56", 0);
            case ON_PACE -> june(target, "52", 0);
            case AT_RISK -> june(target, "47", 0);
            case BEHIND -> june(target, "40", 0);
            case NO_DATA -> assess(target);
            case NOT_ASSESSABLE -> assess(null, Releases.budgetRevenue().cumulativeThrough(6).value("40").build());
            case OVERDUE -> june(target, "52", 0).overdue("7月数据逾期未发布", "the July release is overdue");
        };
    }

    private static Progress june(final Target target, final String ytd, final int revision) {
        return assess(target, Releases.budgetRevenue().cumulativeThrough(6).value(ytd).revision(revision).build());
    }

    private static Progress assess(final Target target, final Release... releases) {
        return PaceAssessor.assess(Releases.indicator("BUDGET_REVENUE"), Releases.series("BUDGET_REVENUE"), target,
                YearToDateCalculator.asOf(List.of(releases), 12), UPDATED_AT);
    }

    @ParameterizedTest(name = "{0} → {1} alerts {2} with severity {3}")
    @CsvSource({
        "ON_PACE,  AT_RISK,  WORSENED,  WARNING",
        "AHEAD,    AT_RISK,  WORSENED,  WARNING",
        "ON_PACE,  BEHIND,   WORSENED,  CRITICAL",
        "AT_RISK,  BEHIND,   WORSENED,  CRITICAL",
        "BEHIND,   AT_RISK,  IMPROVED,  INFO",
        "BEHIND,   ON_PACE,  RECOVERED, INFO",
        "AT_RISK,  ON_PACE,  RECOVERED, INFO",
        "AT_RISK,  AHEAD,    RECOVERED, INFO",
        "BEHIND,   AHEAD,    RECOVERED, INFO",
    })
    @DisplayName("A change of concern (fine → at risk → behind, and back) is one alert of the right kind and severity")
    void alertsOnChangeOfConcern(final PaceStatus before, final PaceStatus now, final AlertKind kind,
                                 final Severity severity) {
        // given
        final Progress current = progress(now);

        // when
        final Optional<Alert> alert = AlertPolicy.decide(before, current);

        // then
        assertThat(alert).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(kind);
            assertThat(a.severity()).isEqualTo(severity);
            assertThat(a.previousStatus()).isEqualTo(before);
            assertThat(a.status()).isEqualTo(now);
        });
    }

    @ParameterizedTest(name = "{0} → {1} is quiet")
    @CsvSource({
        "AHEAD,   ON_PACE",
        "ON_PACE, AHEAD",
        "ON_PACE, ON_PACE",
        "AT_RISK, AT_RISK",
        "BEHIND,  BEHIND",
    })
    @DisplayName("No alert when the concern stays the same; ahead and on pace are the same concern")
    void quietWithoutChangeOfConcern(final PaceStatus before, final PaceStatus now) {
        // when / then
        assertThat(AlertPolicy.decide(before, progress(now))).isEmpty();
    }

    @ParameterizedTest(name = "nothing judged before, now {0}: {1}")
    @CsvSource({
        "AHEAD,   ",
        "ON_PACE, ",
        "AT_RISK, WORSENED",
        "BEHIND,  WORSENED",
    })
    @DisplayName("The first judgement alerts only if it is of concern, coming from 'no data'")
    void firstJudgement(final PaceStatus now, final AlertKind kind) {
        // when
        final Optional<Alert> alert = AlertPolicy.decide(null, progress(now));

        // then
        if (kind == null) {
            assertThat(alert).isEmpty();
        } else {
            assertThat(alert).hasValueSatisfying(a -> {
                assertThat(a.kind()).isEqualTo(kind);
                assertThat(a.previousStatus()).isEqualTo(PaceStatus.NO_DATA);
            });
        }
    }

    @ParameterizedTest(name = "after {0}, a status of no data or not assessable is quiet")
    @EnumSource(PaceStatus.class)
    @DisplayName("NO_DATA and NOT_ASSESSABLE judge nothing and never alert")
    void unjudgedNeverAlerts(final PaceStatus before) {
        // when / then
        assertThat(AlertPolicy.decide(before, progress(PaceStatus.NO_DATA))).isEmpty();
        assertThat(AlertPolicy.decide(before, progress(PaceStatus.NOT_ASSESSABLE))).isEmpty();
    }

    @Test
    @DisplayName("The alert carries the series, the period, the figures that caused it and a message in both languages")
    void alertContent() {
        // given
        final Progress current = progress(PaceStatus.BEHIND);

        // when
        final Alert alert = AlertPolicy.decide(PaceStatus.ON_PACE, current).orElseThrow();

        // then
        assertThat(alert.region()).isEqualTo("luohu");
        assertThat(alert.indicator()).isEqualTo("BUDGET_REVENUE");
        assertThat(alert.year()).isEqualTo(2023);
        assertThat(alert.period()).isEqualTo("2023-S1");
        assertThat(alert.occurredAt()).isEqualTo(UPDATED_AT);
        assertThat(alert.figures()).isEqualTo(current);
        assertThat(alert.messageZh())
                .startsWith("【滞后】luohu 地方一般公共预算收入由“正常”转为“滞后”：")
                .endsWith(current.messageZh());
        assertThat(alert.messageEn()).startsWith("[CRITICAL] luohu Local general public budget revenue moved from on pace to behind: ");
    }

    @Test
    @DisplayName("A region the catalogue names is named in both messages; the alert id stays the one built from codes")
    void namedRegion() {
        // given: the same June figures, once with the catalogue's region and once without
        final Target target = Targets.budgetRevenue127().value("100").build();
        final Release june = Releases.budgetRevenue().cumulativeThrough(6).value("40").build();
        final Region luohu = new Region("luohu", "罗湖区", "Luohu District", RegionLevel.DISTRICT, "shenzhen");
        final Progress named = PaceAssessor.assess(Releases.indicator("BUDGET_REVENUE"), luohu,
                Releases.series("BUDGET_REVENUE"), target, YearToDateCalculator.asOf(List.of(june), 12), UPDATED_AT);
        final Progress unnamed = assess(target, june);

        // when
        final Alert alert = AlertPolicy.decide(PaceStatus.ON_PACE, named).orElseThrow();

        // then
        assertThat(alert.messageZh()).startsWith("【滞后】罗湖区 地方一般公共预算收入由“正常”转为“滞后”：");
        assertThat(alert.messageEn()).startsWith("[CRITICAL] Luohu District Local general public budget revenue moved from on pace to behind: ");
        assertThat(alert.region()).isEqualTo("luohu");
        assertThat(alert.id()).isEqualTo(AlertPolicy.decide(PaceStatus.ON_PACE, unnamed).orElseThrow().id());
        assertThat(unnamed.regionNameZh()).isNull();
        assertThat(unnamed.regionDisplayEn()).isEqualTo("luohu");
    }

    @Test
    @DisplayName("The same inputs always give the same alert id")
    void idIsStable() {
        // given: two independent assessments of the same figures
        final Progress first = progress(PaceStatus.AT_RISK);
        final Progress second = progress(PaceStatus.AT_RISK);

        // when
        final String id1 = AlertPolicy.decide(PaceStatus.ON_PACE, first).orElseThrow().id();
        final String id2 = AlertPolicy.decide(PaceStatus.ON_PACE, second).orElseThrow().id();

        // then
        assertThat(id1).isEqualTo(id2).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    @DisplayName("Alert ids differ when a release version differs")
    void idDependsOnReleaseVersion() {
        // given: the same status from revision 0 and revision 1 of the figure
        final Target target = Targets.budgetRevenue127().value("100").build();
        final Progress revision0 = june(target, "47", 0);
        final Progress revision1 = june(target, "47", 1);

        // when
        final String id0 = AlertPolicy.decide(PaceStatus.ON_PACE, revision0).orElseThrow().id();
        final String id1 = AlertPolicy.decide(PaceStatus.ON_PACE, revision1).orElseThrow().id();

        // then
        assertThat(id0).isNotEqualTo(id1);
    }

    @Test
    @DisplayName("Alert ids differ when the transition differs")
    void idDependsOnTransition() {
        // given
        final Progress behind = progress(PaceStatus.BEHIND);

        // when
        final String fromOnPace = AlertPolicy.decide(PaceStatus.ON_PACE, behind).orElseThrow().id();
        final String fromAtRisk = AlertPolicy.decide(PaceStatus.AT_RISK, behind).orElseThrow().id();

        // then
        assertThat(fromOnPace).isNotEqualTo(fromAtRisk);
    }

    @Test
    @DisplayName("Alert ids differ when the target was republished")
    void idDependsOnTargetVersion() {
        // given
        final Release release = Releases.budgetRevenue().cumulativeThrough(6).value("47").build();
        final Progress original = assess(Targets.budgetRevenue127().value("100").build(), release);
        final Progress republished = assess(Targets.budgetRevenue127().value("100")
                .publishedAt("2023-06-01T09:00:00+08:00").build(), release);

        // when
        final String id1 = AlertPolicy.decide(PaceStatus.ON_PACE, original).orElseThrow().id();
        final String id2 = AlertPolicy.decide(PaceStatus.ON_PACE, republished).orElseThrow().id();

        // then
        assertThat(id1).isNotEqualTo(id2);
    }
}
