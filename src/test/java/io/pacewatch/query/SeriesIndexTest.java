package io.pacewatch.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.SeriesKey;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Json;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {

    @Test
    @DisplayName("The page's index names the regions the catalogue knows; an unknown region keeps the code alone")
    void namedIndex() throws Exception {
        // given: the parts of two instances, as they exchange them (keys alone)
        final SeriesIndex one = SeriesIndex.of(List.of(new SeriesKey("luohu", "GDP", 2023)));
        final SeriesIndex two = SeriesIndex.of(List.of(new SeriesKey("testville", "GDP", 2024),
                new SeriesKey("luohu", "GDP", 2024)));

        // when
        final SeriesIndex named = SeriesIndex.merge(List.of(one, two)).named(CatalogueLoader.bundledRegions());

        // then
        assertThat(Json.MAPPER.writeValueAsString(named)).isEqualTo("{\"regions\":["
                + "{\"region\":\"luohu\",\"years\":[2023,2024],\"nameZh\":\"罗湖区\",\"nameEn\":\"Luohu District\"},"
                + "{\"region\":\"testville\",\"years\":[2024]}],"
                + "\"years\":[2023,2024],\"indicators\":[\"GDP\"]}");
        assertThat(Json.MAPPER.writeValueAsString(one)).doesNotContain("name");
    }

    @Test
    @DisplayName("A named index from a newer instance still merges: the names are read and dropped")
    void namedPartsMerge() throws Exception {
        final String newer = "{\"regions\":[{\"region\":\"luohu\",\"years\":[2023],\"nameZh\":\"罗湖区\",\"nameEn\":\"Luohu District\"}],"
                + "\"years\":[2023],\"indicators\":[\"GDP\"]}";

        final SeriesIndex part = Json.MAPPER.readValue(newer, SeriesIndex.class);

        assertThat(SeriesIndex.merge(List.of(part)).regions())
                .containsExactly(new SeriesIndex.RegionYears("luohu", List.of(2023)));
    }
}
