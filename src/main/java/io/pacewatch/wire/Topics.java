package io.pacewatch.wire;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.PeerRanking;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import org.apache.kafka.common.serialization.Serdes;

/** The topics pacewatch reads and writes, each with its serdes. */
public final class Topics {

    public static final String RELEASES = "pacewatch.releases";
    public static final String TARGETS = "pacewatch.targets";
    public static final String PROGRESS = "pacewatch.progress";
    public static final String ALERTS = "pacewatch.alerts";
    /** Each peer group's ranking per indicator, year and month, and for its latest month. */
    public static final String RANKINGS = "pacewatch.rankings";
    /** Ranks on their way back from the ranking to the series' judge: pacewatch's own, read by nobody else. */
    public static final String PEER_RANKS = "pacewatch.peer-ranks";
    /** Every refused input record, releases and targets alike; headers say where it came from. */
    public static final String DEAD_LETTERS = "pacewatch.releases.dlq";
    /** Room for a copied key and value plus bounded headers: the DLQ topic's max.message.bytes and the producer's max.request.size. */
    public static final int MAX_DEAD_LETTER_BYTES = 3 * 1024 * 1024;

    private Topics() {
    }

    public static Topic<String, Release> releases(final InputCodec codec) {
        return new Topic<>(RELEASES, Serdes.String(), WireSerdes.releases(codec));
    }

    public static Topic<String, Target> targets(final InputCodec codec) {
        return new Topic<>(TARGETS, Serdes.String(), WireSerdes.targets(codec));
    }

    public static Topic<String, Progress> progress() {
        return new Topic<>(PROGRESS, Serdes.String(), WireSerdes.json(Progress.class));
    }

    public static Topic<String, Alert> alerts() {
        return new Topic<>(ALERTS, Serdes.String(), WireSerdes.json(Alert.class));
    }

    public static Topic<String, PeerRanking> rankings() {
        return new Topic<>(RANKINGS, Serdes.String(), WireSerdes.json(PeerRanking.class));
    }
}
