package io.pacewatch.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regions pacewatch can name and group, by code. Loaded from data like the indicator catalogue.
 * A region missing from it is still judged: it is shown by its code and belongs to no peer group.
 */
public final class RegionCatalogue {

    public static final RegionCatalogue EMPTY = new RegionCatalogue(List.of());

    private final Map<String, Region> byCode = new LinkedHashMap<>();

    /** @throws IllegalArgumentException if a code is listed twice, a parent is unknown or the parents form a loop */
    public RegionCatalogue(final List<Region> regions) {
        for (final Region region : regions) {
            if (byCode.putIfAbsent(region.code(), region) != null) {
                throw new IllegalArgumentException("region " + region.code() + " is listed twice");
            }
        }
        for (final Region region : regions) {
            if (region.parent() != null && !byCode.containsKey(region.parent())) {
                throw new IllegalArgumentException("region " + region.code() + " names an unknown parent "
                        + SafeText.quote(region.parent()));
            }
            Region up = region;
            for (int depth = 0; up.parent() != null; depth++) {
                if (depth > byCode.size()) {
                    throw new IllegalArgumentException("the parents of region " + region.code() + " form a loop");
                }
                up = byCode.get(up.parent());
            }
        }
    }

    public Optional<Region> find(final String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The region's Chinese name, or its code when the catalogue does not know it. */
    public String nameZh(final String code) {
        return find(code).map(Region::nameZh).orElse(code);
    }

    /** The region's English name, or its code when the catalogue does not know it. */
    public String nameEn(final String code) {
        return find(code).map(Region::nameEn).orElse(code);
    }

    /** The code of the region's peer group (its parent), if it has one. */
    public Optional<String> peerGroupOf(final String code) {
        return find(code).map(Region::parent);
    }

    /** The regions directly under {@code parent}, in catalogue order. */
    public List<Region> childrenOf(final String parent) {
        return byCode.values().stream().filter(r -> parent.equals(r.parent())).toList();
    }

    public Collection<Region> all() {
        return byCode.values();
    }
}
