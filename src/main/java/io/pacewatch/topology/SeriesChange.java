package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.Progress;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * What one evaluation changed: the progress records to (re)publish, the alert, if any, and the
 * series' own cumulative curve when it changed, keyed by next year's series (its prior year).
 */
record SeriesChange(List<KeyValue<String, Progress>> progress, Optional<Alert> alert,
                    Optional<KeyValue<String, CumulativeCurve>> nextYearCurve) {
}
