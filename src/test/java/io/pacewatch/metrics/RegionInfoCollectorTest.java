package io.pacewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.wire.CatalogueLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegionInfoCollectorTest {

    @Test
    @DisplayName("pacewatch_region_info names every catalogue region once, with its parent and level")
    void oneInfoSeriesPerRegion() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final var regions = CatalogueLoader.bundledRegions();
        registry.getPrometheusRegistry().register(new RegionInfoCollector(regions));

        final String scrape = registry.scrape();

        assertThat(scrape).contains("# TYPE pacewatch_region_info gauge",
                "pacewatch_region_info{level=\"district\",name_en=\"Luohu District\",name_zh=\"罗湖区\",parent=\"shenzhen\","
                        + "region=\"luohu\"} 1");
        assertThat(scrape).contains("pacewatch_region_info{level=\"nation\",name_en=\"China\",name_zh=\"全国\",parent=\"\",region=\"china\"} 1");
        assertThat(scrape.lines().filter(l -> l.startsWith("pacewatch_region_info{")).count())
                .isEqualTo(regions.all().size());
    }
}
