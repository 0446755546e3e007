package io.pacewatch.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Test builders for targets, validated through the real {@link TargetValidator} and the bundled
 * catalogue. Defaults: region luohu, year 2023, unit 亿元, linear pace, default thresholds, published
 * with the 2023 government work report.
 */
public final class Targets {

    public static final String WORK_REPORT_PUBLISHED = "2023-01-10T09:00:00+08:00";

    private static final TargetValidator VALIDATOR = new TargetValidator(Releases.CATALOGUE);

    private Targets() {
    }

    public static Builder amount(final String indicator, final String value) {
        return new Builder(indicator, "AMOUNT", value);
    }

    public static Builder growth(final String indicator, final String percent) {
        return new Builder(indicator, "GROWTH", percent).unit(null);
    }

    /** The worked example's target: local budget revenue 127 亿元. */
    public static Builder budgetRevenue127() {
        return amount("BUDGET_REVENUE", "127");
    }

    public static StatusThresholds thresholds(final String ahead, final String atRisk, final String behind) {
        return new StatusThresholds(new BigDecimal(ahead), new BigDecimal(atRisk), new BigDecimal(behind));
    }

    public static List<BigDecimal> shares(final String... shares) {
        return Arrays.stream(shares).map(BigDecimal::new).toList();
    }

    public static final class Builder {
        private String region = Releases.REGION;
        private Integer year = Releases.YEAR;
        private final String indicator;
        private String kind;
        private BigDecimal value;
        private String unit = "亿元";
        private String paceProfile;
        private List<BigDecimal> seasonalShares;
        private StatusThresholds thresholds;
        private BigDecimal priorYearAmount;
        private String publishedAt = WORK_REPORT_PUBLISHED;
        private String source = "罗湖区2023年政府工作报告";

        private Builder(final String indicator, final String kind, final String value) {
            this.indicator = indicator;
            this.kind = kind;
            this.value = value == null ? null : new BigDecimal(value);
        }

        public Builder region(final String text) {
            this.region = text;
            return this;
        }

        public Builder year(final Integer number) {
            this.year = number;
            return this;
        }

        public Builder kind(final String text) {
            this.kind = text;
            return this;
        }

        public Builder value(final String number) {
            this.value = number == null ? null : new BigDecimal(number);
            return this;
        }

        public Builder unit(final String text) {
            this.unit = text;
            return this;
        }

        public Builder paceProfile(final String name) {
            this.paceProfile = name;
            return this;
        }

        public Builder seasonal(final String... cumulativeShares) {
            this.paceProfile = "SEASONAL";
            this.seasonalShares = shares(cumulativeShares);
            return this;
        }

        public Builder seasonalShares(final List<BigDecimal> shares) {
            this.seasonalShares = shares;
            return this;
        }

        public Builder thresholds(final StatusThresholds stated) {
            this.thresholds = stated;
            return this;
        }

        public Builder priorYearAmount(final String amount) {
            this.priorYearAmount = amount == null ? null : new BigDecimal(amount);
            if (unit == null) {
                unit = "亿元";
            }
            return this;
        }

        public Builder publishedAt(final String iso) {
            this.publishedAt = iso;
            return this;
        }

        public Builder source(final String text) {
            this.source = text;
            return this;
        }

        public TargetDraft draft() {
            return new TargetDraft(region, year, indicator, kind, value, unit, paceProfile, seasonalShares, thresholds,
                    priorYearAmount, publishedAt, source);
        }

        public Target build() {
            return VALIDATOR.validate(draft());
        }
    }
}
