package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.wire.RecentAlerts;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps each series' recent alerts ({@link RecentAlerts}) for the HTTP API as the judge raises them,
 * in the transaction that writes them to {@code pacewatch.alerts}, instead of reading that topic back
 * and decoding every alert again. The store is the one the aggregate over the read-back topic kept
 * (same name, changelog and timestamped layout), so an upgraded instance reads on from it; a value
 * is stamped with the newest alert's record time, as the aggregate stamped it.
 */
final class RecentAlertsProcessor implements Processor<String, Alert, Void, Void> {

    private TimestampedKeyValueStore<String, RecentAlerts> store;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(PacewatchTopology.ALERTS_VIEW_STORE);
    }

    @Override
    public void process(final Record<String, Alert> record) {
        final ValueAndTimestamp<RecentAlerts> held = store.get(record.key());
        final RecentAlerts recent = held == null ? RecentAlerts.NONE : held.value();
        final long stamp = held == null ? record.timestamp() : Math.max(held.timestamp(), record.timestamp());
        store.put(record.key(), ValueAndTimestamp.make(recent.with(record.value()), stamp));
    }
}
