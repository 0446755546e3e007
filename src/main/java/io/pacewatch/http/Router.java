package io.pacewatch.http;

/**
 * Answers one request that {@link HttpPort} has already checked (GET or HEAD, a well-formed target).
 * Throw {@link ApiException} for a refusal; anything else thrown becomes a JSON 500 or 503.
 */
@FunctionalInterface
public interface Router {

    void route(Exchange exchange) throws Exception;
}
