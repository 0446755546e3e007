package io.pacewatch.http;

import io.pacewatch.ingest.InputFormat;
import java.util.Locale;
import java.util.Map;

/** Which reader an intake body goes to, by its Content-Type: the formats {@code publish} reads files in. */
final class IntakeMediaTypes {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Map<String, InputFormat> MEDIA_TYPES = Map.of(
            "application/json", InputFormat.JSON,
            "application/x-ndjson", InputFormat.JSONL,
            "application/jsonl", InputFormat.JSONL,
            "text/csv", InputFormat.CSV,
            XLSX, InputFormat.XLSX);

    private IntakeMediaTypes() {
    }

    /** The body's format from its media type; a text format must be UTF-8, as {@code publish} reads files. */
    static InputFormat format(final String contentType) {
        final String accepted = "send Content-Type application/json (one object or an array), application/x-ndjson"
                + " (JSON Lines), text/csv or " + XLSX;
        if (contentType == null) {
            throw new ApiException(415, "no Content-Type; " + accepted);
        }
        final String[] parts = contentType.split(";");
        final InputFormat format = MEDIA_TYPES.get(parts[0].strip().toLowerCase(Locale.ROOT));
        if (format == null) {
            throw new ApiException(415, "Content-Type " + Escape.text(parts[0].strip()) + " is not read here; "
                    + accepted);
        }
        for (int i = 1; i < parts.length; i++) {
            final String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && "charset".equalsIgnoreCase(parameter[0].strip())
                    && !"utf-8".equalsIgnoreCase(parameter[1].strip().replace("\"", ""))) {
                throw new ApiException(415, "bodies are read as UTF-8, not " + Escape.text(parameter[1].strip()));
            }
        }
        return format;
    }
}
