package io.pacewatch.notify;

import io.pacewatch.domain.Severity;
import java.time.Instant;

/**
 * The delivery log's value for key {@code alertId|route}: this alert reached this route's receiver.
 * Written before the consumer offset of the alert is committed; read back at start so that nothing
 * delivered is sent again. {@code alertsTopic}/{@code partition}/{@code offset} say where the alert
 * was read; {@code digest} that it went out in a quiet-hours digest.
 */
record DeliveryRecord(String alertId, String route, String routeType, String series, Severity severity,
                      Instant deliveredAt, int attempts, int httpStatus, boolean digest, String idempotencyKey,
                      String alertsTopic, int partition, long offset) {

    String key() {
        return DeliveredSet.key(alertId, route);
    }
}
