package io.pacewatch.http;

/** A request the API refuses, with the HTTP status and a message meant for the caller. */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(final int status, final String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(final String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(final String message) {
        return new ApiException(404, message);
    }
}
