package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.Targets;
import io.pacewatch.domain.YearToDateCalculator;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The service's collector keeps what it made of each progress record between scrapes: its scrape must
 * be the very same text as one that decodes every record afresh (the collector as it was), before
 * and after records change, appear and disappear ({@link ScrapeCacheTest} checks that only changed
 * records are decoded again).
 */
class ProgressCollectorDecodingTest {

    private static final Progress REVENUE = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("60").build());
    private static final Progress REVENUE_LATER = assess("BUDGET_REVENUE", Targets.budgetRevenue127().build(),
            Releases.budgetRevenue().cumulativeThrough(6).value("66").build());
    private static final Progress RETAIL = assess("RETAIL_SALES", Targets.growth("RETAIL_SALES", "5.0").build(),
            Releases.retailSales().cumulativeThrough(6).value("200").growth("4.2").build());

    /** What the progress view holds: key and the progress topic's bytes. */
    private final List<KeyValue<String, byte[]>> store = new ArrayList<>();
    private final PrometheusMeterRegistry kept = registry(ProgressCollector.decoding(() -> List.copyOf(store)));
    private final PrometheusMeterRegistry fresh = registry(new ProgressCollector(() -> store.stream()
            .map(kv -> Topics.progress().valueSerde().deserializer().deserialize(Topics.PROGRESS, kv.value))
            .toList()));

    @Test
    @DisplayName("the same scrape as decoding every record, as records change, appear and go")
    void sameAsDecodingEveryRecord() {
        put(REVENUE);
        put(RETAIL);
        assertSame();

        put(REVENUE_LATER);
        assertThat(kept.scrape()).contains("pacewatch_ytd_amount_yuan{indicator=\"BUDGET_REVENUE\",region=\"luohu\","
                + "year=\"2023\"} 6.6E9");
        assertSame();

        store.removeIf(kv -> kv.key.equals(ProgressQueries.key(RETAIL)));
        assertThat(kept.scrape()).doesNotContain("indicator=\"RETAIL_SALES\",region=\"luohu\"");
        assertSame();
    }

    private void assertSame() {
        assertThat(kept.scrape()).isEqualTo(fresh.scrape());
    }

    /** Replaces the record of the series, as a new progress record on the compacted topic does. */
    private void put(final Progress progress) {
        final String key = ProgressQueries.key(progress);
        store.removeIf(kv -> kv.key.equals(key));
        store.add(KeyValue.pair(key, Topics.progress().valueSerde().serializer().serialize(Topics.PROGRESS, progress)));
    }

    private static PrometheusMeterRegistry registry(final ProgressCollector collector) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.getPrometheusRegistry().register(collector);
        return registry;
    }

    private static Progress assess(final String indicator, final Target target, final Release... releases) {
        final List<Release> latest = Releases.history(releases).latestPerSlot(Releases.LATER);
        return PaceAssessor.assess(Releases.indicator(indicator), Releases.series(indicator), target,
                YearToDateCalculator.asOf(latest, 12), Instant.parse("2023-07-15T01:30:00Z"));
    }
}
