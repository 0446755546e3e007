package io.pacewatch.cli.publish;

/**
 * A validated record as it will be sent: serialised before anything is sent, so that nothing can
 * fail half-way for a reason the validation could have found. {@code indicator} is for the summary.
 */
public record OutgoingRecord(String key, byte[] value, long timestampMillis, String indicator) {
}
