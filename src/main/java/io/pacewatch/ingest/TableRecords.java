package io.pacewatch.ingest;

import io.pacewatch.ingest.FileOutcome.OutcomeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The data rows of a table, after its header: each read, shape-checked and validated in turn. */
final class TableRecords {

    private TableRecords() {
    }

    /** What a file reader does with the rows of its table. */
    interface TableReading<T> {
        void read(TableRow.Source rows, OutcomeBuilder<T> out) throws IOException;
    }

    /**
     * Reads the table of a CSV file or of one sheet of a workbook ({@code null}: the first); errors in
     * a sheet name the sheet and the cell.
     */
    static <T> FileOutcome<T> read(final String name, final InputStream in, final InputFormat format,
                                   final String sheet, final TableReading<T> reading) throws IOException {
        if (format == InputFormat.XLSX) {
            try (SheetReader rows = SheetReader.open(in, sheet)) {
                final OutcomeBuilder<T> out = new OutcomeBuilder<>(name, rows.name());
                reading.read(rows, out);
                return out.build();
            }
        }
        final OutcomeBuilder<T> out = new OutcomeBuilder<>(name);
        reading.read(new CsvParser(new LineReader(in)), out);
        return out.build();
    }

    static <T> void read(final TableRow.Source rows, final TableHeader header, final RowMapper<T> mapper,
                         final ClerkForms forms, final OutcomeBuilder<T> out) throws IOException {
        boolean first = true;
        for (TableRow row = rows.next(); row != null; row = rows.next()) {
            if (row instanceof TableRow.Broken broken) {
                out.badRow(broken.error());
                first = false;
                continue;
            }
            final TableRow.Cells cells = (TableRow.Cells) row;
            if (first && header.isSecondHeading(cells)) {
                first = false;
                continue;
            }
            first = false;
            final Optional<RowError> shape = header.shapeError(cells);
            if (shape.isPresent()) {
                out.badRow(shape.get());
                continue;
            }
            final RowCells rowCells = header.cells(cells, forms);
            out.row(cells.line(), () -> mapper.toRecord(rowCells), mapper.context(rowCells));
        }
    }

    /** The header row, or {@code null} after reporting why there is none. */
    static TableRow.Cells headerRow(final TableRow.Source rows, final OutcomeBuilder<?> out) throws IOException {
        final TableRow first = rows.next();
        if (first == null) {
            out.badFile(RowError.malformedCsv(1, rows instanceof SheetReader
                    ? "the sheet is empty; its first row holds the headings"
                    : "the file is empty; a CSV file starts with a header row"));
            return null;
        }
        if (first instanceof TableRow.Broken broken) {
            out.badFile(broken.error());
            return null;
        }
        return (TableRow.Cells) first;
    }

    /** Turns the cells of one CSV row into a validated record; throws InvalidInputException for a bad row. */
    interface RowMapper<T> {

        T toRecord(RowCells cells);

        /** Something of the row worth echoing in its error message, or {@code null}. */
        default String context(final RowCells cells) {
            return null;
        }
    }

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
}
