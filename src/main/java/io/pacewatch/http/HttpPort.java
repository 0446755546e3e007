package io.pacewatch.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty server behind the one HTTP port. It binds before it serves, so the service can
 * tell Kafka Streams its real port ({@code application.server}) before any request arrives. Before a
 * {@link Router} sees a request it must be a GET or HEAD (or a POST to a path the router takes it on; else 405) with a target in RFC 3986 characters
 * (else 400); every error Jetty produces itself (a bad request line, a head over {@link #MAX_HEAD_BYTES}:
 * 431 or 414) is JSON too ({@link JsonErrors}).
 */
public final class HttpPort implements AutoCloseable {

    /** The largest request head answered; larger ones get a 431 (or 414 for the request line alone). */
    static final int MAX_HEAD_BYTES = 128 * 1024;
    private static final int MAX_THREADS = 16;
    private static final long IDLE_TIMEOUT_MS = 30_000;
    /** Unreserved, sub-delims, ':', '@', '/', '?' and '%' escapes: anything else must be percent-encoded. */
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*");

    private final Server server;
    private final ServerConnector connector;

    private HttpPort(final Server server, final ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static HttpPort bind(final InetSocketAddress address) {
        final QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("pacewatch-http");
        threads.setDaemon(true);
        final Server server = new Server(threads);
        final HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(MAX_HEAD_BYTES);
        // RFC 9112 3.2.2: with an absolute-form target the server uses its authority and ignores Host.
        config.setHttpCompliance(HttpCompliance.RFC9110.with("pacewatch", HttpCompliance.Violation.MISMATCHED_AUTHORITY));
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        final ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors());
        try {
            connector.open();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        return new HttpPort(server, connector);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Starts answering with {@code router}; requests that arrived since {@link #bind} are answered now. */
    public HttpPort start(final Router router) {
        return start(router, path -> false);
    }

    /** As {@link #start(Router)}, letting {@code POST} reach the router on the paths {@code posts} accepts. */
    public HttpPort start(final Router router, final Predicate<String> posts) {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(final Request request, final Response response, final Callback callback) {
                final Exchange exchange = new Exchange(request, response, callback);
                final String method = request.getMethod();
                final boolean post = "POST".equals(method) && posts.test(exchange.rawPath());
                if (!"GET".equals(method) && !"HEAD".equals(method) && !post) {
                    exchange.header("Allow", "GET, HEAD").error(405, "only GET is supported");
                } else if (!wellFormed(exchange.rawPath()) || !wellFormed(exchange.rawQuery())) {
                    exchange.error(400, "the request target must use percent-encoding for anything but letters,"
                            + " digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ / ?");
                } else {
                    exchange.run(router);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot start the HTTP server on " + address(), e);
        }
        return this;
    }

    private static boolean wellFormed(final String part) {
        return part == null || TARGET.matcher(part).matches();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot stop the HTTP server", e);
        }
    }
}
