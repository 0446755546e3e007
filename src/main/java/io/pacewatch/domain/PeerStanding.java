package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What ranking needs of one region's standing in one month: the figures it may be ranked by and
 * what they are measured against. Rank fields of the progress record are left out on purpose, so a
 * record republished only because its rank changed is the same standing and ranks nothing again.
 */
public record PeerStanding(String region, TargetKind targetKind, BigDecimal cumulativeGrowthPercent, BigDecimal gapPp,
                           PaceStatus status) {

    public PeerStanding {
        Objects.requireNonNull(region, "region");
    }

    public static PeerStanding of(final Progress progress) {
        return new PeerStanding(progress.region(), progress.targetKind(), progress.cumulativeGrowthPercent(),
                progress.gapPp(),
                progress.judgedStatus() == null ? progress.status() : progress.judgedStatus());
    }
}
