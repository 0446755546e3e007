package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.PaceAssessor;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Region;
import io.pacewatch.domain.RegionLevel;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.YearToDateCalculator;
import io.pacewatch.wire.CatalogueLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FeedPrinterTest {

    @Test
    @DisplayName("The demo prints a standing with the region's and the indicator's names, the code only when unnamed")
    void progressLineNamesTheRegion() {
        final var indicator = CatalogueLoader.bundled().require("GDP");
        final Region luohu = new Region("luohu", "罗湖区", "Luohu District", RegionLevel.DISTRICT, "shenzhen");
        final Progress named = PaceAssessor.assess(indicator, luohu, new SeriesKey("luohu", "GDP", 2023), null,
                YearToDateCalculator.asOf(List.of(), 0), Instant.EPOCH);
        final Progress unnamed = PaceAssessor.assess(indicator, new SeriesKey("testville", "GDP", 2023), null,
                YearToDateCalculator.asOf(List.of(), 0), Instant.EPOCH);

        assertThat(FeedPrinter.progressLine(named)).isEqualTo("  NO_DATA        罗湖区 地区生产总值：" + named.messageZh());
        assertThat(FeedPrinter.progressLine(unnamed)).isEqualTo("  NO_DATA        testville 地区生产总值：" + unnamed.messageZh());
    }
}
