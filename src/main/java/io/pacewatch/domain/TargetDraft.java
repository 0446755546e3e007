package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.List;

/** A target as a government states it, before validation: the JSON message and one CSV row. */
public record TargetDraft(
        String region,
        Integer year,
        String indicator,
        String kind,
        BigDecimal value,
        String unit,
        String paceProfile,
        List<BigDecimal> seasonalShares,
        StatusThresholds thresholds,
        BigDecimal priorYearAmount,
        String publishedAt,
        String source) {
}
