package io.pacewatch.notify;

import java.util.HashSet;
import java.util.Set;

/**
 * Which (alert id, route) pairs have been delivered: rebuilt from the delivery log at start and on
 * every partition assignment, and extended as deliveries succeed. Used by one thread only.
 */
final class DeliveredSet {

    private final Set<String> keys = new HashSet<>();

    static String key(final String alertId, final String route) {
        return alertId + "|" + route;
    }

    boolean contains(final String alertId, final String route) {
        return keys.contains(key(alertId, route));
    }

    void add(final String alertId, final String route) {
        keys.add(key(alertId, route));
    }

    /** From a delivery-log record: a value marks the key delivered, a tombstone forgets it. */
    void apply(final String key, final boolean tombstone) {
        if (tombstone) {
            keys.remove(key);
        } else {
            keys.add(key);
        }
    }

    int size() {
        return keys.size();
    }
}
