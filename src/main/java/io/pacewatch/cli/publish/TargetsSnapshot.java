package io.pacewatch.cli.publish;

import io.pacewatch.domain.Target;
import java.util.List;

/**
 * The targets in force as the stream would see them after reading the whole topic, with a warning
 * for each record it would have refused (and so skipped, keeping the target before it).
 */
record TargetsSnapshot(List<Target> targets, List<String> warnings, long recordsRead) {

    TargetsSnapshot {
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
    }
}
