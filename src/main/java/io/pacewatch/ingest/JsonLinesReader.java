package io.pacewatch.ingest;

import io.pacewatch.domain.RejectionReason;
import io.pacewatch.ingest.FileOutcome.OutcomeBuilder;
import io.pacewatch.ingest.LineReader.SourceLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * JSON Lines: one message per line, exactly as it would be sent to the topic, so each line goes
 * through the stream's own byte reader (size limit, strict JSON, unknown fields) and not through a
 * second, possibly different, JSON parser. Blank lines and lines starting with {@code #} are skipped.
 */
final class JsonLinesReader {

    private JsonLinesReader() {
    }

    static <T> FileOutcome<T> read(final String file, final LineReader lines, final Function<byte[], T> codec)
            throws IOException {
        final OutcomeBuilder<T> out = new OutcomeBuilder<>(file);
        for (SourceLine line = lines.next(); line != null; line = lines.next()) {
            if (line instanceof SourceLine.Unreadable unreadable) {
                final RejectionReason reason = unreadable.problem() == SourceLine.Problem.TOO_LONG
                        ? RejectionReason.OVERSIZE : RejectionReason.MALFORMED_JSON;
                out.badRow(RowError.of(line.number(), reason, unreadable.problem().description()));
                continue;
            }
            final String text = ((SourceLine.Text) line).text();
            final String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            out.row(line.number(), () -> codec.apply(text.getBytes(StandardCharsets.UTF_8)), null);
        }
        return out.build();
    }
}
