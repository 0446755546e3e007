package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.Releases;
import io.pacewatch.domain.Vintages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntakeSummaryTest {

    private static final Release MAY = Releases.budgetRevenue().cumulativeThrough(5).value("49").build();
    private static final Release JUNE = Releases.budgetRevenue().cumulativeThrough(6).value("60").build();
    private static final Release JUNE_CORRECTED = Releases.budgetRevenue().cumulativeThrough(6).value("61")
            .publishedAt("2023-07-20T09:30:00+08:00").build();

    @Test
    void withNothingHeldEveryVersionIsNew() {
        final IntakeSummary.Counts counts = IntakeSummary.Counts.of(List.of(MAY, JUNE), IntakeSummary.KnownVersions.NONE);
        assertThat(counts).isEqualTo(new IntakeSummary.Counts(0, 0));
    }

    @Test
    void aVersionHeldIsUnchangedAndAnotherVersionOfAHeldFigureIsARevision() {
        final IntakeSummary.KnownVersions held = series -> Optional.of(
                Vintages.of(Releases.history(MAY, JUNE), Releases.LATER));
        assertThat(IntakeSummary.Counts.of(List.of(MAY, JUNE_CORRECTED), held))
                .isEqualTo(new IntakeSummary.Counts(1, 1));
    }

    @Test
    void withinOneRequestARepeatIsUnchangedAndASecondVersionARevision() {
        assertThat(IntakeSummary.Counts.of(List.of(JUNE, JUNE, JUNE_CORRECTED), IntakeSummary.KnownVersions.NONE))
                .isEqualTo(new IntakeSummary.Counts(1, 1));
    }

    @Test
    void aRequestSpanningTooManySeriesIsNotCounted() {
        final List<Release> many = java.util.stream.IntStream.rangeClosed(0, IntakeSummary.Counts.MAX_SERIES)
                .mapToObj(i -> Releases.budgetRevenue().region("r" + i).cumulativeThrough(6).value("60").build())
                .toList();
        assertThat(IntakeSummary.Counts.of(many, IntakeSummary.KnownVersions.NONE))
                .isEqualTo(IntakeSummary.Counts.UNKNOWN);
        assertThat(IntakeSummary.Counts.of(many.subList(0, IntakeSummary.Counts.MAX_SERIES),
                IntakeSummary.KnownVersions.NONE)).isEqualTo(new IntakeSummary.Counts(0, 0));
    }
}
