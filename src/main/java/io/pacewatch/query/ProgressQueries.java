package io.pacewatch.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Vintages;
import io.pacewatch.topology.PacewatchTopology;
import io.pacewatch.topology.SeriesPartitioner;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers for the whole application, not just this instance: a series is read where its partition
 * is active ({@code queryMetadataForKey} with the progress topic's partitioner), and list queries
 * ask every instance for its local part ({@code scope=local}) and merge the answers.
 */
public final class ProgressQueries {

    public static final String LOCAL_SCOPE = "scope=local";
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final LocalViews local;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();

    public ProgressQueries(final KafkaStreams streams, final HostInfo self, final Clock clock) {
        this.streams = streams;
        this.local = new LocalViews(streams, clock);
        this.self = self;
    }

    public LocalViews local() {
        return local;
    }

    public Optional<SeriesDetail> series(final SeriesKey series) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(PacewatchTopology.PROGRESS_VIEW_STORE, series.id(),
                new SeriesPartitioner<Progress>());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().equals(self)) {
            return local.series(series);
        }
        return fetch(owner.activeHost(), seriesPath(series) + "?" + LOCAL_SCOPE, new TypeReference<SeriesDetail>() { });
    }

    /** Vintages live in the release-history store, partitioned by series id with the default partitioner. */
    public Optional<List<Vintages.PeriodVintages>> vintages(final SeriesKey series) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(PacewatchTopology.RELEASE_HISTORY_STORE, series.id(),
                new org.apache.kafka.common.serialization.StringSerializer());
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().equals(self)) {
            return local.vintages(series);
        }
        return fetch(owner.activeHost(), seriesPath(series) + "/vintages?" + LOCAL_SCOPE,
                new TypeReference<List<Vintages.PeriodVintages>>() { });
    }

    private static String seriesPath(final SeriesKey series) {
        return "/api/progress/" + encode(series.region()) + "/" + encode(series.indicator()) + "/" + series.year();
    }

    public List<Progress> latest(final ProgressFilter filter, final String query) {
        final List<Progress> all = new ArrayList<>(local.latest(filter));
        for (final HostInfo peer : peers()) {
            fetch(peer, "/api/progress?" + withLocalScope(query), new TypeReference<List<Progress>>() { })
                    .ifPresent(all::addAll);
        }
        all.sort(Comparator.comparing(Progress::region).thenComparing(Progress::year).thenComparing(Progress::indicator));
        return all;
    }

    public List<Alert> alerts(final ProgressFilter filter, final String query, final int limit) {
        final Map<String, Alert> byId = new LinkedHashMap<>();
        local.alerts(filter).forEach(a -> byId.put(a.id(), a));
        for (final HostInfo peer : peers()) {
            fetch(peer, "/api/alerts?" + withLocalScope(query), new TypeReference<List<Alert>>() { })
                    .ifPresent(list -> list.forEach(a -> byId.put(a.id(), a)));
        }
        return byId.values().stream()
                .sorted(Comparator.comparing(Alert::occurredAt).reversed().thenComparing(Alert::id))
                .limit(limit)
                .collect(Collectors.toList());
    }

    private List<HostInfo> peers() {
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(h -> !h.equals(self) && h.port() > 0)
                .distinct()
                .toList();
    }

    private <T> Optional<T> fetch(final HostInfo host, final String pathAndQuery, final TypeReference<T> type) {
        final URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new PeerUnavailableException(host + " answered " + response.statusCode() + " for " + pathAndQuery);
            }
            return Optional.of(Json.MAPPER.readValue(response.body(), type));
        } catch (final IOException e) {
            throw new PeerUnavailableException("instance " + host + " did not answer: " + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException("interrupted while asking " + host);
        }
    }

    private static String withLocalScope(final String query) {
        return query == null || query.isEmpty() ? LOCAL_SCOPE : query + "&" + LOCAL_SCOPE;
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    /** Another instance holds part of the answer but could not give it; the caller says so, never half-answers. */
    public static final class PeerUnavailableException extends RuntimeException {
        public PeerUnavailableException(final String message) {
            super(message);
        }
    }
}
