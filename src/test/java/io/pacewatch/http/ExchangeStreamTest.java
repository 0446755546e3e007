package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacewatch.metrics.ScrapeGzip;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An answer written as it is made ({@link Exchange#stream}), as /metrics is at national size. */
class ExchangeStreamTest {

    private static final String TEXT = "text/plain; charset=utf-8";
    /** Several times the stream's buffer, so the answer goes out in many writes. */
    private static final byte[] BODY = "pacewatch_ytd_amount_yuan{region=\"luohu\"} 1.0E10\n".repeat(60_000)
            .getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpPort port;

    @BeforeEach
    void start() {
        port = HttpPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start(exchange -> {
            switch (exchange.rawPath()) {
                case "/plain" -> exchange.stream(TEXT, null, out -> out.write(BODY));
                case "/gzip" -> {
                    exchange.header("Content-Encoding", "gzip");
                    exchange.stream(TEXT, ScrapeGzip::around, out -> out.write(BODY));
                }
                case "/fails-at-once" -> exchange.stream(TEXT, null, out -> {
                    throw new IllegalStateException("a collector failed");
                });
                case "/gzip-fails-at-once" -> {
                    exchange.header("Content-Encoding", "gzip");
                    exchange.stream(TEXT, ScrapeGzip::around, out -> {
                        throw new IllegalStateException("a collector failed");
                    });
                }
                case "/fails-midway" -> exchange.stream(TEXT, null, out -> {
                    out.write(BODY);
                    throw new IOException("the registry stopped writing");
                });
                case "/gzip-fails-midway" -> {
                    exchange.header("Content-Encoding", "gzip");
                    exchange.stream(TEXT, ScrapeGzip::around, out -> {
                        out.write(BODY);
                        throw new IOException("the registry stopped writing");
                    });
                }
                default -> throw ApiException.notFound("no such endpoint");
            }
        });
    }

    @AfterEach
    void stop() {
        port.close();
    }

    @Test
    void aLargeAnswerArrivesWholeWithoutALengthGivenBeforehand() throws Exception {
        final HttpResponse<byte[]> answer = get("/plain", "GET");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(TEXT);
        assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.body()).isEqualTo(BODY);
    }

    @Test
    void aCompressedAnswerInflatesToTheSameBytes() throws Exception {
        final HttpResponse<byte[]> answer = get("/gzip", "GET");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(answer.body().length).isLessThan(BODY.length / 20);
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(answer.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
        }
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutTheBody() throws Exception {
        final HttpResponse<byte[]> answer = get("/plain", "HEAD");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(TEXT);
        // The GET's length is not known beforehand: a HEAD must not claim one (RFC 9110 8.6).
        assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aWriterThatFailsBeforeWritingGivesTheUsualErrorAnswer() throws Exception {
        final HttpResponse<byte[]> answer = get("/fails-at-once", "GET");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"error\"");
    }

    @Test
    void anErrorInsteadOfACompressedAnswerIsNotLabelledCompressed() throws Exception {
        final HttpResponse<byte[]> answer = get("/gzip-fails-at-once", "GET");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"error\"");
    }

    @Test
    void aWriterThatFailsMidwayLeavesTheClientWithAnAnswerCutShortNotAWholeOne() {
        assertThatThrownBy(() -> get("/fails-midway", "GET")).isInstanceOf(IOException.class);
    }

    /** Compressed, the same text is under the stream's buffer: closing the compressor on the failure sends nothing. */
    @Test
    void aCompressedWriterThatFailsBeforeItsBufferFilledGivesTheUsualErrorAnswer() throws Exception {
        final HttpResponse<byte[]> answer = get("/gzip-fails-midway", "GET");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
    }

    private HttpResponse<byte[]> get(final String path, final String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
