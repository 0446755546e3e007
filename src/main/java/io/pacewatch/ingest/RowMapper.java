package io.pacewatch.ingest;

/** Turns the cells of one CSV row into a validated record; throws InvalidInputException for a bad row. */
interface RowMapper<T> {

    T toRecord(RowCells cells);

    /** Something of the row worth echoing in its error message, or {@code null}. */
    default String context(final RowCells cells) {
        return null;
    }
}
