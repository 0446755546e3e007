package io.pacewatch.http;

import io.pacewatch.wire.Json;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before any route runs (a malformed request line or header, a head
 * too large, an ambiguous URI), in pacewatch's JSON shape instead of Jetty's HTML page. The message is
 * the status's reason phrase, never Jetty's detail, which may quote the request.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback) {
        final int status = status(response.getStatus());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, body(status), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("X-Content-Type-Options", "nosniff");
        return body(status);
    }

    /**
     * A request line without an HTTP version (HTTP/0.9, which Jetty refuses with a 505) is a malformed
     * HTTP/1.x request: the client's error, a 400.
     */
    private static int status(final int jetty) {
        return jetty == 505 ? 400 : jetty >= 400 ? jetty : 500;
    }

    private static ByteBuffer body(final int status) {
        final String reason = HttpStatus.getMessage(status);
        final String message = reason == null ? "the request was refused"
                : reason.toLowerCase(Locale.ROOT) + (status == 431 || status == 414
                        ? ": the request head is over " + HttpPort.MAX_HEAD_BYTES + " bytes" : "");
        try {
            return ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(Exchange.errorBody(status, message)));
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
