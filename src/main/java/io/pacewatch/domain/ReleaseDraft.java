package io.pacewatch.domain;

import java.math.BigDecimal;

/**
 * A release as a bureau states it, before any rule is applied: the shape of the JSON message and of
 * one CSV row alike, so that the stream and the {@code publish} command validate with the same code.
 */
public record ReleaseDraft(
        String region,
        String indicator,
        String period,
        String basis,
        BigDecimal value,
        String unit,
        BigDecimal growthPercent,
        String publishedAt,
        Integer revision,
        String source,
        String embargoUntil) {
}
