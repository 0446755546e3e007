package io.pacewatch.domain;

import java.util.Objects;

/**
 * A region as the region catalogue describes it: the {@code code} used in keys and labels, the names
 * a person reads, its level and the code of the region it belongs to ({@code parent}, null at the top).
 * The regions sharing a parent are its peer group.
 */
public record Region(String code, String nameZh, String nameEn, RegionLevel level, String parent) {

    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(level, "level");
        if (code.indexOf('|') >= 0) {
            throw new IllegalArgumentException("region code " + SafeText.quote(code) + " contains '|', the key separator");
        }
    }
}
