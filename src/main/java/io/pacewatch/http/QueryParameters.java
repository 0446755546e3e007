package io.pacewatch.http;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.Severity;
import io.pacewatch.query.ProgressFilter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses and checks query parameters; anything unknown or malformed is a 400 that says which. */
final class QueryParameters {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");

    private final Map<String, String> values;

    private QueryParameters(final Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(final String rawQuery, final Set<String> allowed) {
        final Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (final String pair : rawQuery.split("&")) {
                final int eq = pair.indexOf('=');
                final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    throw ApiException.badRequest("unknown query parameter '" + Escape.text(name) + "'; allowed: "
                            + String.join(", ", allowed));
                }
                if (values.put(name, value) != null) {
                    throw ApiException.badRequest("query parameter '" + name + "' is given twice");
                }
            }
        }
        return new QueryParameters(values);
    }

    ProgressFilter filter(final IndicatorCatalogue catalogue) {
        final String indicator = values.get("indicator");
        if (indicator != null) {
            code("indicator", indicator);
            if (catalogue.find(indicator).isEmpty()) {
                throw ApiException.badRequest("unknown indicator '" + Escape.text(indicator) + "'");
            }
        }
        final String region = values.get("region");
        if (region != null) {
            code("region", region);
        }
        return new ProgressFilter(region, year(values.get("year")), indicator,
                enumValue("status", PaceStatus.class), enumValue("severity", Severity.class));
    }

    int limit(final int fallback, final int max) {
        final String text = values.get("limit");
        if (text == null) {
            return fallback;
        }
        try {
            final int limit = Integer.parseInt(text);
            if (limit < 1 || limit > max) {
                throw ApiException.badRequest("limit must be between 1 and " + max);
            }
            return limit;
        } catch (final NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number");
        }
    }

    /** The raw value of {@code name}, or null when it is not given. */
    String value(final String name) {
        return values.get(name);
    }

    boolean has(final String name) {
        return values.containsKey(name);
    }

    /** The key the page starts after, from the opaque {@code cursor}; null when there is none. */
    String cursorKey() {
        final String cursor = values.get("cursor");
        return cursor == null ? null : Cursor.decode(cursor);
    }

    boolean localScope() {
        return "local".equals(values.get("scope"));
    }

    static String code(final String name, final String value) {
        if (!CODE.matcher(value).matches()) {
            throw ApiException.badRequest(name + " must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        return value;
    }

    static Integer year(final String text) {
        if (text == null) {
            return null;
        }
        try {
            final int year = Integer.parseInt(text);
            if (year < ReferencePeriod.MIN_YEAR || year > ReferencePeriod.MAX_YEAR) {
                throw ApiException.badRequest("year must be between " + ReferencePeriod.MIN_YEAR + " and "
                        + ReferencePeriod.MAX_YEAR);
            }
            return year;
        } catch (final NumberFormatException e) {
            throw ApiException.badRequest("year must be a number such as 2023");
        }
    }

    private <E extends Enum<E>> E enumValue(final String name, final Class<E> type) {
        final String text = values.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String decode(final String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not valid URL encoding");
        }
    }
}
