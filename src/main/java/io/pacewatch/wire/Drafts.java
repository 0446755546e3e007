package io.pacewatch.wire;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import java.time.Instant;

/**
 * Writes validated records back in the message format publishers use, in the indicator's unit and
 * canonical period codes, so that they pass validation again unchanged.
 */
public final class Drafts {

    private Drafts() {
    }

    public static ReleaseDraft of(final Release release) {
        return new ReleaseDraft(release.region(), release.indicator(), release.period().code(), release.basis().name(),
                release.value(), release.unit() == null ? null : release.unit().name(),
                release.growthPercent(), text(release.publishedAt()),
                release.revision() == 0 ? null : release.revision(), release.source(), text(release.embargoUntil()));
    }

    public static TargetDraft of(final Target target) {
        return new TargetDraft(target.region(), target.year(), target.indicator(), target.kind().name(), target.value(),
                target.unit() == null ? null : target.unit().name(),
                target.paceProfile().kind().name(),
                target.paceProfile().seasonalShares().isEmpty() ? null : target.paceProfile().seasonalShares(),
                target.thresholds(), target.priorYearAmount(), text(target.publishedAt()), target.source());
    }

    private static String text(final Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
