package io.pacewatch.topology;

import io.pacewatch.wire.RejectedRecordException;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;

/**
 * Checks that a record's key agrees with its value. A key that names another series would put the
 * record on the wrong partition of a compacted topic and let it overwrite someone else's target.
 */
final class KeyCheck {

    private KeyCheck() {
    }

    /** Releases may come without a key; a key that is given must be the release's series. */
    static Release release(final String key, final Release release) {
        if (key != null && !key.equals(release.series().id())) {
            throw mismatch(key, release.series());
        }
        return release;
    }

    /** Targets need their series as key (compaction keeps one target per key); a tombstone deletes it. */
    static Target target(final String key, final Target target) {
        if (key == null) {
            throw new RejectedRecordException(new InvalidInputException(RejectionReason.KEY_MISMATCH,
                    "a target needs its series as the record key: region|indicator|year"));
        }
        if (target == null) {
            wrap(() -> SeriesKey.parse(key));
            return null;
        }
        if (!key.equals(target.series().id())) {
            throw mismatch(key, target.series());
        }
        return target;
    }

    private static RejectedRecordException mismatch(final String key, final SeriesKey series) {
        return new RejectedRecordException(new InvalidInputException(RejectionReason.KEY_MISMATCH,
                "record key " + SafeText.quote(key) + " does not match the value's series " + SafeText.quote(series.id())));
    }

    private static void wrap(final Runnable check) {
        try {
            check.run();
        } catch (final InvalidInputException e) {
            throw new RejectedRecordException(e);
        }
    }
}
