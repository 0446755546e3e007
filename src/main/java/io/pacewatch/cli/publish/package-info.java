/**
 * The publisher's tools: {@code pacewatch publish} and {@code pacewatch targets load|list}.
 *
 * <p>Files are read into validated records first ({@link io.pacewatch.cli.publish.ReleaseFileReader},
 * {@link io.pacewatch.cli.publish.TargetFileReader}), through the same {@link io.pacewatch.wire.InputCodec}
 * the stream uses, so a file that publishes cleanly is never dead-lettered later. Only when every row of
 * every file is valid is anything sent: a half-published batch is harder to repair than a refused one.
 *
 * <p>Tables (CSV, and .xlsx sheets through {@link io.pacewatch.cli.publish.SheetReader}) are read as
 * clerks keep them: {@link io.pacewatch.cli.publish.ClerkForms} turns Chinese headings, indicator
 * names, periods ({@link io.pacewatch.cli.publish.ChinesePeriods}), grouped numbers and local dates
 * into the message's own fields at this edge, so the stream never sees them.
 * {@link io.pacewatch.cli.publish.SheetTemplate} writes the blank workbook they fill.
 *
 * <p>The HTTP intake ({@code io.pacewatch.http.Intake}) reads request bodies with the same readers
 * (through their public {@code read(name, stream, format)}, with a sender's {@link
 * io.pacewatch.cli.publish.Provenance}) and sends with the same {@link io.pacewatch.cli.publish.KafkaSender},
 * so a body and a file are accepted and refused alike.
 */
package io.pacewatch.cli.publish;
