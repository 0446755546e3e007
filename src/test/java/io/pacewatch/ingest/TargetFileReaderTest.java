package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.StatusThresholds;
import io.pacewatch.domain.Target;
import io.pacewatch.domain.TargetDraft;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TargetFileReaderTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final TargetFileReader AUTO = new TargetFileReader(CODEC, InputFormat.AUTO, TestFiles.forms(), null);

    @Test
    void csvColumnsAreTheTargetFieldsWithThresholdsSpreadOut() {
        final List<String> fields = Arrays.stream(TargetDraft.class.getRecordComponents())
                .map(c -> c.getName())
                .flatMap(name -> name.equals("thresholds")
                        ? Arrays.stream(StatusThresholds.class.getRecordComponents()).map(c -> c.getName())
                        : Stream.of(name))
                .collect(Collectors.toList());

        assertThat(TargetFileReader.CSV_COLUMNS).containsExactlyElementsOf(fields);
    }

    @Test
    void readsTheBundledTargets() throws IOException {
        final FileOutcome<Target> outcome = AUTO.read(TestFiles.BUNDLED_TARGETS);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.records()).extracting(r -> r.value().indicator()).containsExactly(
                "GDP", "BUDGET_REVENUE", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "INDUSTRIAL_VALUE_ADDED");
    }

    @Test
    void readsCsvWithSeasonalSharesThresholdsAndUnits() throws IOException {
        final FileOutcome<Target> outcome = AUTO.read(TestFiles.resource("targets-valid.csv"));

        assertThat(outcome.errors()).isEmpty();
        final Target revenue = outcome.records().get(0).value();
        assertThat(revenue.kind()).isEqualTo(TargetKind.AMOUNT);
        assertThat(revenue.paceProfile().seasonalShares()).hasSize(12).first().isEqualTo(new BigDecimal("0.12"));
        assertThat(revenue.thresholds()).isEqualTo(new StatusThresholds(new BigDecimal("3"), BigDecimal.ZERO,
                new BigDecimal("-3")));
        assertThat(revenue.priorYearAmount()).isEqualByComparingTo("140");
        final Target gdp = outcome.records().get(1).value();
        assertThat(gdp.thresholds()).isNull();
        assertThat(gdp.paceProfile().isLinear()).isTrue();
        final Target investment = outcome.records().get(2).value();
        assertThat(investment.value()).isEqualByComparingTo("420");
        assertThat(investment.unit()).isEqualTo(AmountUnit.YI_YUAN);
        assertThat(investment.source()).isEqualTo("福田区政府工作报告, 修订");
    }

    @Test
    void reportsEveryBadTargetRowWithItsLine() throws IOException {
        final FileOutcome<Target> outcome = AUTO.read(TestFiles.resource("targets-bad.csv"));

        assertThat(outcome.records()).extracting(Numbered::line).containsExactly(2);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                tuple(3, "missing_field"),
                tuple(4, "invalid_field"),
                tuple(5, "missing_field"),
                tuple(6, "invalid_field"));
        assertThat(outcome.errors().get(0).detail()).contains("thresholds need");
        assertThat(outcome.errors().get(1).detail()).contains("12 cumulative shares, not 2");
        assertThat(outcome.errors().get(2).detail()).contains("year is required");
    }

    @Test
    void refusesSdmxForTargets() throws IOException {
        assertThatThrownBy(() -> new TargetFileReader(CODEC, InputFormat.SDMX_CSV, TestFiles.forms(), null))
                .isInstanceOf(IllegalArgumentException.class);
        final FileOutcome<Target> outcome = AUTO.read(TestFiles.resource("releases.sdmx.csv"));
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.detail()).contains("SDMX-CSV");
        });
    }

    @Test
    void reportsABadSeasonalShareCell() throws IOException {
        final FileOutcome<Target> outcome = AUTO.read("t.csv", TestFiles.utf8(
                "region,year,indicator,kind,value,unit,paceProfile,seasonalShares,publishedAt,source\n"
                        + "futian,2023,BUDGET_REVENUE,AMOUNT,150,亿元,SEASONAL,0.1;;1,2023-01-12T09:00:00+08:00,s\n"),
                InputFormat.CSV);

        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason)
                .containsExactly(tuple(2, "wrong_type"));
    }
}
