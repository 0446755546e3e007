package io.pacewatch.domain;

import io.pacewatch.wire.CatalogueLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Test builders for releases: a fluent {@link ReleaseDraft} that validates through the real
 * {@link ReleaseValidator} and the bundled catalogue, so a built {@link Release} is one the stream
 * would accept. Defaults: region luohu, year 2023, unit 亿元, cumulative basis, published on the 15th
 * of the month after the period at 09:30 Beijing time.
 */
public final class Releases {

    public static final IndicatorCatalogue CATALOGUE = CatalogueLoader.bundled();
    public static final String REGION = "luohu";
    public static final int YEAR = 2023;
    /** Long after every 2023 figure: everything published and out of embargo. */
    public static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private static final ReleaseValidator VALIDATOR = new ReleaseValidator(CATALOGUE);

    private Releases() {
    }

    public static Builder of(final String indicator) {
        return new Builder(indicator);
    }

    public static Builder budgetRevenue() {
        return of("BUDGET_REVENUE");
    }

    public static Builder gdp() {
        return of("GDP");
    }

    public static Builder fixedAssetInvestment() {
        return of("FIXED_ASSET_INVESTMENT");
    }

    public static Builder retailSales() {
        return of("RETAIL_SALES");
    }

    public static Builder industrialValueAdded() {
        return of("INDUSTRIAL_VALUE_ADDED");
    }

    public static Indicator indicator(final String code) {
        return CATALOGUE.require(code);
    }

    public static SeriesKey series(final String indicator) {
        return new SeriesKey(REGION, indicator, YEAR);
    }

    /** Every version given, added in the order given. */
    public static ReleaseHistory history(final Release... releases) {
        return history(Arrays.asList(releases));
    }

    public static ReleaseHistory history(final List<Release> releases) {
        ReleaseHistory history = ReleaseHistory.EMPTY;
        for (final Release release : releases) {
            history = history.with(release);
        }
        return history;
    }

    /** ISO-8601 instant at 09:30 Beijing time on the given day of {@link #YEAR} (month 13 is next January). */
    public static String beijing(final int month, final int day) {
        final int year = month > 12 ? YEAR + 1 : YEAR;
        final int m = month > 12 ? month - 12 : month;
        return String.format("%d-%02d-%02dT09:30:00+08:00", year, m, day);
    }

    public static final class Builder {
        private String region = REGION;
        private final String indicator;
        private String period;
        private String basis = "CUMULATIVE";
        private BigDecimal value;
        private String unit = "亿元";
        private BigDecimal growthPercent;
        private String publishedAt;
        private Integer revision;
        private String source = "罗湖区统计局";
        private String embargoUntil;

        private Builder(final String indicator) {
            this.indicator = indicator;
        }

        /** The 1–N月累计 release, published on the 15th of the next month. */
        public Builder cumulativeThrough(final int month) {
            this.period = String.format("%d-%02d", YEAR, month);
            this.basis = "CUMULATIVE";
            this.publishedAt = beijing(month + 1, 15);
            return this;
        }

        /** One month on its own, published on the 15th of the next month. */
        public Builder singleMonth(final int month) {
            this.period = String.format("%d-M%02d", YEAR, month);
            this.basis = "SINGLE_PERIOD";
            this.publishedAt = beijing(month + 1, 15);
            return this;
        }

        /** January and February together (1–2月) as a single-period figure, published 15 March. */
        public Builder januaryFebruarySingle() {
            this.period = YEAR + "-01-01/P2M";
            this.basis = "SINGLE_PERIOD";
            this.publishedAt = beijing(3, 15);
            return this;
        }

        /** Any period code on any basis (null basis means the default); published the next January. */
        public Builder period(final String code, final String basisName) {
            this.period = code;
            this.basis = basisName;
            if (publishedAt == null) {
                this.publishedAt = beijing(13, 20);
            }
            return this;
        }

        public Builder region(final String text) {
            this.region = text;
            return this;
        }

        public Builder value(final String amount) {
            this.value = amount == null ? null : new BigDecimal(amount);
            return this;
        }

        public Builder value(final String amount, final String unitText) {
            this.unit = unitText;
            return value(amount);
        }

        public Builder unit(final String unitText) {
            this.unit = unitText;
            return this;
        }

        public Builder growth(final String percent) {
            this.growthPercent = percent == null ? null : new BigDecimal(percent);
            return this;
        }

        public Builder publishedAt(final String iso) {
            this.publishedAt = iso;
            return this;
        }

        public Builder revision(final Integer number) {
            this.revision = number;
            return this;
        }

        public Builder source(final String text) {
            this.source = text;
            return this;
        }

        public Builder embargoUntil(final String iso) {
            this.embargoUntil = iso;
            return this;
        }

        public ReleaseDraft draft() {
            return new ReleaseDraft(region, indicator, period, basis, value, unit, growthPercent, publishedAt, revision,
                    source, embargoUntil);
        }

        public Release build() {
            return VALIDATOR.validate(draft());
        }
    }
}
