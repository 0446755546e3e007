package io.pacewatch.domain;

/**
 * The traffic light. {@code concern} orders the judged statuses for alerting; the two statuses that
 * judge nothing (no data yet, not assessable) have none, since they say nothing about the pace.
 */
public enum PaceStatus {
    AHEAD(0, 0),
    ON_PACE(0, 1),
    AT_RISK(1, 2),
    BEHIND(2, 3),
    NO_DATA(-1, -1),
    NOT_ASSESSABLE(-1, -2),
    /** A release the calendar expects has not come; the figures shown are the last ones received. */
    OVERDUE(-1, -3);

    private final int concern;
    private final int metricValue;

    PaceStatus(final int concern, final int metricValue) {
        this.concern = concern;
        this.metricValue = metricValue;
    }

    public boolean isJudged() {
        return concern >= 0;
    }

    /** 0 fine, 1 at risk, 2 behind; only meaningful when {@link #isJudged()}. */
    public int concern() {
        return concern;
    }

    /** The number a gauge exports: 0 ahead, 1 on pace, 2 at risk, 3 behind, -1 no data, -2 not assessable, -3 overdue. */
    public int metricValue() {
        return metricValue;
    }

    public String labelZh() {
        return switch (this) {
            case AHEAD -> "超序时";
            case ON_PACE -> "正常";
            case AT_RISK -> "预警";
            case BEHIND -> "滞后";
            case NO_DATA -> "暂无数据";
            case NOT_ASSESSABLE -> "无法评估";
            case OVERDUE -> "逾期未发布";
        };
    }

    public String labelEn() {
        return switch (this) {
            case AHEAD -> "ahead";
            case ON_PACE -> "on pace";
            case AT_RISK -> "at risk";
            case BEHIND -> "behind";
            case NO_DATA -> "no data";
            case NOT_ASSESSABLE -> "not assessable";
            case OVERDUE -> "overdue";
        };
    }
}
