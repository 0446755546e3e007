package io.pacewatch.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Target;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.TargetFileReader;
import io.pacewatch.ingest.TestFiles;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TargetTableTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());

    @Test
    void printsOneAlignedRowPerTargetCountingChineseAsDoubleWidth() throws IOException {
        final List<Target> targets = new TargetFileReader(CODEC, InputFormat.AUTO, TestFiles.forms(), null)
                .read(TestFiles.resource("targets-valid.csv")).records().stream()
                .map(Numbered::value).collect(Collectors.toList());
        final StringWriter text = new StringWriter();

        TargetTable.print(new PrintWriter(text), targets);

        final List<String> lines = text.toString().lines().collect(Collectors.toList());
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("REGION  YEAR  INDICATOR").contains("THRESHOLDS (pp)");
        assertThat(lines.get(1)).contains("150 亿元").contains("SEASONAL").contains("3/0/-3")
                .contains("2023-01-12T01:00:00Z").endsWith("福田区2023年政府工作报告");
        assertThat(lines.get(2)).contains("6%").contains("LINEAR").contains("default");
        assertThat(lines.get(3)).contains("420 亿元");
        final int sourceColumn = TargetTable.displayWidth(lines.get(0).substring(0, lines.get(0).indexOf("SOURCE")));
        for (final String line : lines.subList(1, lines.size())) {
            assertThat(TargetTable.displayWidth(line.substring(0, line.indexOf("福田区")))).isEqualTo(sourceColumn);
        }
    }

    @Test
    void displayWidthCountsWideCharactersTwice() {
        assertThat(TargetTable.displayWidth("亿元")).isEqualTo(4);
        assertThat(TargetTable.displayWidth("luohu")).isEqualTo(5);
    }
}
