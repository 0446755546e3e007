package io.pacewatch.wire;

/**
 * The state stores the HTTP API and the metrics read through Kafka Streams' interactive queries: the
 * names and value formats readers may rely on, kept here so that readers need not know how the
 * topology is wired. The topology names its stores with these constants.
 */
public final class QueryableStores {

    /** Each series' state, as the judge's bytes ({@link StateBytes}); a reader decodes them with {@link SeriesVersions#decode}. */
    public static final String RELEASE_HISTORY = "release-history";
    /**
     * Each series' target as the judge holds it: a timestamped key-value store of domain
     * {@link io.pacewatch.domain.Target}, keyed by {@code region|indicator|year}, in the same tasks as
     * {@link #RELEASE_HISTORY}, so whoever holds a series' versions holds its target too.
     */
    public static final String TARGETS = "targets";
    /** The progress topic as a table of the JSON bytes on the topic. */
    public static final String PROGRESS_VIEW = "progress-view";
    /** The recent alerts of each series, {@link RecentAlerts}. */
    public static final String ALERTS_VIEW = "recent-alerts";
    /** The rankings topic as a table of the JSON bytes on the topic. */
    public static final String RANKINGS_VIEW = "rankings-view";

    private QueryableStores() {
    }
}
