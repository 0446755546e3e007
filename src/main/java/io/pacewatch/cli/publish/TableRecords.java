package io.pacewatch.cli.publish;

import java.io.IOException;
import java.util.Optional;

/** The data rows of a CSV file, after its header: each read, shape-checked and validated in turn. */
final class TableRecords {

    private TableRecords() {
    }

    static <T> void read(final CsvParser parser, final TableHeader header, final RowMapper<T> mapper,
                         final OutcomeBuilder<T> out) throws IOException {
        for (TableRow row = parser.next(); row != null; row = parser.next()) {
            if (row instanceof TableRow.Broken broken) {
                out.badRow(broken.error());
                continue;
            }
            final TableRow.Cells cells = (TableRow.Cells) row;
            final Optional<RowError> shape = header.shapeError(cells);
            if (shape.isPresent()) {
                out.badRow(shape.get());
                continue;
            }
            final RowCells rowCells = header.cells(cells);
            out.row(cells.line(), () -> mapper.toRecord(rowCells), mapper.context(rowCells));
        }
    }

    /** The header row, or {@code null} after reporting why there is none. */
    static TableRow.Cells headerRow(final CsvParser parser, final OutcomeBuilder<?> out) throws IOException {
        final TableRow first = parser.next();
        if (first == null) {
            out.badFile(RowError.malformedCsv(1, "the file is empty; a CSV file starts with a header row"));
            return null;
        }
        if (first instanceof TableRow.Broken broken) {
            out.badFile(broken.error());
            return null;
        }
        return (TableRow.Cells) first;
    }
}
