package io.pacewatch.ingest;

import java.util.List;

/**
 * What reading one file gave: its valid records and its refused rows, both by line. {@code rows}
 * counts data rows (valid or not); headers, blank lines and comments are not rows. An error in the
 * structure of the file (a bad header) is in {@code errors} too and stops the reading of that file.
 */
public record FileOutcome<T>(String file, int rows, List<Numbered<T>> records, List<RowError> errors) {

    public FileOutcome {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
