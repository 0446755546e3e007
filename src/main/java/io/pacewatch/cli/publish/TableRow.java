package io.pacewatch.cli.publish;

import java.util.List;

/** One record of a CSV file, numbered by the physical line it starts on, or why it could not be read. */
sealed interface TableRow permits TableRow.Cells, TableRow.Broken {

    int line();

    record Cells(int line, List<String> cells) implements TableRow {

        public Cells {
            cells = List.copyOf(cells);
        }
    }

    record Broken(RowError error) implements TableRow {

        @Override
        public int line() {
            return error.line();
        }
    }
}
