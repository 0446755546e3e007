package io.pacewatch.domain;

import java.util.List;

/**
 * A series judged as of its latest figures ({@code latest}) and as of every month it has figures for
 * ({@code history}, the pace curve), each with the target as it stands now.
 */
public record SeriesEvaluation(SeriesKey series, Progress latest, List<PeriodProgress> history) {

    public SeriesEvaluation {
        history = List.copyOf(history);
    }

    /** Progress as it stood at the end of one reference month. */
    public record PeriodProgress(int month, String period, Progress progress) {
    }
}
