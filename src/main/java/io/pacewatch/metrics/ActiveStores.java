package io.pacewatch.metrics;

import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Scrape-time reads of this instance's active stores. */
final class ActiveStores {

    private ActiveStores() {
    }

    /** During a rebalance the stores are briefly unavailable; the scrape then shows no series rather than failing. */
    static <T> Supplier<List<T>> orNoneWhileRebalancing(final Supplier<List<T>> read) {
        return () -> {
            try {
                return read.get();
            } catch (final InvalidStateStoreException e) {
                return List.of();
            }
        };
    }
}
