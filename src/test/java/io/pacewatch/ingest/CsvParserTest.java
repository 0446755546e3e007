package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.ingest.TableRecords.TableRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    @Test
    void splitsPlainCellsAndKeepsEmptyOnes() throws IOException {
        assertThat(parse("a,b,c\n,x,\n")).containsExactly(
                cells(1, "a", "b", "c"),
                cells(2, "", "x", ""));
    }

    @Test
    void readsQuotedCellsWithCommasAndDoubledQuotes() throws IOException {
        assertThat(parse("\"罗湖区, 财政局\",\"say \"\"hi\"\"\",\"\"\n")).containsExactly(
                cells(1, "罗湖区, 财政局", "say \"hi\"", ""));
    }

    @Test
    void handlesCrlfRecordsAndAQuotedCellSpanningLines() throws IOException {
        final List<TableRow> rows = parse("h1,h2\r\n\"two\r\nlines\",x\r\nnext,row\r\n");

        assertThat(rows).containsExactly(
                cells(1, "h1", "h2"),
                cells(2, "two\r\nlines", "x"),
                cells(4, "next", "row"));
    }

    @Test
    void numbersRecordsByPhysicalLineSkippingBlankLines() throws IOException {
        assertThat(parse("a\n\n   \n\"b\nc\"\nd")).extracting(TableRow::line).containsExactly(1, 4, 6);
    }

    @Test
    void aTrailingSeparatorAfterAQuotedCellLeavesAnEmptyLastCell() throws IOException {
        assertThat(parse("\"a\",\n")).containsExactly(cells(1, "a", ""));
    }

    @Test
    void refusesAQuoteInsideAnUnquotedCellAndGoesOn() throws IOException {
        final List<TableRow> rows = parse("a,b\"c\nok\n");

        assertThat(rows.get(0)).isInstanceOf(TableRow.Broken.class);
        final RowError error = ((TableRow.Broken) rows.get(0)).error();
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.reason()).isEqualTo("malformed_csv");
        assertThat(error.detail()).contains("cell 2");
        assertThat(rows.get(1)).isEqualTo(cells(2, "ok"));
    }

    @Test
    void refusesTextAfterAClosingQuoteOnTheLineWhereItIs() throws IOException {
        final List<TableRow> rows = parse("x\n\"multi\nline\"oops,b\nok\n");

        assertThat(rows.get(1)).isInstanceOf(TableRow.Broken.class);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(((TableRow.Broken) rows.get(1)).error().detail()).contains("after the closing quote");
        assertThat(rows.get(2)).isEqualTo(cells(4, "ok"));
    }

    @Test
    void reportsAnUnterminatedQuoteWhereItOpenedAndStops() throws IOException {
        final List<TableRow> rows = parse("a,b\nc,\"never closed\nmore\nand more\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(((TableRow.Broken) rows.get(1)).error().detail())
                .contains("unterminated quote").contains("opened on line 2");
    }

    @Test
    void reportsALineThatIsNotUtf8() throws IOException {
        final byte[] file = {'a', '\n', (byte) 0xFF, '\n', 'b', '\n'};
        final List<TableRow> rows = new ArrayList<>();
        final CsvParser parser = new CsvParser(new LineReader(new ByteArrayInputStream(file)));
        for (TableRow row = parser.next(); row != null; row = parser.next()) {
            rows.add(row);
        }

        assertThat(rows).extracting(TableRow::line).containsExactly(1, 2, 3);
        assertThat(((TableRow.Broken) rows.get(1)).error().detail()).contains("not valid UTF-8");
    }

    static List<TableRow> parse(final String text) throws IOException {
        final List<TableRow> rows = new ArrayList<>();
        final CsvParser parser = new CsvParser(new LineReader(TestFiles.utf8(text)));
        for (TableRow row = parser.next(); row != null; row = parser.next()) {
            rows.add(row);
        }
        return rows;
    }

    private static TableRow cells(final int line, final String... cells) {
        return new TableRow.Cells(line, List.of(cells));
    }
}
