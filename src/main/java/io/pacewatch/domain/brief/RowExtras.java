package io.pacewatch.domain.brief;

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

    default Optional<PeerStanding> peer(final Progress progress) {
        return Optional.empty();
    }

    /** Completion minus last year's same-period share, in points; empty when no prior year is known. */
    default Optional<BigDecimal> priorYearGapPp(final Progress progress) {
        return Optional.empty();
    }
}
