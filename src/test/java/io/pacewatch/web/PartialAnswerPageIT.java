package io.pacewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.http.HttpApi;
import io.pacewatch.http.HttpPort;
import io.pacewatch.http.StaticAssets;
import io.pacewatch.query.SeriesIndex;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leaders' page when a list answer is partial: the page is served as in production, while the list
 * endpoint answers as an instance does when a peer is silent (an array and {@code Pacewatch-Partial:
 * true}), so that the browser's handling of those headers is what is tested. The answers of a real
 * partial fan-out are SlowPeerIT's subject; the page with real data is LeadersPageIT's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartialAnswerPageIT {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final String SILENT = "10.0.0.7:8080";

    private final AtomicBoolean partial = new AtomicBoolean(true);
    private HttpPort server;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed");
        server = HttpPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start(exchange -> {
            if ("/api/progress".equals(exchange.rawPath())) {
                exchange.header(HttpApi.PARTIAL, Boolean.toString(partial.get()));
                if (partial.get()) {
                    exchange.header(HttpApi.UNAVAILABLE, SILENT);
                }
                exchange.json(200, List.of());
            } else if ("/api/series-index".equals(exchange.rawPath())) {
                // the page fills its selectors from the index before it polls the list
                exchange.json(200, new SeriesIndex(List.of(new SeriesIndex.RegionYears("luohu", List.of(2023))),
                        List.of(2023), List.of()));
            } else {
                StaticAssets.serve(exchange);
            }
        });
        chromium = HeadlessChromium.launch(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a partial list answer shows a notice naming the instances that did not answer, gone once complete")
    void partialAnswerIsSaid() throws Exception {
        final HeadlessChromium.Tab tab = chromium.newTab(1280, 800);
        tab.navigate("http://127.0.0.1:" + server.port() + "/?region=luohu&year=2023", PAGE_WAIT);
        final JsonNode notice = tab.waitFor("document.getElementById('notice').hidden ? null"
                + " : document.getElementById('notice').textContent", n -> n.isTextual()
                && n.asText().contains(SILENT), PAGE_WAIT, "the partial notice");
        assertThat(notice.asText()).contains("Some instances did not answer in time", SILENT);

        partial.set(false);
        tab.waitFor("document.getElementById('notice').textContent", n -> !n.asText().contains(SILENT), PAGE_WAIT,
                "the notice without the partial line");
        assertThat(chromium.problems()).isEmpty();
    }
}
