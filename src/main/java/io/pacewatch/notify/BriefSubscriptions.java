package io.pacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code "briefs"} section of the routes file: which route gets which region's monthly brief, and
 * when. Read after the routes, which it names; the same file, so one place says where messages go.
 */
public final class BriefSubscriptions {

    static final String FIELD = "briefs";
    private static final Set<String> FIELDS = Set.of("route", "region", "year", "day", "time", "zone", "early");

    private BriefSubscriptions() {
    }

    public static List<BriefSubscription> load(final Path file, final List<Route> routes) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), routes, file.toString());
    }

    /** @throws RoutesFile.InvalidRoutesException naming every problem found */
    public static List<BriefSubscription> parse(final String json, final List<Route> routes, final String source) {
        final JsonNode section;
        try {
            section = Json.MAPPER.readTree(json).get(FIELD);
        } catch (final IOException e) {
            throw new RoutesFile.InvalidRoutesException(source, List.of("not valid JSON: " + e.getMessage()));
        }
        if (section == null || section.isNull()) {
            return List.of();
        }
        final List<String> problems = new ArrayList<>();
        if (!section.isArray()) {
            throw new RoutesFile.InvalidRoutesException(source, List.of("\"briefs\" must be a list"));
        }
        final Map<String, Route> byName = routes.stream().collect(Collectors.toMap(Route::name, Function.identity()));
        final List<BriefSubscription> found = new ArrayList<>();
        int index = 0;
        for (final JsonNode node : section) {
            final String where = "briefs[" + index++ + "]";
            if (!node.isObject()) {
                problems.add(where + ": expected an object");
                continue;
            }
            final int before = problems.size();
            RoutesFile.unknownFields(node, FIELDS, where, problems);
            final String routeName = RoutesFile.text(node, "route", where, problems, true);
            final Route route = routeName == null ? null : byName.get(routeName);
            if (routeName != null && route == null) {
                problems.add(where + ": no route is named '" + SafeText.excerpt(routeName) + "'");
            }
            final String region = RoutesFile.text(node, "region", where, problems, true);
            final Integer year = node.hasNonNull("year") ? Integer.valueOf(node.get("year").asInt()) : null;
            final BriefSchedule schedule = schedule(node, where, problems);
            final boolean early = !node.has("early") || node.get("early").asBoolean(true);
            if (problems.size() == before) {
                found.add(new BriefSubscription(route, region, year, schedule, early));
            }
        }
        if (!problems.isEmpty()) {
            throw new RoutesFile.InvalidRoutesException(source, problems);
        }
        return List.copyOf(found);
    }

    private static BriefSchedule schedule(final JsonNode node, final String where, final List<String> problems) {
        final BriefSchedule fallback = BriefSchedule.DEFAULT;
        try {
            final int day = node.hasNonNull("day") ? node.get("day").asInt() : fallback.dayOfMonth();
            final String time = RoutesFile.text(node, "time", where, problems, false);
            final String zone = RoutesFile.text(node, "zone", where, problems, false);
            return new BriefSchedule(day, time == null ? fallback.time() : LocalTime.parse(time),
                    zone == null ? fallback.zone() : ZoneId.of(zone));
        } catch (final DateTimeException | IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage() + " (day 1..28, time HH:mm, zone such as Asia/Shanghai)");
            return null;
        }
    }
}
