package io.pacewatch.notify;

import io.pacewatch.domain.brief.BriefSchedule;
import java.time.YearMonth;

/**
 * A route that receives one region's monthly brief: on its schedule (by default the 20th of the next
 * month at 09:00 Asia/Shanghai) or, with {@code early}, as soon as every indicator of the month is in,
 * whichever comes first; once per month, whatever restarts happen in between.
 *
 * @param year null to follow the calendar (the brief of the month that is due), else only that year
 */
public record BriefSubscription(Route route, String region, Integer year, BriefSchedule schedule, boolean early) {

    /** The delivery log's id of one month's brief: {@code brief:luohu:2023-06}, keyed with the route as alerts are. */
    static String deliveryId(final String region, final int year, final int month) {
        return "brief:" + region + ":" + YearMonth.of(year, month);
    }

    @Override
    public String toString() {
        return "brief of " + region + (year == null ? "" : " " + year) + " to " + route.name() + " (" + schedule
                + (early ? ", or as soon as the month is complete" : "") + ")";
    }
}
