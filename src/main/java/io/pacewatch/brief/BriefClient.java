package io.pacewatch.brief;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pacewatch.domain.brief.Brief;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a pacewatch service for a brief ({@code GET /api/brief/...}): what {@code pacewatch brief}
 * saves to a file and what {@code pacewatch notify} sends on schedule.
 */
public final class BriefClient {

    private static final ObjectReader BRIEF = Json.MAPPER.readerFor(Brief.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /** @param base the service, such as {@code http://pacewatch:8080} */
    public BriefClient(final URI base, final Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The address of a brief, for a link in a message as much as for a request. */
    public static URI address(final URI base, final String region, final int year, final Integer month,
                              final BriefFormat format) {
        final String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + "/api/brief/" + URLEncoder.encode(region, StandardCharsets.UTF_8) + "/" + year
                + "?format=" + format.extension() + (month == null ? "" : "&month=" + month));
    }

    /** The service's answer: its status and body (an error's body is the service's JSON message). */
    public record Answer(int status, byte[] body) {

        public boolean ok() {
            return status == 200;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Answer fetch(final String region, final int year, final Integer month, final BriefFormat format)
            throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(address(base, region, year, month, format))
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
    }

    /** The brief's model; empty when the service has no figures for it (404). */
    public Optional<Brief> brief(final String region, final int year, final Integer month)
            throws IOException, InterruptedException {
        final Answer answer = fetch(region, year, month, BriefFormat.JSON);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new IOException("the service answered " + answer.status() + ": " + answer.text());
        }
        return Optional.of(BRIEF.readValue(answer.body()));
    }
}
