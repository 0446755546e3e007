package io.pacewatch.http;

import io.pacewatch.query.ProgressQueries;
import io.pacewatch.wire.Json;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its answer, written once: every answer carries {@code nosniff} and, unless the
 * route chose otherwise, {@code Cache-Control: no-store}; a HEAD gets the headers of the GET without
 * its body. Failures become the JSON error shape {@code {"status":N,"error":"..."}} here, and only here.
 */
public final class Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    static final String JSON = "application/json; charset=utf-8";

    private final Request request;
    private final Response response;
    private final Callback callback;

    Exchange(final Request request, final Response response, final Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded and not normalised. */
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    /** The query as sent, still percent-encoded; null when there is none. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** Whether the client said it takes a gzip body (Accept-Encoding), as Prometheus does by default. */
    public boolean acceptsGzip() {
        final String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        return accepted != null && java.util.Arrays.stream(accepted.split(","))
                .map(coding -> coding.trim().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(coding -> coding.equals("gzip")
                        || coding.startsWith("gzip;") && !coding.replace(" ", "").matches("gzip;q=0(\\.0*)?"));
    }

    /** A header of the request, or null. */
    public String requestHeader(final String name) {
        return request.getHeaders().get(name);
    }

    /**
     * The request body, refused with a 413 as soon as it is known to exceed {@code limit} bytes: from its
     * Content-Length before anything is read, else after {@code limit + 1} bytes. Blocks: only for a
     * route running {@link #later}, never on the server's threads.
     *
     * <p>Before the 413, up to {@link #DRAIN_BYTES} of the unread body are read and dropped. A client that
     * did not wait for {@code 100 Continue} is still sending; were the connection closed on its unread
     * bytes, TCP would reset it and the client would see "connection reset" instead of the 413 (the JDK's
     * HttpClient: "header parser received no bytes"). A client that did ask for {@code 100 Continue} has
     * sent nothing and gets the 413 at once; so does one whose body is larger than the drain allows.
     */
    byte[] body(final int limit) throws IOException {
        final ApiException tooLarge = new ApiException(413, "the body is over " + limit + " bytes, the intake's"
                + " limit; split it into smaller requests");
        final long declared = request.getLength();
        if (declared > limit) {
            if (!waitsForContinue() && declared - limit <= DRAIN_BYTES) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    drain(in);
                }
            }
            throw tooLarge;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            final byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                drain(in);
                throw tooLarge;
            }
            return body;
        }
    }

    /** How much of a refused body is read and dropped so the client gets its 413; see {@link #body}. */
    static final int DRAIN_BYTES = 1 << 20;

    private static void drain(final InputStream in) throws IOException {
        final byte[] dropped = new byte[8192];
        long left = DRAIN_BYTES;
        for (int read; left > 0 && (read = in.read(dropped, 0, (int) Math.min(dropped.length, left))) >= 0; ) {
            left -= read;
        }
    }

    private boolean waitsForContinue() {
        final String expect = request.getHeaders().get(HttpHeader.EXPECT);
        return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }

    public Exchange header(final String name, final String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public void json(final int status, final Object body) {
        try {
            send(status, JSON, Json.MAPPER.writeValueAsBytes(body));
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            fail(e);
        }
    }

    /** A 200 JSON answer the client may keep and revalidate: see {@link #revalidated}. */
    public void jsonRevalidated(final Object body, final String cacheControl) {
        final byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            fail(e);
            return;
        }
        revalidated(JSON, bytes, cacheControl);
    }

    /**
     * A 200 answer the client may keep and revalidate: it carries an ETag of its bytes and the given
     * Cache-Control, and a request whose If-None-Match names that tag gets a 304 without a body. The
     * tag is a digest of the answer's bytes and of whether it is partial (said in a header, set before),
     * so a change of either is a new tag; nothing has to be remembered per client or per resource.
     */
    public void revalidated(final String contentType, final byte[] bytes, final String cacheControl) {
        final String tag = EntityTags.of(bytes, response.getHeaders().get(HttpApi.PARTIAL));
        response.getHeaders().put(HttpHeader.ETAG, tag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        send(200, contentType, bytes);
    }

    public void text(final int status, final String contentType, final String body) {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public void send(final int status, final String contentType, final byte[] body) {
        head(status, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, isHead() ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), callback);
    }

    /**
     * A 200 answer written as it is made, of a length not known beforehand (chunked), and never held
     * whole in memory: for answers of tens of megabytes. A writer that fails before it has written
     * {@value #STREAM_BUFFER} bytes leaves nothing sent, so the failure still becomes the usual error
     * answer; one that fails later ends the answer cut short, which no client takes for a whole one.
     * Blocks while the client reads: a route that streams holds its thread until then, so it runs
     * {@link #later} on an executor of its own, never on the server's threads.
     *
     * @param compressor wraps the answer's stream when the body is sent compressed (its Content-Encoding
     *                   set by the caller), or null to send it as written
     */
    public void stream(final String contentType, final Compressor compressor, final BodyWriter body) throws IOException {
        head(200, contentType);
        if (isHead()) {
            // A last write before the head is sent would give it Content-Length: 0; the GET has no length.
            response.write(false, BufferUtil.EMPTY_BUFFER,
                    Callback.from(() -> response.write(true, BufferUtil.EMPTY_BUFFER, callback), callback::failed));
            return;
        }
        final Severable wire = new Severable(new BufferedOutputStream(Content.Sink.asOutputStream(response), STREAM_BUFFER));
        final OutputStream out = compressor == null ? wire : compressor.around(wire);
        // Not try-with-resources: closing on a failure would send what was written as if it were all.
        try {
            body.writeTo(out);
            out.close();
        } catch (final IOException | RuntimeException e) {
            // Cut off from the answer first, so a compressor's close frees its native memory and sends nothing.
            wire.sever();
            try {
                out.close();
            } catch (final IOException ignored) {
                // Nothing reaches the answer any more; the failure that matters is e.
            }
            if (!response.isCommitted()) {
                throw e;
            }
            // Usually the client gone (a scraper's timeout): there is no one to answer any more.
            LOG.warn("HTTP {} cut short after it started: {}", rawPath(), e.toString());
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    static final int STREAM_BUFFER = 1 << 16;

    /** Passes writes on to the answer until severed, then drops them (and the close). */
    private static final class Severable extends FilterOutputStream {
        private boolean severed;

        Severable(final OutputStream out) {
            super(out);
        }

        void sever() {
            severed = true;
        }

        @Override
        public void write(final int b) throws IOException {
            if (!severed) {
                out.write(b);
            }
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            if (!severed) {
                out.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!severed) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!severed) {
                out.close();
            }
        }
    }

    /** Writes an answer's body into a stream it must not close. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A compressing stream around the answer's (gzip, say), closed when the body is written. */
    @FunctionalInterface
    public interface Compressor {
        OutputStream around(OutputStream out) throws IOException;
    }

    private void head(final int status, final String contentType) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (!response.getHeaders().contains(HttpHeader.CACHE_CONTROL)) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
    }

    private boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    /**
     * Answers on {@code executor} instead of the server thread, so that slow work (a peer that does not
     * answer) never holds the threads that answer health and metrics. A full executor is a 503.
     */
    public void later(final Executor executor, final Router work) {
        try {
            executor.execute(() -> run(work));
        } catch (final RejectedExecutionException e) {
            header("Retry-After", "1");
            error(503, "too many requests of this kind at once; retry shortly");
        }
    }

    void run(final Router work) {
        try {
            work.route(this);
        } catch (final Exception | Error e) {
            fail(e);
        }
    }

    void fail(final Throwable e) {
        if (e instanceof ApiException api) {
            error(api.status(), api.getMessage());
        } else if (e instanceof ProgressQueries.PeerUnavailableException || e instanceof InvalidStateStoreException) {
            error(503, "not ready to answer: " + e.getMessage() + "; retry shortly");
        } else {
            LOG.error("HTTP {} failed", rawPath(), e);
            error(500, "internal error; see the service log");
        }
    }

    void error(final int status, final String message) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("answer already started; cannot send " + status));
            return;
        }
        response.getHeaders().remove(HttpHeader.CACHE_CONTROL);
        // Set for a body that was to be compressed (a scrape); the error is not.
        response.getHeaders().remove(HttpHeader.CONTENT_ENCODING);
        json(status, errorBody(status, message));
    }

    static Map<String, Object> errorBody(final int status, final String message) {
        return Map.of("status", status, "error", message);
    }
}
