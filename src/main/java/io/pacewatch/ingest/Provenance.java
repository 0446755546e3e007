package io.pacewatch.ingest;

import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.TargetDraft;

/**
 * Whose name a batch's records carry as {@code source}. {@link #AS_WRITTEN} (the {@code publish}
 * command): each record's own. A {@link #sender} (the HTTP intake): the sender's name fills an empty
 * source, and a record that states another one is refused rather than overwritten, so a sender can
 * neither pass its figures off as someone else's nor lose what it wrote without being told.
 */
public record Provenance(String sender) {

    public static final Provenance AS_WRITTEN = new Provenance(null);

    public static Provenance sender(final String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sender needs a name");
        }
        return new Provenance(name);
    }

    ReleaseDraft apply(final ReleaseDraft d) {
        if (sender == null) {
            return d;
        }
        return new ReleaseDraft(d.region(), d.indicator(), d.period(), d.basis(), d.value(), d.unit(),
                d.growthPercent(), d.publishedAt(), d.revision(), source(d.source()), d.embargoUntil());
    }

    TargetDraft apply(final TargetDraft d) {
        if (sender == null) {
            return d;
        }
        return new TargetDraft(d.region(), d.year(), d.indicator(), d.kind(), d.value(), d.unit(), d.paceProfile(),
                d.seasonalShares(), d.thresholds(), d.priorYearAmount(), d.publishedAt(), source(d.source()));
    }

    private String source(final String written) {
        if (written == null || written.isBlank() || written.strip().equals(sender)) {
            return sender;
        }
        throw new InvalidInputException(RejectionReason.INVALID_FIELD, "source " + SafeText.quote(written)
                + " is not the sender " + SafeText.quote(sender) + ", whose name its records carry as their source;"
                + " leave source empty or write " + SafeText.quote(sender));
    }
}
