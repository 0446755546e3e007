package io.pacewatch.ingest;

import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.TableRecords.TableRow;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * One sheet of an {@code .xlsx} workbook as table rows, read with fastexcel-reader and numbered by
 * the sheet's own row numbers. Each cell keeps its type ({@link TableRow.Kind}): Excel stores a date
 * as a day count and a percentage as a fraction, and only the cell's number format tells them from a
 * plain number, so the format is read too.
 *
 * <p>The first non-blank row is the heading row and sets the table's width; a filled cell to the
 * right of it has no heading and is refused rather than dropped. Blank rows are skipped.
 */
public final class SheetReader implements TableRow.Source, Closeable {

    /** Excel's built-in date and time formats, including the Chinese-locale ones (27-36, 50-58). */
    private static final Set<Integer> BUILT_IN_DATES = IntStream.of(
            14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
            50, 51, 52, 53, 54, 55, 56, 57, 58).boxed().collect(Collectors.toUnmodifiableSet());
    private static final Set<Integer> BUILT_IN_PERCENTS = Set.of(9, 10);
    /** Excel keeps 15 significant digits; beyond them a formula's result is binary noise. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final ReadableWorkbook workbook;
    private final String name;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private int width = -1;

    private SheetReader(final ReadableWorkbook workbook, final Sheet sheet) throws IOException {
        this.workbook = workbook;
        this.name = sheet.getName();
        this.stream = sheet.openStream();
        this.rows = stream.iterator();
    }

    /**
     * Opens {@code sheet} of the workbook, or its first sheet when {@code sheet} is {@code null}.
     *
     * @throws Unreadable if the bytes are not an .xlsx workbook or it has no such sheet
     */
    static SheetReader open(final InputStream in, final String sheet) throws IOException {
        final BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(8);
        final byte[] start = buffered.readNBytes(8);
        buffered.reset();
        if (ReadableWorkbook.isOLE2Header(start)) {
            throw new Unreadable("an Excel 97-2003 workbook (.xls) or an encrypted one; save it as an Excel"
                    + " workbook (.xlsx), without a password");
        }
        if (!ReadableWorkbook.isOOXMLZipHeader(start)) {
            throw new Unreadable("not an .xlsx workbook");
        }
        final ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(buffered, new ReadingOptions(true, false));
        } catch (final IOException | RuntimeException e) {
            throw new Unreadable("not a readable .xlsx workbook: " + e.getMessage());
        }
        try {
            final Sheet chosen = sheet == null ? workbook.getFirstSheet() : workbook.findSheet(sheet).orElseThrow(
                    () -> new Unreadable("it has no sheet named " + SafeText.quote(sheet) + "; its sheets are "
                            + workbook.getSheets().map(s -> SafeText.quote(s.getName())).collect(Collectors.joining(", "))));
            return new SheetReader(workbook, chosen);
        } catch (final IOException | RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /** The sheet's name, as its tab shows it. */
    String name() {
        return name;
    }

    @Override
    public TableRow next() throws IOException {
        try {
            return nextRow();
        } catch (final ExcelReaderException | IllegalArgumentException e) {
            // A damaged part of the workbook: nothing after it can be trusted, and nothing is sent.
            throw new Unreadable("sheet " + SafeText.quote(name) + " cannot be read: " + e.getMessage());
        }
    }

    private TableRow nextRow() {
        while (rows.hasNext()) {
            final Row row = rows.next();
            final List<String> texts = new ArrayList<>();
            final List<TableRow.Kind> kinds = new ArrayList<>();
            int last = -1;
            for (int i = 0; i < row.getCellCount(); i++) {
                final Cell cell = row.getCell(i);
                final TableRow.Kind kind = cell == null ? TableRow.Kind.TEXT : kind(cell);
                final String text = cell == null ? "" : text(cell, kind);
                texts.add(text);
                kinds.add(kind);
                if (!text.isEmpty()) {
                    last = i;
                }
            }
            if (last < 0) {
                continue;
            }
            final int line = row.getRowNum();
            if (width < 0) {
                width = last + 1;
            } else if (last >= width) {
                return new TableRow.Broken(new RowError(line, last, null, RejectionReason.UNKNOWN_FIELD.code(),
                        "the cell holds " + SafeText.quote(texts.get(last)) + " but has no heading above it"));
            }
            while (texts.size() < width) {
                texts.add("");
                kinds.add(TableRow.Kind.TEXT);
            }
            return new TableRow.Cells(line, texts.subList(0, width), kinds.subList(0, width));
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }

    private static TableRow.Kind kind(final Cell cell) {
        return switch (cell.getType()) {
            case NUMBER -> numberKind(cell);
            case FORMULA -> cell.getRawValue() == null ? TableRow.Kind.ERROR
                    : isDecimal(cell.getRawValue()) ? numberKind(cell) : TableRow.Kind.TEXT;
            case ERROR -> TableRow.Kind.ERROR;
            default -> TableRow.Kind.TEXT;
        };
    }

    private static TableRow.Kind numberKind(final Cell cell) {
        final String format = cell.getDataFormatString();
        final Integer id = cell.getDataFormatId();
        final String bare = format == null ? null : format.replaceAll("\"[^\"]*\"|\\\\.|\\[[^]]*]", "");
        if (bare == null ? id != null && BUILT_IN_DATES.contains(id) : bare.split(";")[0].matches(".*[yYmMdDhHsS].*")) {
            return TableRow.Kind.DATE;
        }
        if (bare == null ? id != null && BUILT_IN_PERCENTS.contains(id) : bare.contains("%")) {
            return TableRow.Kind.PERCENT;
        }
        return TableRow.Kind.NUMBER;
    }

    private String text(final Cell cell, final TableRow.Kind kind) {
        return switch (kind) {
            case NUMBER, PERCENT -> new BigDecimal(cell.getRawValue()).round(EXCEL_PRECISION).stripTrailingZeros()
                    .toPlainString();
            case DATE -> dateText(new BigDecimal(cell.getRawValue()));
            case ERROR -> cell.getRawValue() == null ? "a formula without a saved result (open and save it in Excel)"
                    : cell.getRawValue();
            case TEXT -> switch (cell.getType()) {
                case EMPTY -> "";
                case FORMULA -> cell.getRawValue();
                default -> cell.getText();
            };
        };
    }

    /** A day count as an ISO local date, or a local date-time when it has a time of day (to the second). */
    private String dateText(final BigDecimal serial) {
        final LocalDateTime epoch = workbook.isDate1904() ? LocalDateTime.of(1904, 1, 1, 0, 0)
                : LocalDateTime.of(1899, 12, 30, 0, 0);
        final long seconds = serial.multiply(BigDecimal.valueOf(86_400)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        final LocalDateTime moment = epoch.plus(seconds, ChronoUnit.SECONDS);
        return moment.toLocalTime().equals(LocalTime.MIDNIGHT) ? moment.toLocalDate().toString() : moment.toString();
    }

    private static boolean isDecimal(final String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    /** A file that is not an .xlsx workbook, or lacks the sheet asked for. */
    public static final class Unreadable extends IOException {

        Unreadable(final String message) {
            super(message);
        }
    }
}
