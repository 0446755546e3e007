package io.pacewatch.ingest;

import io.pacewatch.domain.RejectionReason;
import io.pacewatch.ingest.LineReader.SourceLine;
import io.pacewatch.ingest.TableRecords.TableRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: cells separated by commas, a cell that contains a comma, a quote or a
 * line break is enclosed in double quotes, and a quote inside it is doubled. Records end with LF or
 * CRLF; a quoted cell may span lines (and keeps its line breaks). Entirely blank lines are skipped.
 *
 * <p>Strict on purpose: a stray quote in an unquoted cell or text after a closing quote means the
 * file was not written by a CSV writer, and guessing what was meant could shift a figure into the
 * wrong column. Such a record is reported with its line and reading goes on with the next line. An
 * unterminated quote swallows the rest of the file, so after it nothing more can be trusted: it is
 * reported at the line where the quote opened and reading stops.
 */
final class CsvParser implements TableRow.Source {

    private static final char SEPARATOR = ',';
    private static final char QUOTE = '"';

    private final LineReader lines;
    private boolean stopped;

    CsvParser(final LineReader lines) {
        this.lines = lines;
    }

    /** The next record, or {@code null} at the end of the file. */
    @Override
    public TableRow next() throws IOException {
        if (stopped) {
            return null;
        }
        SourceLine first = lines.next();
        while (first instanceof SourceLine.Text text && text.text().isBlank()) {
            first = lines.next();
        }
        if (first == null) {
            return null;
        }
        if (first instanceof SourceLine.Unreadable unreadable) {
            return new TableRow.Broken(unreadableLine(unreadable));
        }
        final SourceLine.Text text = (SourceLine.Text) first;
        final Cursor cursor = new Cursor(text);
        final List<String> cells = new ArrayList<>();
        try {
            do {
                final int cellNumber = cells.size() + 1;
                cells.add(cursor.at(QUOTE) ? quotedCell(cursor, cellNumber) : unquotedCell(cursor, cellNumber));
            } while (cursor.skip(SEPARATOR));
            return new TableRow.Cells(text.number(), cells);
        } catch (final SyntaxError e) {
            return new TableRow.Broken(e.error);
        }
    }

    private static String unquotedCell(final Cursor cursor, final int cellNumber) throws SyntaxError {
        final String text = cursor.line.text();
        final int comma = text.indexOf(SEPARATOR, cursor.pos);
        final int end = comma < 0 ? text.length() : comma;
        final String cell = text.substring(cursor.pos, end);
        if (cell.indexOf(QUOTE) >= 0) {
            throw new SyntaxError(RowError.malformedCsv(cursor.line.number(), "a quote inside unquoted cell "
                    + cellNumber + ": enclose the whole cell in quotes and double the quotes inside it"));
        }
        cursor.pos = end;
        return cell;
    }

    /** A cell that starts at a quote; it ends at the next single quote, which may be lines further on. */
    private String quotedCell(final Cursor cursor, final int cellNumber) throws IOException, SyntaxError {
        final int openedOn = cursor.line.number();
        final StringBuilder cell = new StringBuilder();
        cursor.pos++;
        while (true) {
            final String text = cursor.line.text();
            final int quote = text.indexOf(QUOTE, cursor.pos);
            if (quote < 0) {
                cell.append(text, cursor.pos, text.length()).append(cursor.line.lineBreak());
                cursor.moveTo(continuation(openedOn, cellNumber, cell.length()));
                continue;
            }
            cell.append(text, cursor.pos, quote);
            cursor.pos = quote + 1;
            if (!cursor.skip(QUOTE)) {
                break;
            }
            cell.append(QUOTE);
        }
        if (!cursor.atEnd() && !cursor.at(SEPARATOR)) {
            throw new SyntaxError(RowError.malformedCsv(cursor.line.number(), "text after the closing quote of cell "
                    + cellNumber + ": a quoted cell must end at a comma or at the end of the line"));
        }
        return cell.toString();
    }

    /** The line a quoted cell continues on; every way this fails ends the file, as the quoting is lost. */
    private SourceLine.Text continuation(final int openedOn, final int cellNumber, final int cellLength)
            throws IOException, SyntaxError {
        final SourceLine next = lines.next();
        if (next == null) {
            stopped = true;
            throw new SyntaxError(RowError.malformedCsv(openedOn, "unterminated quote: the quoted cell " + cellNumber
                    + " opened on line " + openedOn + " never closes"));
        }
        if (next instanceof SourceLine.Unreadable unreadable) {
            stopped = true;
            throw new SyntaxError(unreadableLine(unreadable));
        }
        if (cellLength > LineReader.MAX_LINE_BYTES) {
            stopped = true;
            throw new SyntaxError(RowError.malformedCsv(openedOn, "the quoted cell " + cellNumber + " opened on line "
                    + openedOn + " runs on for over " + LineReader.MAX_LINE_BYTES
                    + " characters: probably an unterminated quote"));
        }
        return (SourceLine.Text) next;
    }

    private static RowError unreadableLine(final SourceLine.Unreadable line) {
        return line.problem() == SourceLine.Problem.TOO_LONG
                ? RowError.of(line.number(), RejectionReason.OVERSIZE, line.problem().description())
                : RowError.malformedCsv(line.number(), line.problem().description());
    }

    /** Where the parser is: a line of the file and a position in it. */
    private static final class Cursor {

        private SourceLine.Text line;
        private int pos;

        Cursor(final SourceLine.Text line) {
            this.line = line;
        }

        boolean atEnd() {
            return pos >= line.text().length();
        }

        boolean at(final char c) {
            return !atEnd() && line.text().charAt(pos) == c;
        }

        /** Steps over {@code c} if it is next. */
        boolean skip(final char c) {
            if (!at(c)) {
                return false;
            }
            pos++;
            return true;
        }

        void moveTo(final SourceLine.Text next) {
            line = next;
            pos = 0;
        }
    }

    /** A record that breaks the CSV syntax; caught in {@link #next()} and returned as a broken row. */
    private static final class SyntaxError extends Exception {

        private final transient RowError error;

        SyntaxError(final RowError error) {
            // No stack trace: this is a verdict on the input, not a bug to locate.
            super(error.detail(), null, false, false);
            this.error = error;
        }
    }
}
