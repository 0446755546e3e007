package io.pacewatch.domain;

/** What the gap of an assessment measures. */
public enum Judgement {
    /** Amount target, amount known: completion − time progress, in points. */
    AMOUNT_COMPLETION,
    /** Growth target: cumulative growth − target growth, in points. */
    GROWTH,
    /** Amount target but only growth published: growth − the growth the target implies over last year. */
    IMPLIED_GROWTH,
    /** Nothing could be judged; the progress says why. */
    NONE
}
