package io.pacewatch.cli.publish;

import io.pacewatch.domain.StatusThresholds;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a file of annual targets into validated records, sending nothing: JSON Lines (one target
 * message per line) or CSV with the {@link TargetDraft} field names as columns. CSV has no nesting,
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

    /** @throws IllegalArgumentException for SDMX-CSV, which carries observations, not targets */
    public TargetFileReader(final InputCodec codec, final InputFormat format) {
        if (format == InputFormat.SDMX_CSV) {
            throw new IllegalArgumentException("targets are read from JSON Lines or CSV, not SDMX-CSV");
        }
        this.codec = codec;
        this.format = format;
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

    FileOutcome<Target> read(final String name, final InputStream in, final InputFormat resolved) throws IOException {
        final LineReader lines = new LineReader(in);
        if (resolved == InputFormat.JSONL) {
            return JsonLinesReader.read(name, lines, codec::target);
        }
        final OutcomeBuilder<Target> out = new OutcomeBuilder<>(name);
        final CsvParser parser = new CsvParser(lines);
        final TableRow.Cells headerRow = TableRecords.headerRow(parser, out);
        if (headerRow == null) {
            return out.build();
        }
        if (SdmxReleaseRows.isSdmxHeader(headerRow.cells())) {
            out.badFile(RowError.malformedCsv(headerRow.line(), "this is SDMX-CSV, which carries releases;"
                    + " targets are CSV with the columns " + String.join(",", CSV_COLUMNS)));
            return out.build();
        }
        final TableHeader.Result header = TableHeader.read(headerRow, CSV_COLUMNS, List.of(), "target field");
        if (header.error() != null) {
            out.badFile(header.error());
            return out.build();
        }
        TableRecords.read(parser, header.header(), this::fromCsv, out);
        return out.build();
    }

    private Target fromCsv(final RowCells cells) {
        return codec.target(new TargetDraft(
                cells.text("region"),
                cells.integer("year"),
                cells.text("indicator"),
                cells.text("kind"),
                cells.decimal("value"),
                cells.text("unit"),
                cells.text("paceProfile"),
                cells.decimals("seasonalShares", SHARE_SEPARATOR),
                thresholds(cells),
                cells.decimal("priorYearAmount"),
                cells.text("publishedAt"),
                cells.text("source")));
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
