package io.pacewatch.ingest;

/**
 * Who hears how far a send has come: the CLI's progress bar, or nobody (the HTTP intake answers once,
 * when Kafka has every record).
 */
public interface SendProgress {

    SendProgress NONE = new SendProgress() {
        @Override
        public void update(final long acknowledged) {
        }

        @Override
        public void finish(final long acknowledged) {
        }
    };

    /** Records acknowledged so far. */
    void update(long acknowledged);

    /** The send is over, with this many acknowledged. */
    void finish(long acknowledged);
}
