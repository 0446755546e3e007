package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/** What one evaluation changed: the progress records to (re)publish and the alert, if any. */
record SeriesChange(List<KeyValue<String, Progress>> progress, Optional<Alert> alert) {
}
