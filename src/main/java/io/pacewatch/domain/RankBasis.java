package io.pacewatch.domain;

/**
 * What a peer ranking compares. Districts are ranked by growth (增速排名) where their targets are
 * growth rates, and by completion against time progress (完成进度排名) where they are amounts.
 */
public enum RankBasis {
    /** The published cumulative growth, in percent: the higher, the better. */
    CUMULATIVE_GROWTH,
    /** The pace gap in points (completion − time progress for an amount target): the higher, the better. */
    PACE_GAP;

    /**
     * The basis of one group in one month: the pace gap as soon as one member has an amount target,
     * since growth says nothing of an amount's completion; otherwise growth, which members without a
     * target have too. A group never mixes the two measures.
     */
    public static RankBasis of(final java.util.Collection<PeerStanding> standings) {
        return standings.stream().anyMatch(s -> s.targetKind() == TargetKind.AMOUNT) ? PACE_GAP : CUMULATIVE_GROWTH;
    }

    /** The figure this basis compares, or null when the standing has none (the region is then not ranked). */
    public java.math.BigDecimal figureOf(final PeerStanding standing) {
        return this == CUMULATIVE_GROWTH ? standing.cumulativeGrowthPercent() : standing.gapPp();
    }
}
