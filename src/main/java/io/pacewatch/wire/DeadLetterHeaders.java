package io.pacewatch.wire;

/**
 * What a dead letter on {@link Topics#DEAD_LETTERS} says about itself beyond Kafka Streams' own
 * {@code __streams.errors.*} headers: the contract for anyone who reads or replays dead letters.
 */
public final class DeadLetterHeaders {

    /** The rejection reason's code (docs/topics.md lists them), or {@link #UNEXPECTED}. */
    public static final String REASON_HEADER = "pacewatch.rejection.reason";
    /** The refused record's own timestamp (epoch milliseconds, decimal): the dead letter's is the time of rejection. */
    public static final String ORIGINAL_TIMESTAMP_HEADER = "pacewatch.original.timestamp";
    /** Set on a dead letter whose key or value was too large to copy: the original stays at its source offset. */
    public static final String OMITTED_HEADER = "pacewatch.original.omitted";
    /** The reason of a failure that is not a rule of ours: a bug or an infrastructure fault. */
    public static final String UNEXPECTED = "unexpected";

    private DeadLetterHeaders() {
    }
}
