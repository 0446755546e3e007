package io.pacewatch.domain;

import java.util.Objects;

/**
 * A region's place in its peer group ({@code parent}) for one month: {@code rank} of the {@code count}
 * regions ranked, {@code tied} when another region shares it (并列).
 */
public record PeerRank(String parent, int rank, int count, boolean tied) {

    public PeerRank {
        Objects.requireNonNull(parent, "parent");
        if (rank < 1 || rank > count) {
            throw new IllegalArgumentException("rank " + rank + " of " + count);
        }
    }

    /** 第3/10, 并列第3/10 when tied. */
    public String labelZh() {
        return (tied ? "并列第" : "第") + rank + "/" + count;
    }

    /** 3 of 10, 3 of 10 (tied). */
    public String labelEn() {
        return rank + " of " + count + (tied ? " (tied)" : "");
    }
}
