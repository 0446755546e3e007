package io.pacewatch.cli.publish;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a file of releases into validated records, sending nothing: JSON Lines (one release
 * message per line), CSV whose columns are the {@link ReleaseDraft} fields, or SDMX-CSV. Every row
 * goes through {@link InputCodec}, the stream's own validation, so what this accepts the stream
 * accepts. A refused row is reported with its line and reading goes on, so that one run lists every
 * mistake in the file.
 */
public final class ReleaseFileReader {

    /** The header of a plain CSV file: the release message's field names, in any order, each optional. */
    static final List<String> CSV_COLUMNS = List.of("region", "indicator", "period", "basis", "value", "unit",
            "growthPercent", "publishedAt", "revision", "source", "embargoUntil");

    private final InputCodec codec;
    private final InputFormat format;
    private final SdmxDefaults sdmxDefaults;

    public ReleaseFileReader(final InputCodec codec, final InputFormat format, final SdmxDefaults sdmxDefaults) {
        this.codec = codec;
        this.format = format;
        this.sdmxDefaults = sdmxDefaults;
    }

    /**
     * @throws InputFormat.UnknownFormatException if the format is {@code auto} and the extension does not tell it
     * @throws IOException if the file cannot be read at all
     */
    public FileOutcome<Release> read(final Path file) throws IOException {
        final InputFormat resolved = format.resolve(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, resolved);
        }
    }

    FileOutcome<Release> read(final String name, final InputStream in, final InputFormat resolved) throws IOException {
        final LineReader lines = new LineReader(in);
        if (resolved == InputFormat.JSONL) {
            return JsonLinesReader.read(name, lines, codec::release);
        }
        final OutcomeBuilder<Release> out = new OutcomeBuilder<>(name);
        final CsvParser parser = new CsvParser(lines);
        final TableRow.Cells headerRow = TableRecords.headerRow(parser, out);
        if (headerRow == null) {
            return out.build();
        }
        final boolean sdmx = SdmxReleaseRows.isSdmxHeader(headerRow.cells());
        if (resolved == InputFormat.SDMX_CSV && !sdmx) {
            out.badFile(RowError.malformedCsv(headerRow.line(), "not an SDMX-CSV header: it must start with "
                    + String.join(",", SdmxReleaseRows.LEADING)));
            return out.build();
        }
        final TableHeader.Result header = sdmx
                ? TableHeader.read(headerRow, SdmxReleaseRows.KNOWN, SdmxReleaseRows.REQUIRED, "column pacewatch reads from SDMX-CSV")
                : TableHeader.read(headerRow, CSV_COLUMNS, List.of(), "release field");
        if (header.error() != null) {
            out.badFile(header.error());
            return out.build();
        }
        final RowMapper<Release> mapper = sdmx ? new SdmxReleaseRows(codec, sdmxDefaults) : this::fromCsv;
        TableRecords.read(parser, header.header(), mapper, out);
        return out.build();
    }

    private Release fromCsv(final RowCells cells) {
        return codec.release(new ReleaseDraft(
                cells.text("region"),
                cells.text("indicator"),
                cells.text("period"),
                cells.text("basis"),
                cells.decimal("value"),
                cells.text("unit"),
                cells.decimal("growthPercent"),
                cells.text("publishedAt"),
                cells.integer("revision"),
                cells.text("source"),
                cells.text("embargoUntil")));
    }
}
