package io.pacewatch.cli.publish;

import java.io.IOException;
import java.util.Optional;

/** The data rows of a CSV file, after its header: each read, shape-checked and validated in turn. */
final class CsvRecords {

    private CsvRecords() {
    }

    static <T> void read(final CsvParser parser, final CsvHeader header, final CsvRowMapper<T> mapper,
                         final OutcomeBuilder<T> out) throws IOException {
        for (CsvRow row = parser.next(); row != null; row = parser.next()) {
            if (row instanceof CsvRow.Broken broken) {
                out.badRow(broken.error());
                continue;
            }
            final CsvRow.Cells cells = (CsvRow.Cells) row;
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
    static CsvRow.Cells headerRow(final CsvParser parser, final OutcomeBuilder<?> out) throws IOException {
        final CsvRow first = parser.next();
        if (first == null) {
            out.badFile(RowError.malformedCsv(1, "the file is empty; a CSV file starts with a header row"));
            return null;
        }
        if (first instanceof CsvRow.Broken broken) {
            out.badFile(broken.error());
            return null;
        }
        return (CsvRow.Cells) first;
    }
}
