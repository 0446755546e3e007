package io.pacewatch.ingest;

import io.pacewatch.domain.StatusThresholds;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.ingest.FileOutcome.OutcomeBuilder;
import io.pacewatch.ingest.TableRecords.TableRow;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a file of annual targets into validated records, sending nothing: JSON Lines (one target
 * message per line) or a table (CSV, or a sheet of an .xlsx workbook) headed by the {@link TargetDraft}
 * field names or their Chinese headings ({@link ClerkForms#TARGET_HEADINGS}). CSV has no nesting,
 * so the twelve {@code seasonalShares} share one cell, separated by {@code ;}, and the thresholds
 * are three columns of their own.
 */
public final class TargetFileReader {

    static final char SHARE_SEPARATOR = ';';
    static final List<String> CSV_COLUMNS = List.of("region", "year", "indicator", "kind", "value", "unit",
            "paceProfile", "seasonalShares", "aheadFromPp", "atRiskBelowPp", "behindBelowPp", "priorYearAmount",
            "publishedAt", "source");

    private final InputCodec codec;
    private final InputFormat format;
    private final ClerkForms forms;
    private final String sheet;
    private final Provenance provenance;

    /**
     * @param sheet the sheet of a workbook to read, or {@code null} for its first
     * @throws IllegalArgumentException for SDMX-CSV, which carries observations, not targets
     */
    public TargetFileReader(final InputCodec codec, final InputFormat format, final ClerkForms forms,
                            final String sheet) {
        this(codec, format, forms, sheet, Provenance.AS_WRITTEN);
    }

    private TargetFileReader(final InputCodec codec, final InputFormat format, final ClerkForms forms,
                             final String sheet, final Provenance provenance) {
        if (format == InputFormat.SDMX_CSV) {
            throw new IllegalArgumentException("targets are read from JSON Lines, CSV or xlsx, not SDMX-CSV");
        }
        this.codec = codec;
        this.format = format;
        this.forms = forms;
        this.sheet = sheet;
        this.provenance = provenance;
    }

    /** The same reader, with every record's source decided by {@code provenance} before it is validated. */
    public TargetFileReader attributedTo(final Provenance attribution) {
        return new TargetFileReader(codec, format, forms, sheet, attribution);
    }

    /**
     * @throws InputFormat.UnknownFormatException if the format is {@code auto} and the extension does not tell it
     * @throws IOException if the file cannot be read at all
     */
    public FileOutcome<Target> read(final Path file) throws IOException {
        final InputFormat resolved = format.resolve(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, resolved);
        }
    }

    /** Reads {@code in} as {@code resolved} (not {@code auto}); {@code name} is what errors call it. */
    public FileOutcome<Target> read(final String name, final InputStream in, final InputFormat resolved)
            throws IOException {
        if (resolved == InputFormat.SDMX_CSV) {
            throw new IllegalArgumentException("targets are read from JSON, JSON Lines, CSV or xlsx, not SDMX-CSV");
        }
        if (resolved == InputFormat.JSONL) {
            return JsonLinesReader.read(name, new LineReader(in), json -> validate(codec.targetDraft(json)));
        }
        if (resolved == InputFormat.JSON) {
            return JsonDocumentReader.read(name, in, json -> validate(codec.targetDraft(json)));
        }
        return TableRecords.read(name, in, resolved, sheet, this::readTable);
    }

    private void readTable(final TableRow.Source rows, final OutcomeBuilder<Target> out) throws IOException {
        final TableRow.Cells headerRow = TableRecords.headerRow(rows, out);
        if (headerRow == null) {
            return;
        }
        if (SdmxReleaseRows.isSdmxHeader(headerRow.cells())) {
            out.badFile(RowError.malformedCsv(headerRow.line(), "this is SDMX-CSV, which carries releases;"
                    + " targets are tables with the columns " + String.join(",", CSV_COLUMNS)));
            return;
        }
        final TableHeader.Result header = TableHeader.read(headerRow, ClerkForms.TARGET_HEADINGS, List.of(),
                "target field");
        if (header.error() != null) {
            out.badFile(header.error());
            return;
        }
        TableRecords.read(rows, header.header(), this::fromTable, forms, out);
    }

    private Target fromTable(final RowCells cells) {
        cells.text(ClerkForms.NOTE, ClerkForms::refuseExample);
        final String kind = cells.text("kind", text -> ClerkForms.choice("kind", text));
        final Integer year = cells.integer("year");
        return validate(new TargetDraft(
                cells.plain("region"),
                year != null ? year : cells.forms().year(),
                cells.text("indicator", cells.forms()::indicator),
                kind,
                // A growth target is a percentage, so 6.5% is as good as 6.5 there, and only there.
                TargetKind.GROWTH.name().equals(kind) ? cells.percent("value") : cells.decimal("value"),
                cells.plain("unit"),
                cells.text("paceProfile", text -> ClerkForms.choice("paceProfile", text)),
                cells.decimals("seasonalShares", SHARE_SEPARATOR),
                thresholds(cells),
                cells.decimal("priorYearAmount"),
                cells.dateTime("publishedAt"),
                cells.text("source")));
    }

    private Target validate(final TargetDraft draft) {
        return codec.target(provenance.apply(draft));
    }

    /** No threshold cells: the indicator's defaults. Some but not all: refused by {@link StatusThresholds}. */
    private static StatusThresholds thresholds(final RowCells cells) {
        final BigDecimal ahead = cells.decimal("aheadFromPp");
        final BigDecimal atRisk = cells.decimal("atRiskBelowPp");
        final BigDecimal behind = cells.decimal("behindBelowPp");
        if (ahead == null && atRisk == null && behind == null) {
            return null;
        }
        return new StatusThresholds(ahead, atRisk, behind);
    }
}
