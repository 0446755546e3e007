package io.pacewatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.wire.CatalogueLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionCatalogueTest {

    private static final Region CITY = new Region("c", "某市", "C City", RegionLevel.CITY, null);

    @Test
    void theBundledCatalogueNamesTheSeedCitysDistrictsUnderOneParent() {
        final RegionCatalogue bundled = CatalogueLoader.bundledRegions();
        assertThat(bundled.nameZh("luohu")).isEqualTo("罗湖区");
        assertThat(bundled.nameEn("luohu")).isEqualTo("Luohu District");
        assertThat(bundled.peerGroupOf("luohu")).contains("shenzhen");
        assertThat(bundled.childrenOf("shenzhen")).hasSize(10)
                .allSatisfy(r -> assertThat(r.level()).isEqualTo(RegionLevel.DISTRICT));
    }

    @Test
    void anUnknownRegionIsShownByItsCodeAndHasNoPeerGroup() {
        final RegionCatalogue catalogue = new RegionCatalogue(List.of(CITY));
        assertThat(catalogue.nameZh("r-0042")).isEqualTo("r-0042");
        assertThat(catalogue.peerGroupOf("r-0042")).isEmpty();
        assertThat(catalogue.peerGroupOf("c")).isEmpty();
    }

    @Test
    void refusesDuplicatesUnknownParentsAndLoops() {
        assertThatThrownBy(() -> new RegionCatalogue(List.of(CITY, CITY))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new RegionCatalogue(List.of(
                new Region("d", "区", "D", RegionLevel.DISTRICT, "nowhere")))).hasMessageContaining("unknown parent");
        assertThatThrownBy(() -> new RegionCatalogue(List.of(
                new Region("a", "甲", "A", RegionLevel.CITY, "b"),
                new Region("b", "乙", "B", RegionLevel.CITY, "a")))).hasMessageContaining("loop");
        assertThatThrownBy(() -> new Region("a|b", "甲", "A", RegionLevel.CITY, null)).hasMessageContaining("separator");
    }
}
