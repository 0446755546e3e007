package io.pacewatch.ingest;

import io.pacewatch.domain.Basis;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.FileOutcome.OutcomeBuilder;
import io.pacewatch.ingest.TableRecords.RowMapper;
import io.pacewatch.ingest.TableRecords.TableRow;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a file of releases into validated records, sending nothing: JSON Lines (one release
 * message per line), a table whose columns are the {@link ReleaseDraft} fields (CSV, or a sheet of an
 * .xlsx workbook; headed by the field names or their Chinese headings, in the forms clerks write,
 * see {@link ClerkForms}), or SDMX-CSV. Every row goes through {@link InputCodec}, the stream's own
 * validation, so what this accepts the stream accepts. A refused row is reported with its line (or
 * cell) and reading goes on, so that one run lists every mistake in the file.
 */
public final class ReleaseFileReader {

    /** The field names of a table of releases: the release message's fields, in any order, each optional. */
    static final List<String> CSV_COLUMNS = List.of("region", "indicator", "period", "basis", "value", "unit",
            "growthPercent", "publishedAt", "revision", "source", "embargoUntil");

    private final InputCodec codec;
    private final InputFormat format;
    private final SdmxDefaults sdmxDefaults;
    private final ClerkForms forms;
    private final String sheet;
    private final Provenance provenance;

    /** @param sheet the sheet of a workbook to read, or {@code null} for its first */
    public ReleaseFileReader(final InputCodec codec, final InputFormat format, final SdmxDefaults sdmxDefaults,
                             final ClerkForms forms, final String sheet) {
        this(codec, format, sdmxDefaults, forms, sheet, Provenance.AS_WRITTEN);
    }

    private ReleaseFileReader(final InputCodec codec, final InputFormat format, final SdmxDefaults sdmxDefaults,
                              final ClerkForms forms, final String sheet, final Provenance provenance) {
        this.codec = codec;
        this.format = format;
        this.sdmxDefaults = sdmxDefaults;
        this.forms = forms;
        this.sheet = sheet;
        this.provenance = provenance;
    }

    /** The same reader, with every record's source decided by {@code provenance} before it is validated. */
    public ReleaseFileReader attributedTo(final Provenance attribution) {
        return new ReleaseFileReader(codec, format, sdmxDefaults, forms, sheet, attribution);
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

    /** Reads {@code in} as {@code resolved} (not {@code auto}); {@code name} is what errors call it. */
    public FileOutcome<Release> read(final String name, final InputStream in, final InputFormat resolved)
            throws IOException {
        if (resolved == InputFormat.JSONL) {
            return JsonLinesReader.read(name, new LineReader(in), json -> validate(codec.releaseDraft(json)));
        }
        if (resolved == InputFormat.JSON) {
            return JsonDocumentReader.read(name, in, json -> validate(codec.releaseDraft(json)));
        }
        return TableRecords.read(name, in, resolved, sheet, (rows, out) -> readTable(rows, out, resolved));
    }

    private void readTable(final TableRow.Source rows, final OutcomeBuilder<Release> out, final InputFormat resolved)
            throws IOException {
        final TableRow.Cells headerRow = TableRecords.headerRow(rows, out);
        if (headerRow == null) {
            return;
        }
        final boolean sdmx = SdmxReleaseRows.isSdmxHeader(headerRow.cells());
        if (resolved == InputFormat.SDMX_CSV && !sdmx) {
            out.badFile(RowError.malformedCsv(headerRow.line(), "not an SDMX-CSV header: it must start with "
                    + String.join(",", SdmxReleaseRows.LEADING)));
            return;
        }
        final TableHeader.Result header = sdmx
                ? TableHeader.read(headerRow, SdmxReleaseRows.HEADINGS, SdmxReleaseRows.REQUIRED, "column pacewatch reads from SDMX-CSV")
                : TableHeader.read(headerRow, ClerkForms.RELEASE_HEADINGS, List.of(), "release field");
        if (header.error() != null) {
            out.badFile(header.error());
            return;
        }
        final RowMapper<Release> mapper = sdmx ? new SdmxReleaseRows(this::validate, sdmxDefaults) : this::fromTable;
        TableRecords.read(rows, header.header(), mapper, forms, out);
    }

    private Release fromTable(final RowCells cells) {
        cells.text(ClerkForms.NOTE, ClerkForms::refuseExample);
        return validate(new ReleaseDraft(
                cells.plain("region"),
                cells.text("indicator", cells.forms()::indicator),
                cells.text("period", cells.forms()::period),
                basis(cells),
                cells.decimal("value"),
                cells.plain("unit"),
                cells.percent("growthPercent"),
                cells.dateTime("publishedAt"),
                cells.integer("revision"),
                cells.text("source"),
                cells.dateTime("embargoUntil")));
    }

    private Release validate(final ReleaseDraft draft) {
        return codec.release(provenance.apply(draft));
    }

    /** The basis cell, or the one its heading states (累计值 is cumulative); the two must agree. */
    private static String basis(final RowCells cells) {
        final String stating = Stream.of(cells.heading("value"), cells.heading("growthPercent"))
                .filter(h -> ClerkForms.basisOfHeading(h).isPresent()).findFirst().orElse(null);
        final Optional<Basis> stated = ClerkForms.basisOfHeading(stating);
        final String written = cells.text("basis", text -> {
            final String basis = ClerkForms.choice("basis", text);
            if (stated.isPresent() && !stated.get().name().equalsIgnoreCase(basis)) {
                throw new InvalidInputException(RejectionReason.INVALID_FIELD, "basis " + SafeText.quote(text)
                        + " contradicts the heading " + SafeText.quote(stating) + ", which says " + stated.get());
            }
            return basis;
        });
        return written != null ? written : stated.map(Basis::name).orElse(null);
    }

    /**
     * What an SDMX-CSV file may leave to the command line: SDMX carries the publication time and the
     * source in message headers rather than per observation, so a plain export often lacks both columns.
     * A cell in the file wins over these.
     */
    public record SdmxDefaults(String publishedAt, String source) {

        public static final SdmxDefaults NONE = new SdmxDefaults(null, null);
    }
}
