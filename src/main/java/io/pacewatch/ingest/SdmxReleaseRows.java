package io.pacewatch.ingest;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.RejectionReason;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseDraft;
import io.pacewatch.domain.SafeText;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.ingest.TableRecords.RowMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Observations in SDMX-CSV (the {@code STRUCTURE,STRUCTURE_ID,ACTION,...} layout) as releases.
 *
 * <p>The columns understood are fixed. Any other column is refused rather than ignored because,
 * without the data structure definition, an unknown column may be a dimension: ignoring a dimension
 * such as a breakdown by sector would merge several series into one and publish them as revisions
 * of each other. The attributes that cannot change a figure's meaning ({@link #OBS_STATUS},
 * {@link #DECIMALS}) are read past.
 */
final class SdmxReleaseRows implements RowMapper<Release> {

    static final String STRUCTURE = "STRUCTURE";
    static final String STRUCTURE_ID = "STRUCTURE_ID";
    static final String ACTION = "ACTION";
    static final String FREQ = "FREQ";
    static final String REF_AREA = "REF_AREA";
    static final String INDICATOR = "INDICATOR";
    static final String TIME_PERIOD = "TIME_PERIOD";
    static final String OBS_VALUE = "OBS_VALUE";
    static final String UNIT_MULT = "UNIT_MULT";
    static final String BASIS = "BASIS";
    static final String GROWTH_RATE = "GROWTH_RATE";
    static final String PUBLICATION_TIME = "PUBLICATION_TIME";
    static final String REVISION = "REVISION";
    static final String SOURCE = "SOURCE";
    static final String UNIT_MEASURE = "UNIT_MEASURE";
    /** Observation status and display precision describe a figure without changing it. */
    static final String OBS_STATUS = "OBS_STATUS";
    static final String DECIMALS = "DECIMALS";

    /** SDMX-CSV starts every file with these three, which is how the format is recognised. */
    static final List<String> LEADING = List.of(STRUCTURE, STRUCTURE_ID, ACTION);
    static final List<String> REQUIRED = List.of(STRUCTURE, STRUCTURE_ID, ACTION, REF_AREA, INDICATOR, TIME_PERIOD,
            OBS_VALUE);
    static final List<String> KNOWN = List.of(STRUCTURE, STRUCTURE_ID, ACTION, FREQ, REF_AREA, INDICATOR, TIME_PERIOD,
            OBS_VALUE, UNIT_MULT, BASIS, GROWTH_RATE, PUBLICATION_TIME, REVISION, SOURCE, UNIT_MEASURE, OBS_STATUS,
            DECIMALS);
    /** The columns as headings: by their SDMX names only, which are fixed. */
    static final Map<String, List<String>> HEADINGS = KNOWN.stream()
            .collect(Collectors.toMap(c -> c, c -> List.<String>of(), (a, b) -> a, LinkedHashMap::new));

    /** Amounts are in yuan; SDMX says which currency in UNIT_MEASURE, and another one cannot be judged. */
    private static final String CURRENCY = "CNY";

    private final Function<ReleaseDraft, Release> validation;
    private final SdmxDefaults defaults;

    /** {@code validation}: the file reader's, which also settles the record's source. */
    SdmxReleaseRows(final Function<ReleaseDraft, Release> validation, final SdmxDefaults defaults) {
        this.validation = validation;
        this.defaults = defaults;
    }

    static boolean isSdmxHeader(final List<String> header) {
        if (header.size() < LEADING.size()) {
            return false;
        }
        for (int i = 0; i < LEADING.size(); i++) {
            if (!LEADING.get(i).equals(header.get(i).strip())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Release toRecord(final RowCells cells) {
        checkAction(cells.text(ACTION));
        checkCurrency(cells.text(UNIT_MEASURE));
        return validation.apply(new ReleaseDraft(
                cells.text(REF_AREA),
                cells.text(INDICATOR),
                cells.text(TIME_PERIOD),
                cells.text(BASIS),
                cells.decimal(OBS_VALUE),
                unit(cells.integer(UNIT_MULT)),
                cells.decimal(GROWTH_RATE),
                orDefault(cells.text(PUBLICATION_TIME), defaults.publishedAt()),
                cells.integer(REVISION),
                orDefault(cells.text(SOURCE), defaults.source()),
                null));
    }

    /** FREQ is not needed (the period code says it all), but it helps to read a period error. */
    @Override
    public String context(final RowCells cells) {
        final String freq = cells.text(FREQ);
        return freq == null ? null : "FREQ " + SafeText.quote(freq);
    }

    /**
     * I (information) and A (append) add observations; R (replace) is a revision, which pacewatch
     * keeps as a new version like any other release. D (delete) has no meaning for a versioned
     * history: a published figure is corrected by a later one, never withdrawn.
     */
    private static void checkAction(final String action) {
        final String code = action == null ? "I" : action.strip().toUpperCase(Locale.ROOT);
        switch (code) {
            case "I", "A", "R" -> {
            }
            case "D" -> throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "ACTION D (delete) is not accepted: releases are versioned, not deleted; publish the corrected"
                            + " figure (ACTION R) with a later PUBLICATION_TIME or a higher REVISION instead");
            default -> throw new InvalidInputException(RejectionReason.INVALID_FIELD,
                    "ACTION " + SafeText.quote(action) + " is not I, A, R or D");
        }
    }

    private static void checkCurrency(final String unitMeasure) {
        if (unitMeasure != null && !CURRENCY.equalsIgnoreCase(unitMeasure.strip())) {
            throw new InvalidInputException(RejectionReason.UNKNOWN_UNIT,
                    "UNIT_MEASURE " + SafeText.quote(unitMeasure) + " is not " + CURRENCY + "; amounts are in yuan");
        }
    }

    /** UNIT_MULT is the power of ten the value is stated in: 0 元, 4 万元, 8 亿元. */
    private static String unit(final Integer unitMult) {
        if (unitMult == null) {
            return null;
        }
        return AmountUnit.ofPowerOfTen(unitMult)
                .map(AmountUnit::name)
                .orElseThrow(() -> new InvalidInputException(RejectionReason.UNKNOWN_UNIT, "UNIT_MULT " + unitMult
                        + " is not one of 0 (元), 4 (万元), 8 (亿元)"));
    }

    private static String orDefault(final String cell, final String fallback) {
        return cell != null ? cell : fallback;
    }
}
