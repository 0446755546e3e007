package io.pacewatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a file into physical lines as an editor numbers them (LF or CRLF ends a line) and decodes
 * each line as UTF-8 on its own. Decoding per line, rather than the whole stream, is what lets a
 * broken byte be reported with its line number instead of failing the file; it also bounds memory
 * for a file that has no line breaks at all.
 */
final class LineReader implements Closeable {

    /** Far beyond any real row; a longer line is a binary file or a missing line break. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private int number;
    private boolean endOfInput;

    LineReader(final InputStream in) {
        this.in = in;
    }

    /** The next line, or {@code null} after the last one. A final line without a line break still counts. */
    SourceLine next() throws IOException {
        if (endOfInput) {
            return null;
        }
        final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean tooLong = false;
        boolean brokenByNewline = false;
        while (!brokenByNewline) {
            if (position == limit && !fill()) {
                endOfInput = true;
                break;
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            final int length = end - position;
            if (!tooLong && line.size() + length <= MAX_LINE_BYTES) {
                line.write(buffer, position, length);
            } else {
                tooLong = true;
            }
            brokenByNewline = end < limit;
            position = brokenByNewline ? end + 1 : end;
        }
        if (endOfInput && line.size() == 0 && !tooLong) {
            return null;
        }
        number++;
        if (tooLong) {
            return new SourceLine.Unreadable(number, SourceLine.Problem.TOO_LONG);
        }
        return decode(line.toByteArray(), brokenByNewline);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private SourceLine decode(final byte[] bytes, final boolean brokenByNewline) {
        // Excel writes "CSV UTF-8" with a byte-order mark; it is not part of the first column's name.
        final int start = number == 1 && startsWithBom(bytes) ? UTF8_BOM.length : 0;
        final boolean crlf = brokenByNewline && bytes.length > start && bytes[bytes.length - 1] == '\r';
        final int end = crlf ? bytes.length - 1 : bytes.length;
        try {
            final String text = decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            return new SourceLine.Text(number, text, crlf ? "\r\n" : brokenByNewline ? "\n" : "");
        } catch (final CharacterCodingException e) {
            return new SourceLine.Unreadable(number, SourceLine.Problem.NOT_UTF8);
        }
    }

    private static boolean startsWithBom(final byte[] bytes) {
        return bytes.length >= UTF8_BOM.length
                && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    private boolean fill() throws IOException {
        final int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            // read() returns 0 only for a zero-length request; -1 is the end.
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** One physical line of an input file, numbered from 1, or the reason it cannot be read as text. */
    sealed interface SourceLine permits SourceLine.Text, SourceLine.Unreadable {

        int number();

        /** {@code lineBreak} is what ended the line ({@code "\n"}, {@code "\r\n"}, or empty at the end of the file). */
        record Text(int number, String text, String lineBreak) implements SourceLine {
        }

        record Unreadable(int number, Problem problem) implements SourceLine {
        }

        enum Problem {
            NOT_UTF8("the line is not valid UTF-8 (a file saved as GBK or GB18030? save it as UTF-8)"),
            TOO_LONG("the line is longer than " + LineReader.MAX_LINE_BYTES + " bytes");

            private final String description;

            Problem(final String description) {
                this.description = description;
            }

            String description() {
                return description;
            }
        }
    }
}
