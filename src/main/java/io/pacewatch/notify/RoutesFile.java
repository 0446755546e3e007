package io.pacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the routes file (JSON) and says everything that is wrong with it at once. Values of
 * {@code url}, {@code secret} and {@code headers} may name environment variables as
 * {@code ${env:NAME}}, so robot keys and secrets need not be written in the file.
 *
 * <pre>{@code
 * {"routes": [
 *   {"name": "leaders", "type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${env:WECOM_KEY}",
 *    "filter": {"regions": ["luohu"], "minSeverity": "WARNING"},
 *    "quietHours": {"window": "22:00-07:00", "zone": "Asia/Shanghai", "digestUpTo": "INFO"}}
 * ]}
 * }</pre>
 * See docs/notify.md for every field.
 */
public final class RoutesFile {

    /** The route name is part of the delivery-log key ({@code alertId|route}): no {@code |}, no spaces. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> ROUTE_FIELDS = Set.of("name", "type", "url", "secret", "headers", "filter",
            "quietHours", "minInterval");
    private static final Set<String> FILTER_FIELDS = Set.of("regions", "indicators", "minSeverity");
    private static final Set<String> QUIET_FIELDS = Set.of("window", "zone", "digestUpTo");
    /** Headers the JDK client sets itself and refuses from callers, or that would break the request. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type", "idempotency-key", "x-pacewatch-signature");

    private RoutesFile() {
    }

    /** Thrown with every problem found, one per line. */
    public static final class InvalidRoutesException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidRoutesException(final String source, final List<String> problems) {
            super(source + ": " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static List<Route> load(final Path file, final Map<String, String> environment) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), environment, file.toString());
    }

    public static List<Route> parse(final String json, final Map<String, String> environment, final String source) {
        final JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRoutesException(source, List.of("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        final List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject() || !root.path("routes").isArray()) {
            throw new InvalidRoutesException(source, List.of("expected an object {\"routes\": [ … ]}"));
        }
        unknownFields(root, Set.of("routes", BriefSubscriptions.FIELD), "the file", problems);
        final List<Route> routes = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        int index = 0;
        for (final JsonNode node : root.get("routes")) {
            final String where = "routes[" + index++ + "]" + (node.path("name").isTextual()
                    ? " (" + SafeText.excerpt(node.get("name").asText()) + ")" : "");
            final int before = problems.size();
            final Route route = route(node, environment, where, problems);
            if (route != null && problems.size() == before) {
                if (!names.add(route.name())) {
                    problems.add(where + ": another route is already named '" + route.name() + "'");
                }
                routes.add(route);
            }
        }
        if (index == 0) {
            problems.add("no routes: add at least one to \"routes\"");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRoutesException(source, problems);
        }
        return List.copyOf(routes);
    }

    private static Route route(final JsonNode node, final Map<String, String> env, final String where,
                               final List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": expected an object");
            return null;
        }
        unknownFields(node, ROUTE_FIELDS, where, problems);
        final String name = text(node, "name", where, problems, true);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(where + ": name '" + SafeText.excerpt(name)
                    + "' must be 1-64 letters, digits, '_', '.' or '-' (it is part of the delivery-log key)");
        }
        WebhookType type = null;
        final String typeText = text(node, "type", where, problems, true);
        if (typeText != null) {
            try {
                type = WebhookType.parse(typeText);
            } catch (final IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        final URI url = url(expand(text(node, "url", where, problems, true), env, where + ".url", problems), where, problems);
        final String secret = expand(text(node, "secret", where, problems, false), env, where + ".secret", problems);
        if (secret != null && (type == WebhookType.WECOM || type == WebhookType.SLACK)) {
            problems.add(where + ": " + type.id() + " does not sign requests; remove \"secret\" (the key is in the URL)");
        }
        if (secret != null && secret.isEmpty()) {
            problems.add(where + ": \"secret\" is empty");
        }
        final Map<String, String> headers = headers(node.get("headers"), env, where, problems);
        final RouteFilter filter = filter(node.get("filter"), where, problems);
        final QuietHours quiet = quietHours(node.get("quietHours"), where, problems);
        Duration minInterval = null;
        final String interval = text(node, "minInterval", where, problems, false);
        if (interval != null) {
            try {
                minInterval = Durations.parse(interval);
            } catch (final IllegalArgumentException e) {
                problems.add(where + ".minInterval: " + e.getMessage());
            }
        }
        if (name == null || type == null || url == null) {
            return null;
        }
        return new Route(name, type, url, secret, headers, filter, quiet, minInterval);
    }

    private static URI url(final String text, final String where, final List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            final URI uri = new URI(text);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                problems.add(where + ": url must be an absolute http(s) URL with a host");
                return null;
            }
            if (uri.getRawFragment() != null) {
                problems.add(where + ": url must not have a #fragment");
                return null;
            }
            return uri;
        } catch (final URISyntaxException e) {
            // Do not echo the URL: it usually holds the robot's key.
            problems.add(where + ": url is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
            return null;
        }
    }

    private static Map<String, String> headers(final JsonNode node, final Map<String, String> env, final String where,
                                               final List<String> problems) {
        final Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            problems.add(where + ".headers: expected an object of name: value");
            return headers;
        }
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            final String header = field.getKey();
            if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                problems.add(where + ".headers: '" + SafeText.excerpt(header) + "' is not a header name");
            } else if (RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                problems.add(where + ".headers: " + header + " is set by pacewatch and cannot be configured");
            } else if (!field.getValue().isTextual()) {
                problems.add(where + ".headers." + header + ": expected a string");
            } else {
                final String value = expand(field.getValue().asText(), env, where + ".headers." + header, problems);
                if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    problems.add(where + ".headers." + header + ": a header value cannot contain a line break");
                } else if (value != null) {
                    headers.put(header, value);
                }
            }
        }
        return headers;
    }

    private static RouteFilter filter(final JsonNode node, final String where, final List<String> problems) {
        if (node == null || node.isNull()) {
            return RouteFilter.ALL;
        }
        if (!node.isObject()) {
            problems.add(where + ".filter: expected an object");
            return RouteFilter.ALL;
        }
        unknownFields(node, FILTER_FIELDS, where + ".filter", problems);
        final Set<String> regions = strings(node.get("regions"), where + ".filter.regions", problems);
        final Set<String> indicators = strings(node.get("indicators"), where + ".filter.indicators", problems);
        final Severity min = severity(node, "minSeverity", where + ".filter", problems);
        return new RouteFilter(regions, indicators, min);
    }

    private static QuietHours quietHours(final JsonNode node, final String where, final List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return QuietHours.parse(node.asText(), null, null);
            }
            if (!node.isObject()) {
                problems.add(where + ".quietHours: expected \"22:00-07:00\" or {\"window\": …, \"zone\": …, \"digestUpTo\": …}");
                return null;
            }
            unknownFields(node, QUIET_FIELDS, where + ".quietHours", problems);
            final String window = text(node, "window", where + ".quietHours", problems, true);
            final String zone = text(node, "zone", where + ".quietHours", problems, false);
            final Severity upTo = severity(node, "digestUpTo", where + ".quietHours", problems);
            return window == null ? null : QuietHours.parse(window, zone, upTo);
        } catch (final IllegalArgumentException e) {
            problems.add(where + ".quietHours: " + e.getMessage());
            return null;
        }
    }

    private static Severity severity(final JsonNode node, final String field, final String where,
                                     final List<String> problems) {
        final String text = text(node, field, where, problems, false);
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            problems.add(where + "." + field + ": '" + SafeText.excerpt(text) + "' is not INFO, WARNING or CRITICAL");
            return null;
        }
    }

    private static Set<String> strings(final JsonNode node, final String where, final List<String> problems) {
        final Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(where + ": expected an array of strings");
            return values;
        }
        for (final JsonNode value : node) {
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add(where + ": expected non-empty strings");
            } else {
                values.add(value.asText());
            }
        }
        return values;
    }

    static String text(final JsonNode node, final String field, final String where, final List<String> problems,
                       final boolean required) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(where + ": \"" + field + "\" is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(where + "." + field + ": expected a string");
            return null;
        }
        if (required && value.asText().isBlank()) {
            problems.add(where + ": \"" + field + "\" is empty");
            return null;
        }
        return value.asText();
    }

    static void unknownFields(final JsonNode node, final Set<String> known, final String where,
                              final List<String> problems) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(where + ": unknown field '" + SafeText.excerpt(field) + "' (known: "
                        + known.stream().sorted().toList() + ")");
            }
        });
    }

    /** Replaces {@code ${env:NAME}}; a variable that is not set is a problem, never an empty string. */
    static String expand(final String value, final Map<String, String> env, final String where,
                         final List<String> problems) {
        if (value == null) {
            return null;
        }
        final Matcher m = ENV.matcher(value);
        final StringBuilder out = new StringBuilder();
        boolean missing = false;
        while (m.find()) {
            final String replacement = env.get(m.group(1));
            if (replacement == null) {
                problems.add(where + ": environment variable " + m.group(1) + " is not set");
                missing = true;
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
        }
        m.appendTail(out);
        return missing ? null : out.toString();
    }
}
