package io.pacewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.InputCodec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** JSON documents (one message or an array) and the sender's provenance, as the HTTP intake reads bodies. */
class JsonDocumentTest {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());
    private static final ReleaseFileReader READER = new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE,
            TestFiles.forms(), null);
    private static final String JUNE = "{\"region\":\"luohu\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"2023-06\","
            + "\"value\":60,\"unit\":\"亿元\",\"publishedAt\":\"2023-07-15T09:00:00+08:00\",\"source\":\"bureau\"}";

    @Test
    void oneObjectOrAnArrayOfThem() throws IOException {
        assertThat(read(JUNE).records()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(1));
        final FileOutcome<Release> array = read("[\n" + JUNE + ",\n" + JUNE.replace("2023-06", "2023-05") + "\n]");
        assertThat(array.errors()).isEmpty();
        assertThat(array.records()).extracting(Numbered::line).containsExactly(2, 3);
        assertThat(array.records()).extracting(r -> r.value().period().lastMonth()).containsExactly(6, 5);
    }

    @Test
    void eachItemIsReadAsStrictlyAsAMessageOnTheTopic() throws IOException {
        final FileOutcome<Release> outcome = read("[" + JUNE + ",\n" + JUNE.replace("\"value\":60", "\"value\":60,\"value\":61")
                + ",\n" + JUNE.replace("\"source\"", "\"colour\":1,\"source\"") + ",\n42]");
        assertThat(outcome.rows()).isEqualTo(4);
        assertThat(outcome.records()).hasSize(1);
        assertThat(outcome.errors()).extracting(RowError::line, RowError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "duplicate_field"),
                org.assertj.core.groups.Tuple.tuple(3, "unknown_field"),
                org.assertj.core.groups.Tuple.tuple(4, "wrong_type"));
        assertThat(outcome.errors().get(0).detail()).contains("item 2");
    }

    @Test
    void aCutOffOrOverlongDocumentIsAnErrorOfTheWholeFile() throws IOException {
        final FileOutcome<Release> cut = read("[" + JUNE + ",\n" + JUNE.substring(0, 40));
        assertThat(cut.isValid()).isFalse();
        assertThat(cut.errors()).extracting(RowError::reason).containsExactly("malformed_json");
        assertThat(read("[" + JUNE + "] []").errors()).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("more after the array"));
        assertThat(read("\"text\"").errors()).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("one object or an array"));
        assertThat(read("").errors()).singleElement().satisfies(e -> assertThat(e.detail()).contains("empty"));
    }

    @Test
    void aSenderNameFillsTheSourceAndRefusesAnother() throws IOException {
        final ReleaseFileReader sent = READER.attributedTo(Provenance.sender("luohu-stats"));
        final String noSource = JUNE.replace(",\"source\":\"bureau\"", "");
        assertThat(read(sent, noSource).records()).singleElement()
                .satisfies(r -> assertThat(r.value().version().source()).isEqualTo("luohu-stats"));
        assertThat(read(sent, JUNE.replace("bureau", "luohu-stats")).records()).hasSize(1);
        assertThat(read(sent, JUNE).errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("invalid_field");
            assertThat(e.detail()).contains("'bureau'").contains("luohu-stats");
        });
        assertThat(read(READER, noSource).errors()).as("publish still needs a source").hasSize(1);
        assertThat(sent.read("t.csv", TestFiles.utf8("region,indicator,period,value,unit,publishedAt\n"
                + "luohu,BUDGET_REVENUE,2023-06,60,亿元,2023-07-15T09:00:00+08:00\n"), InputFormat.CSV).records())
                .singleElement().satisfies(r -> assertThat(r.value().source()).isEqualTo("luohu-stats"));
    }

    @Test
    void targetsToo() throws IOException {
        final TargetFileReader reader = new TargetFileReader(CODEC, InputFormat.AUTO, TestFiles.forms(), null)
                .attributedTo(Provenance.sender("city"));
        final FileOutcome<Target> outcome = reader.read("body", TestFiles.utf8("[{\"region\":\"luohu\",\"year\":2023,"
                + "\"indicator\":\"GDP\",\"kind\":\"GROWTH\",\"value\":6.5,\"publishedAt\":\"2023-01-10T09:00:00+08:00\"}]"),
                InputFormat.JSON);
        assertThat(outcome.records()).singleElement().satisfies(t -> assertThat(t.value().source()).isEqualTo("city"));
    }

    private static FileOutcome<Release> read(final String json) throws IOException {
        return read(READER, json);
    }

    private static FileOutcome<Release> read(final ReleaseFileReader reader, final String json) throws IOException {
        return reader.read("body", TestFiles.utf8(json), InputFormat.JSON);
    }
}
