package io.pacewatch.domain.brief;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When the brief for a month goes out at the latest: day {@code dayOfMonth} of the following month at
 * {@code time} in {@code zone} (by default the 20th at 09:00 Asia/Shanghai, when a bureau's monthly
 * releases are normally all in). That instant is also the brief's <em>cut-off</em>: a revision
 * published after the cut-off of month m−1's brief is news in month m's brief ("revised since the last
 * brief"), and a figure published after month m's cut-off was not in force when that brief went out.
 */
public record BriefSchedule(int dayOfMonth, LocalTime time, ZoneId zone) {

    public static final BriefSchedule DEFAULT = new BriefSchedule(20, LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai"));

    public BriefSchedule {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        if (dayOfMonth < 1 || dayOfMonth > 28) {
            // 28: every month has the day, so a schedule never skips February
            throw new IllegalArgumentException("the brief's day of the month must be 1..28, not " + dayOfMonth);
        }
    }

    /** The cut-off of the brief for {@code month} of {@code year}: its day in the following month. */
    public Instant cutoff(final int year, final int month) {
        final LocalDate following = LocalDate.of(year, month, 1).plusMonths(1).withDayOfMonth(dayOfMonth);
        return following.atTime(time).atZone(zone).toInstant();
    }

    /** The cut-off of the brief before month {@code month}'s; for January–February (month ≤ 2), none. */
    public Instant previousCutoff(final int year, final int month) {
        return month <= 2 ? Instant.MIN : cutoff(year, month - 1);
    }

    /**
     * The month whose brief is due by its schedule at {@code now}: the latest month whose cut-off has
     * passed. There is no January brief (January is released with February), so on the days a
     * January brief would fall due the answer stays with the December before.
     */
    public YearMonth dueMonth(final Instant now) {
        final YearMonth current = YearMonth.from(now.atZone(zone));
        final YearMonth previous = current.minusMonths(1);
        final YearMonth due = now.isBefore(cutoff(previous.getYear(), previous.getMonthValue()))
                ? current.minusMonths(2) : previous;
        return due.getMonthValue() == 1 ? due.minusMonths(1) : due;
    }

    @Override
    public String toString() {
        return "day " + dayOfMonth + " of the following month at " + time + " " + zone;
    }
}
