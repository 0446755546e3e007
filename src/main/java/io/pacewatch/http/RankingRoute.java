package io.pacewatch.http;

import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.query.ProgressQueries;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/ranking/{parent}/{indicator}/{year}[?month=M][&order=best|worst]}: a peer group's
 * ranking as the stream last computed it (the latest month with figures unless {@code month} says),
 * best first or worst first; unranked regions come last either way.
 */
final class RankingRoute {

    static final String PREFIX = "/api/ranking/";
    private static final Set<String> PARAMS = Set.of("month", "order", "scope");

    private RankingRoute() {
    }

    static PeerRanking answer(final String rest, final String query, final IndicatorCatalogue catalogue,
                              final ProgressQueries queries) {
        final String[] parts = rest.split("/", -1);
        if (parts.length != 3) {
            throw ApiException.notFound("use /api/ranking/{parent}/{indicator}/{year}[?month=M][&order=best|worst]");
        }
        final QueryParameters params = QueryParameters.parse(query, PARAMS);
        final String parent = QueryParameters.code("parent", HttpApi.decodePath(parts[0]));
        final String indicator = QueryParameters.code("indicator", HttpApi.decodePath(parts[1]));
        final Integer year = QueryParameters.year(parts[2]);
        if (catalogue.find(indicator).isEmpty()) {
            throw ApiException.notFound("unknown indicator '" + Escape.text(indicator) + "'");
        }
        final Integer month = month(params.value("month"));
        final PeerRanking.Order order = order(params.value("order"));
        final SeriesKey group = new SeriesKey(parent, indicator, year);
        return (params.localScope() ? queries.local().ranking(group, month) : queries.ranking(group, month))
                .map(ranking -> ranking.ordered(order))
                .orElseThrow(() -> ApiException.notFound("no ranking for " + Escape.text(group.id())
                        + (month == null ? "" : " in month " + month)));
    }

    private static Integer month(final String text) {
        if (text == null) {
            return null;
        }
        try {
            final int month = Integer.parseInt(text);
            if (month >= 1 && month <= 12) {
                return month;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("month must be a number from 1 to 12");
    }

    private static PeerRanking.Order order(final String text) {
        if (text == null) {
            return PeerRanking.Order.BEST_FIRST;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "best" -> PeerRanking.Order.BEST_FIRST;
            case "worst" -> PeerRanking.Order.WORST_FIRST;
            default -> throw ApiException.badRequest("order must be best or worst");
        };
    }
}
