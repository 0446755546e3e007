/**
 * The publisher's tools: {@code pacewatch publish} and {@code pacewatch targets load|list}, and the
 * sending to Kafka.
 *
 * <p>Files are read into validated records by {@link io.pacewatch.ingest} first. Only when every row of
 * every file is valid is anything sent ({@link io.pacewatch.cli.publish.FilePublisher}): a
 * half-published batch is harder to repair than a refused one. The HTTP intake
 * ({@code io.pacewatch.http.Intake}) sends with the same {@link io.pacewatch.ingest.KafkaSender}.
 */
package io.pacewatch.cli.publish;
