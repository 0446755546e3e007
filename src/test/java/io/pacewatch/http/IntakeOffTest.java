package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.wire.CatalogueLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Without a token file the intake adds nothing: its paths answer as any unknown path always did. */
class IntakeOffTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutATokenFileThePostRoutesDoNotExist() throws Exception {
        final Intake intake = Intake.of(IntakeSettings.OFF, new Properties(), CatalogueLoader.bundled(),
                IntakeSummary.KnownVersions.NONE);
        assertThat(intake).isSameAs(Intake.OFF);
        assertThat(intake.accepts(Intake.RELEASES)).isFalse();
        final Router router = exchange -> {
            throw ApiException.notFound("no such endpoint");
        };
        final HttpPort port = HttpPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .start(intake.around(router), intake::accepts);
        try {
            final URI releases = URI.create("http://127.0.0.1:" + port.port() + Intake.RELEASES);
            final HttpResponse<String> post = http.send(HttpRequest.newBuilder(releases)
                    .header("Authorization", "Bearer x").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            final HttpResponse<String> get = http.send(HttpRequest.newBuilder(releases).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(404);
        } finally {
            port.close();
        }
    }
}
