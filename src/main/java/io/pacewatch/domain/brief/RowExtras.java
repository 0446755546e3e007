package io.pacewatch.domain.brief;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a progress record may tell beyond pace against its own target: the peer rank and the gap
 * against last year's same-period share. Read through this seam so the brief shows them where the
 * records carry them and leaves the columns empty where they do not.
 */
public interface RowExtras {

    RowExtras NONE = new RowExtras() {
    };

    /**
     * What the progress records carry: the peer rank where the region is ranked in a peer group, and
     * the same-period pace (上年同期进度) where last year's share at the month is known.
     */
    RowExtras RECORDED = new RowExtras() {
        @Override
        public Optional<PeerRank> peer(final Progress progress) {
            if (progress.peerGroup() == null || progress.peerRank() == null || progress.peerCount() == null) {
                return Optional.empty();
            }
            return Optional.of(new PeerRank(progress.peerGroup(), progress.peerRank(), progress.peerCount(),
                    Boolean.TRUE.equals(progress.peerRankTied())));
        }

        @Override
        public Optional<BigDecimal> priorYearShare(final Progress progress) {
            return Optional.ofNullable(progress.priorYearShare());
        }

        @Override
        public Optional<BigDecimal> priorYearGapPp(final Progress progress) {
            return Optional.ofNullable(progress.priorYearGapPp());
        }

        @Override
        public boolean priorYearFallback(final Progress progress) {
            return Boolean.TRUE.equals(progress.priorYearFallback());
        }
    };

    default Optional<PeerRank> peer(final Progress progress) {
        return Optional.empty();
    }

    /** These extras with the peer rank read elsewhere (an earlier month's brief reads it from that month's ranking). */
    default RowExtras withPeer(final Function<Progress, Optional<PeerRank>> rank) {
        final RowExtras others = this;
        return new RowExtras() {
            @Override
            public Optional<PeerRank> peer(final Progress progress) {
                return rank.apply(progress);
            }

            @Override
            public Optional<BigDecimal> priorYearShare(final Progress progress) {
                return others.priorYearShare(progress);
            }

            @Override
            public Optional<BigDecimal> priorYearGapPp(final Progress progress) {
                return others.priorYearGapPp(progress);
            }

            @Override
            public boolean priorYearFallback(final Progress progress) {
                return others.priorYearFallback(progress);
            }
        };
    }

    /** Last year's cumulative share of its full year at the same month (a fraction); empty when not known. */
    default Optional<BigDecimal> priorYearShare(final Progress progress) {
        return Optional.empty();
    }

    /** Completion minus last year's same-period share, in points; empty when no prior year is known. */
    default Optional<BigDecimal> priorYearGapPp(final Progress progress) {
        return Optional.empty();
    }

    /** The target asked for last year's pace but last year was incomplete, so the row was judged on linear time progress. */
    default boolean priorYearFallback(final Progress progress) {
        return false;
    }
}
