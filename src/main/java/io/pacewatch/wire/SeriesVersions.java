package io.pacewatch.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.ReleaseHistory;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a reader of the {@value QueryableStores#RELEASE_HISTORY} store may use of a series' state:
 * every version received, and last year's curve the series is judged against. The judge keeps more
 * beside them, in a layout that is its own business.
 */
public interface SeriesVersions {

    ReleaseHistory history();

    /** Last year's cumulative curve of the same series, as the judge last received it; null when none is known. */
    CumulativeCurve priorYear();

    /**
     * Reads a stored value (the store holds the judge's bytes, {@link StateBytes}, so that readers can tell
     * an unchanged value by its bytes): these two fields, leaving what the judge keeps beside them unread. A
     * value earlier builds wrote in Smile still reads; one written as JSON is refused with the reset steps,
     * as the judge refuses it.
     */
    static SeriesVersions decode(final byte[] stored) {
        if (StateBytes.isBinary(stored)) {
            final StateBytes.Reader reader = StateBytes.reader(stored);
            return new Stored(reader.history(), reader.priorYear());
        }
        return Stored.READER.deserialize(QueryableStores.RELEASE_HISTORY, stored);
    }

    /** The readers' part of a stored series state. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(ReleaseHistory history, CumulativeCurve priorYear) implements SeriesVersions {

        private static final Deserializer<Stored> READER = WireSerdes.state(Stored.class).deserializer();

        public Stored {
            history = Objects.requireNonNullElse(history, ReleaseHistory.EMPTY);
        }
    }
}
