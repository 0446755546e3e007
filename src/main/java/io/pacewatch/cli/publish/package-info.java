/**
 * The publisher's tools: {@code pacewatch publish} and {@code pacewatch targets load|list}.
 *
 * <p>Files are read into validated records first ({@link io.pacewatch.cli.publish.ReleaseFileReader},
 * {@link io.pacewatch.cli.publish.TargetFileReader}), through the same {@link io.pacewatch.wire.InputCodec}
 * the stream uses, so a file that publishes cleanly is never dead-lettered later. Only when every row of
 * every file is valid is anything sent: a half-published batch is harder to repair than a refused one.
 */
package io.pacewatch.cli.publish;
