package io.pacewatch.wire;

/**
 * State in a layout this build cannot read: written by a build before a layout change that has no
 * upgrade path, or by a newer build (a rollback). Never dead-lettered like a bad record: judging on
 * without the state would publish wrong figures, so the stream thread stops with the message, which
 * says what to do.
 */
public class UnreadableStateException extends IllegalStateException {

    public UnreadableStateException(final String message) {
        super(message);
    }
}
