package io.pacewatch.wire;

import io.pacewatch.domain.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The last alerts of one series, newest first, for the HTTP API; an alert seen twice is kept once. */
public record RecentAlerts(List<Alert> alerts) {

    static final int KEPT = 20;
    public static final RecentAlerts NONE = new RecentAlerts(List.of());

    public RecentAlerts {
        alerts = List.copyOf(alerts);
    }

    public RecentAlerts with(final Alert alert) {
        final List<Alert> next = new ArrayList<>(alerts.size() + 1);
        next.add(alert);
        alerts.stream().filter(a -> !a.id().equals(alert.id())).forEach(next::add);
        next.sort(Comparator.comparing(Alert::occurredAt).reversed());
        return new RecentAlerts(next.subList(0, Math.min(KEPT, next.size())));
    }
}
