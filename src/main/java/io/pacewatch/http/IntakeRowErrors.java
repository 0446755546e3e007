package io.pacewatch.http;

import io.pacewatch.ingest.RowError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A 400 whose body lists every refused row, as {@code publish} prints them. */
final class IntakeRowErrors extends RuntimeException {

    private final transient List<RowError> errors;
    private final int rows;

    IntakeRowErrors(final int rows, final List<RowError> errors) {
        super(errors.size() + " invalid row(s) among " + rows + " read; nothing was sent");
        this.rows = rows;
        this.errors = List.copyOf(errors);
    }

    Map<String, Object> body() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", getMessage());
        body.put("rows", rows);
        body.put("errors", errors.stream().map(e -> {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("place", Escape.whole(e.place()));
            row.put("line", e.line());
            row.put("reason", e.reason());
            row.put("detail", Escape.whole(e.detail()));
            return row;
        }).toList());
        return body;
    }
}
