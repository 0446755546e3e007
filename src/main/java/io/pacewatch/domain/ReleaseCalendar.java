package io.pacewatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * When each release is expected: a figure for a period ending in month m is due {@code dueDays}
 * after the period ends, on the publisher's calendar ({@code zone}). Monthly indicators usually have
 * no January-only release (the January–February combined release, 1–2月), so January is not due on
 * its own. The most specific rule wins: region and indicator, then indicator, then frequency.
 */
public record ReleaseCalendar(ZoneId zone, List<Rule> rules) {

    /** A rule; null {@code region}, {@code indicator} or {@code frequency} match anything. */
    public record Rule(String region, String indicator, Frequency frequency, int dueDays, boolean janFebCombined) {

        public Rule {
            if (dueDays < 0 || dueDays > 366) {
                throw new IllegalArgumentException("dueDays must be between 0 and 366, not " + dueDays);
            }
        }

        boolean matches(final SeriesKey series, final Indicator indicator) {
            return (region == null || region.equals(series.region()))
                    && (this.indicator == null || this.indicator.equals(indicator.code()))
                    && (frequency == null || frequency == indicator.frequency());
        }

        int specificity() {
            return (region == null ? 0 : 4) + (indicator == null ? 0 : 2) + (frequency == null ? 0 : 1);
        }
    }

    /** A release that should have been published by now and was not. */
    public record Overdue(int month, LocalDate dueDate) {
    }

    /** No rules: nothing is ever due, so nothing is ever overdue. */
    public static final ReleaseCalendar NONE = new ReleaseCalendar(java.time.ZoneOffset.UTC, List.of());

    public ReleaseCalendar {
        Objects.requireNonNull(zone, "zone");
        rules = List.copyOf(rules);
    }

    /** The latest month whose release is past due at {@code now}, or empty when none is due yet. */
    public Optional<Overdue> latestDue(final SeriesKey series, final Indicator indicator, final Instant now) {
        final LocalDate today = LocalDate.ofInstant(now, zone);
        return rule(series, indicator).flatMap(rule -> releaseMonths(indicator, rule)
                .mapToObj(m -> new Overdue(m, dueDate(series.year(), m, rule)))
                .filter(o -> today.isAfter(o.dueDate()))
                .max(Comparator.comparingInt(Overdue::month)));
    }

    /** When the next release of the series becomes overdue (the day after its due date), if any is still to come. */
    public Optional<Instant> nextDeadline(final SeriesKey series, final Indicator indicator, final Instant now) {
        final LocalDate today = LocalDate.ofInstant(now, zone);
        return rule(series, indicator).flatMap(rule -> releaseMonths(indicator, rule)
                .mapToObj(m -> dueDate(series.year(), m, rule))
                .filter(due -> !today.isAfter(due))
                .min(Comparator.naturalOrder())
                .map(due -> due.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private Optional<Rule> rule(final SeriesKey series, final Indicator indicator) {
        return rules.stream()
                .filter(r -> r.matches(series, indicator))
                .max(Comparator.comparingInt(Rule::specificity));
    }

    private static IntStream releaseMonths(final Indicator indicator, final Rule rule) {
        if (indicator.frequency() == Frequency.QUARTERLY) {
            return IntStream.of(3, 6, 9, 12);
        }
        return IntStream.rangeClosed(rule.janFebCombined() ? 2 : 1, 12);
    }

    private static LocalDate dueDate(final int year, final int month, final Rule rule) {
        return LocalDate.of(year, month, 1).plusMonths(1).plusDays(rule.dueDays() - 1L);
    }
}
