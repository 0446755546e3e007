package io.pacewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.Progress;
import io.pacewatch.http.HttpApi;
import io.pacewatch.query.LocalViews;
import io.pacewatch.query.ProgressFilter;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.topology.PacewatchTopology;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10, item 12: a peer that accepts connections and never answers. A real pacewatch instance shares
 * its application with a second Kafka Streams member of the same topology whose {@code application.server}
 * points at a socket that accepts and stays silent, as a hung instance would. While the instance's list
 * queries wait for that peer, health and metrics must still answer (before those queries do); the list
 * answer must come after one fan-out deadline with this instance's data and {@code Pacewatch-Partial: true}
 * naming the silent peer; a single series the silent peer owns is a JSON 503.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowPeerIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * Only keeps a hung probe from hanging the test: that health and metrics do not wait for the API is
     * shown by their answering while list queries are still waiting for the silent peer.
     */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(30);
    private static final int REGIONS = 12;
    private static final int CONCURRENT_LISTS = 6;
    private static final String LIST = "/api/progress?indicator=RETAIL_SALES&year=2023";

    private final String tag = "sp" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();
    private KafkaTestBroker kafka;
    private ServerSocket silent;
    private PacewatchService instance;
    private KafkaStreams silentMember;

    @BeforeAll
    void start() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (final IOException e) {
                    return;
                }
            }
        }, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();

        final String applicationId = "pacewatch-slowpeer-" + tag;
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", applicationId);
        instance = PacewatchService.start(new ServiceSettings(props, CatalogueLoader.bundled(), "127.0.0.1", 0,
                "127.0.0.1", stateDir(), true, 2, (short) 1));

        final Properties member = StreamsSettings.defaults();
        member.putAll(props);
        member.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + silent.getLocalPort());
        member.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        silentMember = new KafkaStreams(PacewatchTopology.build(CatalogueLoader.bundled()), member);
        silentMember.start();

        await("both members RUNNING").atMost(WAIT).until(() -> instance.state() == KafkaStreams.State.RUNNING
                && silentMember.state() == KafkaStreams.State.RUNNING);
        kafka.produceStrings(Topics.RELEASES, RetailReleases.forRegions(tag, REGIONS));
    }

    private Path stateDir() throws IOException {
        final Path dir = Files.createTempDirectory("pacewatch-slowpeer");
        stateDirs.add(dir);
        return dir;
    }

    @AfterAll
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (silentMember != null) {
            silentMember.close(Duration.ofSeconds(30));
        }
        if (silent != null) {
            silent.close();
        }
        for (final Socket socket : held) {
            socket.close();
        }
        for (final Path dir : stateDirs) {
            Utils.delete(dir.toFile());
        }
    }

    @Test
    @DisplayName("a silent peer: health and metrics answer while lists wait, lists answer partial with local data, its series is a 503")
    void silentPeerSlowsNothingButItsOwnPart() throws Exception {
        final ProgressFilter ours = new ProgressFilter(null, 2023, "RETAIL_SALES", null, null);
        final LocalViews silentViews = new LocalViews(silentMember, Clock.systemUTC());
        await("every region processed, some by each member").atMost(WAIT).until(() -> {
            final Set<String> here = localRegions();
            final Set<String> there = regions(silentViews.latest(ours));
            return here.size() + there.size() == REGIONS && !here.isEmpty() && !there.isEmpty();
        });
        final Set<String> here = localRegions();
        final String silentRegion = regions(silentViews.latest(ours)).iterator().next();

        final List<CompletableFuture<HttpResponse<String>>> lists = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_LISTS; i++) {
            lists.add(http.sendAsync(request(LIST, Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString()));
        }
        for (final String probe : List.of("/health/live", "/health/ready", "/metrics")) {
            final HttpResponse<String> answer = http.send(request(probe, PROBE_LIMIT), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(probe + ": " + answer.body()).isEqualTo(200);
        }
        assertThat(lists).as("list queries still waiting for the silent peer while health answered")
                .anyMatch(list -> !list.isDone());

        final String silentAddress = "127.0.0.1:" + silent.getLocalPort();
        for (final CompletableFuture<HttpResponse<String>> list : lists) {
            final HttpResponse<String> answer = list.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue(HttpApi.PARTIAL)).hasValue("true");
            assertThat(answer.headers().firstValue(HttpApi.UNAVAILABLE)).hasValue(silentAddress);
            assertThat(ourRegions(answer.body())).isEqualTo(here);
        }

        final HttpResponse<String> series = http.send(request("/api/progress/" + silentRegion + "/RETAIL_SALES/2023",
                Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());
        assertThat(series.statusCode()).as(series.body()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(series.body()).get("error").asText()).contains(silentAddress);

        final HttpResponse<String> local = http.send(request(LIST + "&scope=local", Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(local.headers().firstValue(HttpApi.PARTIAL)).hasValue("false");
        assertThat(local.headers().firstValue(HttpApi.UNAVAILABLE)).isEmpty();
    }

    private Set<String> localRegions() throws Exception {
        final HttpResponse<String> answer = http.send(request(LIST + "&scope=local", Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? ourRegions(answer.body()) : Set.of();
    }

    private Set<String> ourRegions(final String json) throws IOException {
        final Set<String> regions = new TreeSet<>();
        for (final JsonNode node : Json.MAPPER.readTree(json)) {
            if (node.get("region").asText().startsWith(tag)) {
                regions.add(node.get("region").asText());
            }
        }
        return regions;
    }

    private Set<String> regions(final List<Progress> progress) {
        return progress.stream().map(Progress::region).filter(r -> r.startsWith(tag))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private HttpRequest request(final String path, final Duration timeout) {
        final InetSocketAddress address = instance.httpAddress();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(timeout).GET().build();
    }
}
