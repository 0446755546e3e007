package io.pacewatch.notify;

import io.pacewatch.domain.Alert;

/**
 * One alert as read from the alerts topic: where it was read (for the delivery log and the offset
 * to commit), the record timestamp (to keep each receiver's messages in order across partitions),
 * the alert, and its exact JSON bytes (what a generic webhook receives).
 */
record Inbound(String topic, int partition, long offset, long timestamp, Alert alert, byte[] json) {

    String seriesKey() {
        return alert.series().id();
    }
}
