package io.pacewatch.ingest;

/**
 * What an SDMX-CSV file may leave to the command line: SDMX carries the publication time and the
 * source in message headers rather than per observation, so a plain export often lacks both columns.
 * A cell in the file wins over these.
 */
public record SdmxDefaults(String publishedAt, String source) {

    public static final SdmxDefaults NONE = new SdmxDefaults(null, null);
}
