package io.pacewatch.ingest;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * One row of a table, a CSV record or a sheet row, numbered as its reader shows it (the physical
 * line a CSV record starts on, the sheet's row number), or why it could not be read.
 */
sealed interface TableRow permits TableRow.Cells, TableRow.Broken {

    int line();

    /**
     * What a spreadsheet cell held, so that a number stays a number and a date a date. Every CSV cell
     * is {@link #TEXT}. A {@link #NUMBER} or {@link #PERCENT} cell's text is its exact decimal (a
     * percent cell stores 5.2% as 0.052); a {@link #DATE} cell's is an ISO local date-time; an
     * {@link #ERROR} cell's is the error Excel shows, e.g. {@code #DIV/0!}.
     */
    enum Kind { TEXT, NUMBER, PERCENT, DATE, ERROR }

    /** The rows of one table, read one at a time. */
    interface Source {
        /** The next row, or {@code null} after the last. Entirely blank rows are skipped. */
        TableRow next() throws IOException;
    }

    record Cells(int line, List<String> cells, List<Kind> kinds) implements TableRow {

        public Cells {
            cells = List.copyOf(cells);
            kinds = List.copyOf(kinds);
            if (kinds.size() != cells.size()) {
                throw new IllegalArgumentException(kinds.size() + " kinds for " + cells.size() + " cells");
            }
        }

        /** A row of text cells, as every CSV row is. */
        Cells(final int line, final List<String> cells) {
            this(line, cells, Collections.nCopies(cells.size(), Kind.TEXT));
        }
    }

    record Broken(RowError error) implements TableRow {

        @Override
        public int line() {
            return error.line();
        }
    }
}
