package io.pacewatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.ingest.FileOutcome.OutcomeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A JSON document: one message, or an array of them. The array is only split here, by the byte range
 * of each item; each item then goes through the stream's own byte reader (size limit, strict JSON,
 * duplicate and unknown fields), exactly as a line of JSON Lines does, so the two formats cannot
 * drift apart. Items are numbered by the line they start on, and named by their 1-based position.
 */
final class JsonDocumentReader {

    /** Only finds where items begin and end; the strictness is the codec's. */
    private static final JsonFactory SPLITTER = new JsonFactory();

    private JsonDocumentReader() {
    }

    static <T> FileOutcome<T> read(final String name, final InputStream in, final Function<byte[], T> codec)
            throws IOException {
        final byte[] document = in.readAllBytes();
        final OutcomeBuilder<T> out = new OutcomeBuilder<>(name);
        try (JsonParser parser = SPLITTER.createParser(document)) {
            final JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                out.row(parser.currentTokenLocation().getLineNr(), () -> codec.apply(document), null);
            } else if (first == JsonToken.START_ARRAY) {
                items(parser, document, codec, out);
            } else {
                out.badFile(RowError.of(first == null ? 1 : parser.currentTokenLocation().getLineNr(),
                        RejectionReason.MALFORMED_JSON, first == null ? "the document is empty"
                                : "a JSON document is one object or an array of objects"));
            }
        } catch (final JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            out.badFile(RowError.of(at == null ? 1 : Math.max(1, at.getLineNr()), RejectionReason.MALFORMED_JSON,
                    e.getOriginalMessage()));
        }
        return out.build();
    }

    private static <T> void items(final JsonParser parser, final byte[] document, final Function<byte[], T> codec,
                                  final OutcomeBuilder<T> out) throws IOException {
        int item = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                out.badFile(RowError.of(parser.currentLocation().getLineNr(), RejectionReason.MALFORMED_JSON,
                        "the array is not closed: the document is truncated"));
                return;
            }
            item++;
            final JsonLocation start = parser.currentTokenLocation();
            parser.skipChildren();
            if (token != JsonToken.START_OBJECT) {
                out.badRow(RowError.of(start.getLineNr(), RejectionReason.WRONG_TYPE,
                        "item " + item + " of the array is not an object"));
                continue;
            }
            final byte[] message = Arrays.copyOfRange(document, (int) start.getByteOffset(),
                    (int) parser.currentLocation().getByteOffset());
            out.row(start.getLineNr(), () -> codec.apply(message), "item " + item);
        }
        if (parser.nextToken() != null) {
            out.badFile(RowError.of(parser.currentTokenLocation().getLineNr(), RejectionReason.MALFORMED_JSON,
                    "there is more after the array; a JSON document holds one array"));
        }
    }
}
