package io.pacewatch.domain.brief;

import io.pacewatch.domain.PeerRank;
import io.pacewatch.domain.Progress;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a progress record may tell beyond pace against its own target: the peer rank and the gap
 * against last year's same-period share. Read through this seam so the brief shows them where the
 * records carry them and leaves the columns empty where they do not.
 */
public interface RowExtras {

    RowExtras NONE = new RowExtras() {
    };

    /** What the progress records carry: the peer rank where the region is ranked in a peer group. */
    RowExtras RECORDED = new RowExtras() {
        @Override
        public Optional<PeerRank> peer(final Progress progress) {
            if (progress.peerGroup() == null || progress.peerRank() == null || progress.peerCount() == null) {
                return Optional.empty();
            }
            return Optional.of(new PeerRank(progress.peerGroup(), progress.peerRank(), progress.peerCount(),
                    Boolean.TRUE.equals(progress.peerRankTied())));
        }
    };

    default Optional<PeerRank> peer(final Progress progress) {
        return Optional.empty();
    }

    /** Completion minus last year's same-period share, in points; empty when no prior year is known. */
    default Optional<BigDecimal> priorYearGapPp(final Progress progress) {
        return Optional.empty();
    }
}
