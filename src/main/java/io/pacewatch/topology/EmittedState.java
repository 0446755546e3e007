package io.pacewatch.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.SeriesKey;
import java.util.Map;

/**
 * What was last published for a series: the last status that judged something (the reference for
 * the next pace alert), the last status of any kind (to tell an overdue release landing), a
 * fingerprint of each progress record, so unchanged records are not re-sent, and the record timestamp
 * it was published with ({@code publishedTimestamp}, null in state from builds before it), so that a
 * series' records never go back in time: a rank or last year's curve arriving with a later timestamp
 * than the series' own next release would otherwise make the progress view see updates out of order.
 */
record EmittedState(PaceStatus lastJudgedStatus, PaceStatus lastStatus, Map<String, Long> fingerprints,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long publishedTimestamp) {

    static final EmittedState NOTHING = new EmittedState(null, null, Map.of(), null);
    /** The short key of the series' latest record; the others are keyed by their period code. */
    static final String LATEST = "latest";

    EmittedState {
        fingerprints = Map.copyOf(fingerprints);
    }

    /** The record timestamp of the last publication; 0 when unknown. */
    long lastPublishedAt() {
        return publishedTimestamp == null ? 0 : publishedTimestamp;
    }

    /**
     * Fingerprints are kept by period, not by the whole record key: the same few keys in every
     * series let the JSON reader reuse its field-name table instead of churning through one name
     * per series and period (a twelfth of the stream thread's time in the benchmark).
     */
    static String shortKey(final String seriesKey, final String recordKey) {
        return recordKey.equals(seriesKey) ? LATEST : recordKey.substring(seriesKey.length() + 1);
    }

    /** The inverse of {@link #shortKey}; a key that already names a series was stored whole by an earlier version. */
    static String recordKey(final String seriesKey, final String shortKey) {
        if (shortKey.indexOf('|') >= 0) {
            return shortKey;
        }
        return LATEST.equals(shortKey) ? seriesKey : SeriesKey.monthId(seriesKey, shortKey);
    }
}
