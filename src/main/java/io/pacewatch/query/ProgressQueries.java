package io.pacewatch.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Vintages;
import io.pacewatch.wire.QueryableStores;
import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers for the whole application, not just this instance: a series is read where its partition
 * is active ({@code queryMetadataForKey} with the progress topic's partitioner), and list queries
 * ask every instance for its local part ({@code scope=local}) at once and merge what arrives within
 * {@link #FAN_OUT_DEADLINE}, naming the instances that did not answer.
 */
public final class ProgressQueries {

    public static final String LOCAL_SCOPE = "scope=local";
    /** How long a request that needs other instances waits for all of them together. */
    public static final Duration FAN_OUT_DEADLINE = Duration.ofSeconds(3);

    private final KafkaStreams streams;
    private final LocalViews local;
    private final HostInfo self;
    private final RegionCatalogue regions;
    private final SeriesEvaluator evaluator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FAN_OUT_DEADLINE).build();

    /**
     * @param regions   names the regions of the series index (the leaders' page's selector)
     * @param evaluator judges a series as of an instant ({@link #seriesAsOf}), as the judge does now
     */
    public ProgressQueries(final KafkaStreams streams, final HostInfo self, final Clock clock,
                           final RegionCatalogue regions, final SeriesEvaluator evaluator) {
        this.streams = streams;
        this.local = new LocalViews(streams, clock);
        this.self = self;
        this.regions = regions;
        this.evaluator = evaluator;
    }

    public LocalViews local() {
        return local;
    }

    public Optional<SeriesDetail> series(final SeriesKey series) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(QueryableStores.PROGRESS_VIEW, series.id(),
                new SeriesPartitioner<Progress>());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().equals(self)) {
            return local.series(series);
        }
        return fetch(owner.activeHost(), seriesPath(series) + "?" + LOCAL_SCOPE, new TypeReference<SeriesDetail>() { });
    }

    /** Vintages live in the release-history store, partitioned by series id with the default partitioner. */
    public Optional<List<Vintages.PeriodVintages>> vintages(final SeriesKey series) {
        return historyOwner(series).isEmpty() ? local.vintages(series)
                : fetch(historyOwner(series).get(), seriesPath(series) + "/vintages?" + LOCAL_SCOPE,
                        new TypeReference<List<Vintages.PeriodVintages>>() { });
    }

    /** The instance that holds a series' release history, or empty when that is this one (or none is known yet). */
    private Optional<HostInfo> historyOwner(final SeriesKey series) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(QueryableStores.RELEASE_HISTORY, series.id(),
                new org.apache.kafka.common.serialization.StringSerializer());
        return owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().equals(self)
                ? Optional.empty() : Optional.of(owner.activeHost());
    }

    /**
     * The series as it stood at {@code t} ({@link LocalViews#asOf}): judged where its versions and target
     * are, the release-history store's owner, as {@link #vintages} is read.
     */
    public Optional<SeriesDetail> seriesAsOf(final SeriesKey series, final Instant t) {
        final Optional<HostInfo> owner = historyOwner(series);
        return owner.isEmpty() ? localSeriesAsOf(series, t)
                : fetch(owner.get(), seriesPath(series) + "?asOf=" + encode(t.toString()) + "&" + LOCAL_SCOPE,
                        new TypeReference<SeriesDetail>() { });
    }

    /** Judges a series as of an instant from this instance's stores. */
    public Optional<SeriesDetail> localSeriesAsOf(final SeriesKey series, final Instant t) {
        return local.asOf(series, t, evaluator);
    }

    /**
     * The ranking of peer group {@code group} ({@code parent|indicator|year}) for {@code month}, or for
     * its latest month when null; read where the rankings topic's partition of the group is active.
     */
    public Optional<PeerRanking> ranking(final SeriesKey group, final Integer month) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(QueryableStores.RANKINGS_VIEW,
                LocalViews.rankingKey(group, month),
                new SeriesPartitioner<PeerRanking>());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().equals(self)) {
            return local.ranking(group, month);
        }
        return fetch(owner.activeHost(), "/api/ranking/" + encode(group.region()) + "/" + encode(group.indicator()) + "/"
                + group.year() + "?" + (month == null ? "" : "month=" + month + "&") + LOCAL_SCOPE,
                new TypeReference<PeerRanking>() { });
    }

    private static String seriesPath(final SeriesKey series) {
        return "/api/progress/" + encode(series.region()) + "/" + encode(series.indicator()) + "/" + series.year();
    }

    public Gathered<Progress> latest(final ProgressFilter filter, final String query) {
        final Gathered<Progress> gathered = gather(local.latest(filter), "/api/progress?" + withLocalScope(query),
                new TypeReference<List<Progress>>() { });
        final List<Progress> all = new ArrayList<>(gathered.items());
        all.sort(Comparator.comparing(Progress::region).thenComparing(Progress::year).thenComparing(Progress::indicator));
        return new Gathered<>(all, gathered.unavailable());
    }

    /**
     * One page of the latest records, in key order ({@code region|indicator|year}), after {@code after}
     * (the last key of the previous page; null for the first). Every instance answers up to
     * {@code limit} keys after it from its own part; the first {@code limit} of their union are the
     * page. There may be more when any instance filled its page, and then the next page starts after
     * this page's last key, so nothing is skipped or repeated whichever instance holds what.
     */
    public Page<Progress> latestPage(final ProgressFilter filter, final String query, final String after,
                                     final int limit) {
        final Gathered<Progress> gathered = gather(local.latestPage(filter, after, limit),
                "/api/progress?" + withLocalScope(query), new TypeReference<List<Progress>>() { });
        final List<Progress> all = new ArrayList<>(gathered.items());
        all.sort(Comparator.comparing(ProgressQueries::key, LocalViews.KEY_ORDER));
        final boolean more = all.size() >= limit;
        final List<Progress> page = all.subList(0, Math.min(limit, all.size()));
        return new Page<>(new Gathered<>(page, gathered.unavailable()),
                more ? Optional.of(key(page.get(page.size() - 1))) : Optional.empty());
    }

    /** The key of a latest progress record in the view store. */
    public static String key(final Progress progress) {
        return new SeriesKey(progress.region(), progress.indicator(), progress.year()).id();
    }

    /** The regions (with their names), years and indicators that have progress, over every instance. */
    public Gathered<SeriesIndex> seriesIndex() {
        final Gathered<SeriesIndex> gathered = gather(List.of(local.seriesIndex()),
                "/api/series-index?" + LOCAL_SCOPE, new TypeReference<SeriesIndex>() { }, List::of);
        return new Gathered<>(List.of(SeriesIndex.merge(gathered.items()).named(regions)), gathered.unavailable());
    }

    public Gathered<Alert> alerts(final ProgressFilter filter, final String query, final int limit) {
        final Gathered<Alert> gathered = gather(local.alerts(filter), "/api/alerts?" + withLocalScope(query),
                new TypeReference<List<Alert>>() { });
        final Map<String, Alert> byId = new LinkedHashMap<>();
        gathered.items().forEach(a -> byId.put(a.id(), a));
        return new Gathered<>(byId.values().stream()
                .sorted(Comparator.comparing(Alert::occurredAt).reversed().thenComparing(Alert::id))
                .limit(limit)
                .collect(Collectors.toList()), gathered.unavailable());
    }

    /**
     * This instance's part plus every peer's, asked all at once with one deadline for the lot: a peer that
     * has not answered by then (or answered an error) is left out and named, so the caller can say the
     * answer is partial instead of failing or waiting for the slowest instance.
     */
    private <T> Gathered<T> gather(final List<T> mine, final String pathAndQuery, final TypeReference<List<T>> type) {
        return gather(mine, pathAndQuery, type, answer -> answer);
    }

    /** As above, for peers whose answer holds the items ({@code items}) rather than being their list. */
    private <T, A> Gathered<T> gather(final List<T> mine, final String pathAndQuery, final TypeReference<A> type,
                                      final Function<A, List<T>> items) {
        final Map<HostInfo, CompletableFuture<Optional<A>>> asked = new LinkedHashMap<>();
        for (final HostInfo peer : peers()) {
            asked.put(peer, fetchAsync(peer, pathAndQuery, type));
        }
        try {
            CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
                    .get(FAN_OUT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException | ExecutionException e) {
            // Some peers failed or are late: each future below says which.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final List<T> all = new ArrayList<>(mine);
        final List<HostInfo> unavailable = new ArrayList<>();
        asked.forEach((peer, answer) -> {
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                answer.join().map(items).ifPresent(all::addAll);
            } else {
                answer.cancel(true);
                unavailable.add(peer);
            }
        });
        return new Gathered<>(all, unavailable);
    }

    private List<HostInfo> peers() {
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(h -> !h.equals(self) && h.port() > 0)
                .distinct()
                .toList();
    }

    /** A single read from the owner of a series: its answer within the deadline, or PeerUnavailableException. */
    private <T> Optional<T> fetch(final HostInfo host, final String pathAndQuery, final TypeReference<T> type) {
        try {
            return fetchAsync(host, pathAndQuery, type).get(FAN_OUT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            throw new PeerUnavailableException("instance " + address(host) + " did not answer within "
                    + FAN_OUT_DEADLINE.toSeconds() + " s");
        } catch (final ExecutionException e) {
            throw e.getCause() instanceof PeerUnavailableException p ? p
                    : new PeerUnavailableException("instance " + address(host) + " did not answer: " + e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException("interrupted while asking " + address(host));
        }
    }

    private <T> CompletableFuture<Optional<T>> fetchAsync(final HostInfo host, final String pathAndQuery,
                                                          final TypeReference<T> type) {
        final URI uri = URI.create("http://" + address(host) + pathAndQuery);
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(FAN_OUT_DEADLINE).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    if (response.statusCode() == 404) {
                        return Optional.<T>empty();
                    }
                    if (response.statusCode() != 200) {
                        throw new PeerUnavailableException(address(host) + " answered " + response.statusCode()
                                + " for " + pathAndQuery);
                    }
                    try {
                        return Optional.of(Json.MAPPER.readValue(response.body(), type));
                    } catch (final IOException e) {
                        throw new PeerUnavailableException(address(host) + " answered what is not JSON: " + e.getMessage());
                    }
                });
    }

    /** How instances name each other: {@code host:port}, as in {@code application.server}. */
    public static String address(final HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static String withLocalScope(final String query) {
        return query == null || query.isEmpty() ? LOCAL_SCOPE : query + "&" + LOCAL_SCOPE;
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    /**
     * A list answer gathered from every instance: the items that arrived, and the instances that did not
     * answer in time (empty when the answer is complete).
     */
    public record Gathered<T>(List<T> items, List<HostInfo> unavailable) {

        public Gathered {
            items = List.copyOf(items);
            unavailable = List.copyOf(unavailable);
        }

        public boolean partial() {
            return !unavailable.isEmpty();
        }
    }

    /** A page of a list answer and, when there may be more, the key the next page starts after. */
    public record Page<T>(Gathered<T> gathered, Optional<String> nextAfter) {
    }

    /** The instance that owns a series could not give it; the caller says so with a 503, never guesses. */
    public static final class PeerUnavailableException extends RuntimeException {
        public PeerUnavailableException(final String message) {
            super(message);
        }
    }
}
