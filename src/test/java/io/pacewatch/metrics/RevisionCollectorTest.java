package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.Releases;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The revision gauges as /metrics serves them: a Micrometer Prometheus registry scraped as text. */
class RevisionCollectorTest {

    private static final ReleaseHistory REVENUE = Releases.history(
            Releases.budgetRevenue().cumulativeThrough(5).value("49").publishedAt("2023-06-12T09:30:00+08:00").build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("56").publishedAt("2023-07-12T09:30:00+08:00").build(),
            Releases.budgetRevenue().cumulativeThrough(5).value("50.2").publishedAt("2023-07-20T09:30:00+08:00")
                    .revision(1).build());
    private static final ReleaseHistory INDUSTRY = Releases.history(
            Releases.industrialValueAdded().cumulativeThrough(5).growth("1.2").build(),
            Releases.industrialValueAdded().cumulativeThrough(5).growth("1.3").revision(1)
                    .embargoUntil("2023-07-01T09:30:00+08:00").build());
    private static final ReleaseHistory RETAIL = Releases.history(
            Releases.retailSales().cumulativeThrough(5).value("781").growth("5.1").build());

    private final AtomicReference<Instant> now = new AtomicReference<>(Releases.LATER);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    RevisionCollectorTest() {
        registry.getPrometheusRegistry().register(new RevisionCollector(() -> List.of(REVENUE, INDUSTRY, RETAIL),
                Releases.CATALOGUE, now::get));
    }

    @Test
    @DisplayName("the demo's correction of 1-5月 revenue shows as +1.2 亿元 (in yuan), +2.45%, month 5, published 20 July")
    void amountRevision() {
        final String scrape = registry.scrape();

        assertThat(scrape).contains("pacewatch_latest_revision_change_amount_yuan{indicator=\"BUDGET_REVENUE\","
                + "region=\"luohu\",year=\"2023\"} 1.2E8");
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_change_ratio", "BUDGET_REVENUE")).hasValue(0.0245);
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_month", "BUDGET_REVENUE")).hasValue(5.0);
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_timestamp_seconds", "BUDGET_REVENUE"))
                .hasValueSatisfying(t -> assertThat(t).isCloseTo(
                        Instant.parse("2023-07-20T01:30:00Z").getEpochSecond(), within(0.5)));
        assertThat(Scrapes.value(scrape, "pacewatch_revised_periods", "BUDGET_REVENUE")).hasValue(1.0);
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_growth_change_ratio", "BUDGET_REVENUE"))
                .isEmpty();
    }

    @Test
    @DisplayName("a growth revision moves as a ratio (0.1 pp = 0.001); an unrevised series counts 0 periods and nothing else")
    void growthRevisionAndUnrevisedSeries() {
        final String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_growth_change_ratio", "INDUSTRIAL_VALUE_ADDED"))
                .hasValue(0.001);
        assertThat(scrape).doesNotContainPattern("pacewatch_latest_revision_[a-z_]+\\{[^}]*(unit|indicator_name)=");
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_change_amount_yuan", "INDUSTRIAL_VALUE_ADDED")).isEmpty();
        assertThat(Scrapes.value(scrape, "pacewatch_latest_revision_change_ratio", "INDUSTRIAL_VALUE_ADDED")).isEmpty();

        assertThat(Scrapes.value(scrape, "pacewatch_revised_periods", "RETAIL_SALES")).hasValue(0.0);
        assertThat(scrape).doesNotContainPattern("pacewatch_latest_revision_[a-z_]+\\{[^}]*RETAIL_SALES");
    }

    @Test
    @DisplayName("a correction under embargo is left out until its embargo ends")
    void embargoedRevision() {
        now.set(Instant.parse("2023-06-30T00:00:00Z"));
        final String during = registry.scrape();
        assertThat(Scrapes.value(during, "pacewatch_revised_periods", "INDUSTRIAL_VALUE_ADDED")).hasValue(0.0);
        assertThat(Scrapes.value(during, "pacewatch_latest_revision_month", "INDUSTRIAL_VALUE_ADDED")).isEmpty();

        now.set(Instant.parse("2023-07-01T01:30:00Z"));
        assertThat(Scrapes.value(registry.scrape(), "pacewatch_revised_periods", "INDUSTRIAL_VALUE_ADDED")).hasValue(1.0);
    }

    @Test
    @DisplayName("with no local histories (none held, or the stores rebalancing) the gauges have no series")
    void noSeries() {
        final PrometheusMeterRegistry empty = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        empty.getPrometheusRegistry().register(new RevisionCollector(List::of, Releases.CATALOGUE, Instant::now));
        assertThat(empty.scrape()).doesNotContain("pacewatch_revised_periods{");
    }
}
