package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.ingest.LineReader.SourceLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void numbersLinesEndedByLfOrCrlfAndKeepsAFinalLineWithoutBreak() throws IOException {
        final List<SourceLine> lines = read("a\r\nb\n\nc".getBytes());

        assertThat(lines).containsExactly(
                new SourceLine.Text(1, "a", "\r\n"),
                new SourceLine.Text(2, "b", "\n"),
                new SourceLine.Text(3, "", "\n"),
                new SourceLine.Text(4, "c", ""));
    }

    @Test
    void aTrailingLineBreakDoesNotMakeAnEmptyLastLine() throws IOException {
        assertThat(read("a\n".getBytes())).containsExactly(new SourceLine.Text(1, "a", "\n"));
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void dropsTheByteOrderMarkOfTheFirstLineOnly() throws IOException {
        final byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        final byte[] file = concat(bom, "region\n".getBytes());

        assertThat(read(file)).containsExactly(new SourceLine.Text(1, "region", "\n"));
    }

    @Test
    void reportsALineThatIsNotUtf8WithItsNumberAndReadsOn() throws IOException {
        // "罗湖" in GBK, the usual encoding of a CSV saved by a Chinese Excel.
        final byte[] gbk = {(byte) 0xC2, (byte) 0xDE, (byte) 0xBA, (byte) 0xFE};
        final byte[] file = concat("ok\n".getBytes(), gbk, "\nstill ok\n".getBytes());

        assertThat(read(file)).containsExactly(
                new SourceLine.Text(1, "ok", "\n"),
                new SourceLine.Unreadable(2, SourceLine.Problem.NOT_UTF8),
                new SourceLine.Text(3, "still ok", "\n"));
    }

    @Test
    void reportsAnOverlongLineWithoutKeepingItAndReadsOn() throws IOException {
        final byte[] huge = new byte[LineReader.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        final byte[] file = concat(huge, "\nnext\n".getBytes());

        assertThat(read(file)).containsExactly(
                new SourceLine.Unreadable(1, SourceLine.Problem.TOO_LONG),
                new SourceLine.Text(2, "next", "\n"));
    }

    static List<SourceLine> read(final byte[] bytes) throws IOException {
        final List<SourceLine> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes))) {
            for (SourceLine line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
