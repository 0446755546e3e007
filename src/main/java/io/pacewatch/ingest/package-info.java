/**
 * Reading release and target files into validated records, for {@code pacewatch publish} and
 * {@code targets load} (io.pacewatch.cli.publish) and for the HTTP intake (io.pacewatch.http) alike,
 * so a file and a request body are accepted and refused by the same code.
 *
 * <p>{@link io.pacewatch.ingest.ReleaseFileReader} and {@link io.pacewatch.ingest.TargetFileReader} read
 * JSON Lines, JSON documents, CSV, .xlsx sheets ({@link io.pacewatch.ingest.SheetReader}) and SDMX-CSV
 * through the same {@link io.pacewatch.wire.InputCodec} the stream uses, so a file that reads cleanly is
 * never dead-lettered later; each bad row becomes a {@link io.pacewatch.ingest.RowError} with its line
 * (or sheet and cell). Tables are read as clerks keep them: {@link io.pacewatch.ingest.ClerkForms} turns
 * Chinese headings, indicator names, periods ({@link io.pacewatch.ingest.ChinesePeriods}), grouped numbers
 * and local dates into the message's own fields at this edge, so the stream never sees them;
 * {@link io.pacewatch.ingest.SheetTemplate} writes the blank workbook they fill. A sender's
 * {@link io.pacewatch.ingest.Provenance} decides whose name the records carry.
 */
package io.pacewatch.ingest;
