package io.pacewatch.http;

import io.pacewatch.brief.BriefFormat;
import io.pacewatch.domain.Indicator;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.domain.brief.BriefBuilder;
import io.pacewatch.domain.brief.BriefSchedule;
import io.pacewatch.domain.brief.IndicatorFigures;
import io.pacewatch.domain.brief.RowExtras;
import io.pacewatch.query.ProgressFilter;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.query.SeriesDetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/brief/{region}/{year}?format=xlsx|html|md|json[&month=M]}: the monthly brief, built
 * per request from the same reads as the progress API (the region's latest records, then each
 * series' monthly records, as of the brief's cut-off for an earlier month, and versions from whichever
 * instance owns it). A brief that would miss
 * rows because an instance did not answer is refused with 503 rather than circulated incomplete.
 */
final class BriefRoute {

    static final String PREFIX = "/api/brief/";
    private static final Set<String> PARAMS = Set.of("format", "month");

    private final ProgressQueries queries;
    private final IndicatorCatalogue catalogue;
    private final BriefBuilder builder;

    BriefRoute(final ProgressQueries queries, final IndicatorCatalogue catalogue) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.builder = new BriefBuilder(catalogue, BriefSchedule.DEFAULT, RowExtras.RECORDED);
    }

    void answer(final Exchange exchange) {
        final String[] parts = exchange.rawPath().substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            throw ApiException.notFound("use /api/brief/{region}/{year}?format=" + BriefFormat.choices() + "[&month=M]");
        }
        final String region = QueryParameters.code("region", parts[0]);
        final int year = QueryParameters.year(parts[1]);
        final QueryParameters params = QueryParameters.parse(exchange.rawQuery(), PARAMS);
        final BriefFormat format = Optional.ofNullable(params.value("format")).map(f -> BriefFormat.parse(f).orElseThrow(() ->
                ApiException.badRequest("format must be one of " + BriefFormat.choices()))).orElse(BriefFormat.HTML);
        final Integer month = Optional.ofNullable(params.value("month")).map(BriefRoute::month).orElse(null);

        final Brief brief = brief(region, year, month);
        exchange.header("Cache-Control", "no-cache");
        if (format == BriefFormat.XLSX) {
            exchange.header("Content-Disposition", "attachment; filename=\"" + format.fileName(brief) + "\"");
        }
        exchange.send(200, format.mediaType(), format.render(brief));
    }

    Brief brief(final String region, final int year, final Integer month) {
        final ProgressQueries.Gathered<Progress> latest = queries.latest(new ProgressFilter(region, year, null, null, null),
                "region=" + region + "&year=" + year);
        if (latest.partial()) {
            throw new ProgressQueries.PeerUnavailableException("instances "
                    + latest.unavailable().stream().map(ProgressQueries::address).collect(Collectors.joining(", "))
                    + " did not answer, so the brief would miss rows");
        }
        final int latestMonth = BriefBuilder.latestMonth(latest.items()).orElseThrow(() ->
                ApiException.notFound("no figures for " + Escape.text(region) + " in " + year));
        // An earlier month shows each series as judged at that brief's cut-off, from the versions then in force.
        final Optional<Instant> asOf = builder.asOf(year, month, latestMonth);
        // Those records are judged as of an instant, without ranks; the rankings view keeps each month's ranking.
        final Optional<String> parent = latest.items().stream().map(Progress::peerGroup).filter(Objects::nonNull).findFirst();
        final BriefBuilder forMonth = asOf.isPresent() && parent.isPresent()
                ? new BriefBuilder(catalogue, builder.schedule(), monthRanks(parent.get())) : builder;
        final List<IndicatorFigures> figures = new ArrayList<>();
        for (final Progress progress : latest.items()) {
            final Optional<Indicator> indicator = catalogue.find(progress.indicator());
            if (indicator.isEmpty()) {
                continue;
            }
            final SeriesKey series = progress.series();
            final List<Progress> history = asOf.map(t -> queries.seriesAsOf(series, t)).orElseGet(() -> queries.series(series))
                    .map(SeriesDetail::history).orElse(List.of());
            figures.add(new IndicatorFigures(indicator.get(), progress, history,
                    queries.vintages(series).orElse(List.of())));
        }
        // The region catalogue's names ride on the progress records; a region it does not know reads as its code.
        final Progress any = latest.items().get(0);
        return forMonth.build(region, any.regionDisplayZh(), any.regionDisplayEn(), year, month, figures);
    }

    /**
     * The recorded extras, but the rank read from the ranking of the month the row's figures cover (the
     * month rankings are keyed by) in peer group {@code parent}: as the ranking stands now, on the latest
     * versions of every member's figures.
     */
    private RowExtras monthRanks(final String parent) {
        return RowExtras.RECORDED.withPeer(progress -> queries.ranking(
                        new SeriesKey(parent, progress.indicator(), progress.year()), BriefBuilder.figuresThrough(progress))
                .flatMap(ranking -> ranking.rankOf(progress.region())));
    }

    private static int month(final String text) {
        try {
            final int month = Integer.parseInt(text);
            if (month >= 1 && month <= 12) {
                return month;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("month must be 1..12");
    }
}
