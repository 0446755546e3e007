package io.pacewatch.broker;

import io.pacewatch.wire.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How each pacewatch topic must be configured, and why.
 *
 * @param samePartitionsAs a topic this one must have exactly as many partitions as (null: any), because
 *                         one task reads both: it is created with that topic's count and checked against it
 */
public record TopicSpec(String name, String cleanupPolicy, long retentionMs, String purpose, Integer maxMessageBytes,
                        String samePartitionsAs) {

    public TopicSpec(final String name, final String cleanupPolicy, final long retentionMs, final String purpose) {
        this(name, cleanupPolicy, retentionMs, purpose, null, null);
    }

    public TopicSpec(final String name, final String cleanupPolicy, final long retentionMs, final String purpose,
                     final Integer maxMessageBytes) {
        this(name, cleanupPolicy, retentionMs, purpose, maxMessageBytes, null);
    }

    public static final String COMPACT = "compact";
    public static final String DELETE = "delete";
    private static final long FOREVER = -1;

    /**
     * Segment size of every compacted topic, pacewatch's and the Streams changelogs ({@code StreamsSettings}).
     * The log cleaner only compacts closed segments, and at the broker's default of 1 GiB a national
     * year's progress topic or series-state changelog (a few hundred MB a partition) never closes one:
     * a restore then reads every version ever written (12 per series for the series state) instead of
     * about one per key. Small enough to close within a backfill, large enough to keep the files few.
     */
    public static final int COMPACTED_SEGMENT_BYTES = 64 * 1024 * 1024;

    /** Releases are the record of what was published: kept forever, so any state can be rebuilt by replay. */
    public static List<TopicSpec> all() {
        return List.of(
                new TopicSpec(Topics.RELEASES, DELETE, FOREVER, "every published figure, kept for replays"),
                new TopicSpec(Topics.TARGETS, COMPACT, FOREVER, "the current target per region|indicator|year"),
                new TopicSpec(Topics.PROGRESS, COMPACT, FOREVER, "the latest standing per series and per month"),
                new TopicSpec(Topics.ALERTS, DELETE, FOREVER, "every status change, the alert history"),
                new TopicSpec(Topics.RANKINGS, COMPACT, FOREVER, "the ranking per parent|indicator|year and per month"),
                new TopicSpec(Topics.PEER_RANKS, COMPACT, FOREVER,
                        "each series' rank per month on its way back to the judge; the latest per key is all it needs",
                        null, Topics.RELEASES),
                new TopicSpec(Topics.DEAD_LETTERS, DELETE, Duration.ofDays(30).toMillis(),
                        "refused records with the reason; a month to look at them",
                        Topics.MAX_DEAD_LETTER_BYTES));
    }

    public Map<String, String> configs() {
        final Map<String, String> configs = new java.util.HashMap<>(
                Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retentionMs)));
        if (maxMessageBytes != null) {
            // A dead letter carries a whole refused record plus headers, more than the default 1 MiB allows.
            configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
        }
        if (COMPACT.equals(cleanupPolicy)) {
            configs.put("segment.bytes", Integer.toString(COMPACTED_SEGMENT_BYTES));
        }
        return configs;
    }
}
