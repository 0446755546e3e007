package io.pacewatch.cli.publish;

import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.RejectionReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The header row of a CSV file: which column holds which field. Every column must be known: an
 * unknown one is either a typo (and its figures would silently be dropped) or a field pacewatch
 * does not understand, and both are better refused.
 */
final class TableHeader {

    private final int line;
    private final Map<String, Integer> columns;

    private TableHeader(final int line, final Map<String, Integer> columns) {
        this.line = line;
        this.columns = columns;
    }

    /**
     * Reads a header, or reports why it cannot be one. {@code what} names the rows (e.g. "release
     * field") for the messages.
     */
    static Result read(final TableRow.Cells row, final Collection<String> known, final Collection<String> required,
                       final String what) {
        final Map<String, Integer> columns = new LinkedHashMap<>();
        final List<String> unknown = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            final String name = row.cells().get(i).strip();
            if (name.isEmpty()) {
                return new Result(null, RowError.malformedCsv(row.line(), "column " + (i + 1) + " of the header has no name"));
            }
            if (columns.putIfAbsent(name, i) != null) {
                return new Result(null, RowError.of(row.line(), RejectionReason.DUPLICATE_FIELD,
                        "column " + SafeText.quote(name) + " appears twice in the header"));
            }
            if (!known.contains(name)) {
                unknown.add(SafeText.quote(name));
            }
        }
        if (!unknown.isEmpty()) {
            return new Result(null, RowError.of(row.line(), RejectionReason.UNKNOWN_FIELD,
                    (unknown.size() == 1 ? "column " + unknown.get(0) + " is not a " : "columns " + String.join(", ", unknown)
                            + " are not ") + what + "; the columns are: " + String.join(",", known)));
        }
        final List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            return new Result(null, RowError.of(row.line(), RejectionReason.MISSING_FIELD,
                    "the header lacks the column(s) " + String.join(", ", missing)));
        }
        return new Result(new TableHeader(row.line(), columns), null);
    }

    int line() {
        return line;
    }

    int size() {
        return columns.size();
    }

    boolean has(final String column) {
        return columns.containsKey(column);
    }

    /**
     * Why a data row cannot be read against this header: it does not have one cell per column (a
     * missing or extra comma would shift every later figure into the wrong field).
     */
    Optional<RowError> shapeError(final TableRow.Cells row) {
        if (row.cells().size() == columns.size()) {
            return Optional.empty();
        }
        return Optional.of(RowError.malformedCsv(row.line(), "the row has " + row.cells().size()
                + " cells but the header (line " + line + ") has " + columns.size() + " columns"));
    }

    /** The cells of a data row by column name; check {@link #shapeError} first. */
    RowCells cells(final TableRow.Cells row) {
        return new RowCells(columns, row.cells());
    }

    /** A header, or the error that makes the file unreadable. */
    record Result(TableHeader header, RowError error) {
    }
}
