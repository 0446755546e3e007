package io.pacewatch.domain.brief;

/** A region's place among the regions sharing its parent, for one indicator and month ("并列第3/7"). */
public record PeerStanding(int rank, int count, boolean tied) {

    public String labelZh() {
        return (tied ? "并列第" : "第") + rank + "/" + count;
    }

    public String labelEn() {
        return (tied ? "=" : "") + rank + "/" + count;
    }
}
