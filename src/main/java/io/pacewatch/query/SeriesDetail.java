package io.pacewatch.query;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import java.util.List;

/** One series in full: where it stands, its pace curve month by month, and its recent alerts. */
public record SeriesDetail(Progress latest, List<Progress> history, List<Alert> alerts) {
}
