package io.pacewatch.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.ingest.ReleaseFileReader;
import io.pacewatch.ingest.SheetReadingTest;
import io.pacewatch.ingest.TestFiles.Run;
import io.pacewatch.ingest.TestFiles;
import io.pacewatch.testkit.KafkaTestBroker;
import io.pacewatch.testkit.WithKafka;
import io.pacewatch.wire.CatalogueLoader;
import io.pacewatch.wire.Drafts;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish} and {@code targets load|list} against a real broker, then reading back what arrived. */
@WithKafka
class PublishCommandIT {

    private static final InputCodec CODEC = new InputCodec(CatalogueLoader.bundled());

    private KafkaTestBroker kafka;

    @Test
    void publishesCsvAndJsonLinesKeyedBySeriesWithCanonicalValuesAndPublicationTimestamps() throws Exception {
        final String topic = kafka.uniqueTopicName("releases");
        kafka.createTopic(topic, 3);
        final Path csv = TestFiles.resource("releases-valid.csv");
        final Path jsonl = TestFiles.resource("releases-valid.jsonl");

        final Run run = TestFiles.run(new PublishCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--progress", csv.toString(), jsonl.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("rows read     6 (2 file(s))").contains("sent          6 releases to " + topic)
                .containsPattern("BUDGET_REVENUE +2").containsPattern("RETAIL_SALES +1").contains("elapsed");
        assertThat(run.err()).contains("sending [##############################] 100% 6/6");

        final List<ConsumerRecord<String, String>> records = kafka.consumeStrings(topic, 6);
        assertThat(records).hasSize(6);
        final List<Release> expected = new ArrayList<>();
        for (final Path file : List.of(csv, jsonl)) {
            new ReleaseFileReader(CODEC, InputFormat.AUTO, SdmxDefaults.NONE, TestFiles.forms(), null).read(file).records()
                    .forEach(r -> expected.add(r.value()));
        }
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value, ConsumerRecord::timestamp)
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .map(r -> tuple(r.series().id(), canonical(r),
                                r.publishedAt().toEpochMilli()))
                        .collect(Collectors.toList()));
        // One series, one partition, file order kept: February's revenue before March's.
        assertThat(records.stream().filter(r -> r.key().equals("luohu|BUDGET_REVENUE|2023"))
                .map(r -> CODEC.release(r.value().getBytes(StandardCharsets.UTF_8)).period().code()))
                .containsExactly("2023-01-01/P2M", "2023-Q1");

        final ConsumerRecord<String, String> retail = records.stream()
                .filter(r -> r.key().equals("luohu|RETAIL_SALES|2023")).findFirst().orElseThrow();
        // 120500 万元 for 1–3月 in the file; the canonical message says 12.05 亿元 (the indicator's unit) for 2023-Q1.
        assertThat(Json.MAPPER.readValue(retail.value(), Map.class))
                .containsEntry("value", new java.math.BigDecimal("12.05")).containsEntry("unit", "YI_YUAN").containsEntry("period", "2023-Q1")
                .containsEntry("publishedAt", "2023-04-18T02:00:00Z").containsEntry("revision", 1);
        assertThat(retail.timestamp()).isEqualTo(Instant.parse("2023-04-18T02:00:00Z").toEpochMilli());
    }

    @Test
    void publishesAChineseHeadedWorkbookAsTheCanonicalReleaseMessages(@TempDir final Path dir) throws Exception {
        final String topic = kafka.uniqueTopicName("releases-xlsx");
        kafka.createTopic(topic, 2);
        final Path book = dir.resolve("罗湖区2023年6月.xlsx");
        Files.write(book, TestFiles.xlsx(SheetReadingTest.sheet("6月",
                List.of("地区", "指标", "时期", "累计值", "单位", "累计增长(%)", "发布时间", "来源"),
                SheetReadingTest.row("region", "indicator", "period", "value", "unit", "growthPercent", "publishedAt",
                        "source"),
                SheetReadingTest.row("luohu", "社会消费品零售总额", "1-6月", "1,391.75", "亿元", new TestFiles.Percent("0.052"),
                        LocalDate.of(2023, 7, 15), "罗湖区统计局"),
                SheetReadingTest.row("luohu", "规上工业增加值", "2023年1-2月", null, null, "-3.1%", "2023-03-15 09:30",
                        "罗湖区统计局"),
                SheetReadingTest.row("luohu", "地区生产总值", "2023年一季度", 612.4, "亿元", 4.5,
                        LocalDateTime.of(2023, 4, 20, 10, 0), "罗湖区统计局"))));

        // All or nothing across formats: the good workbook beside the unfilled template sends nothing.
        final Path template = dir.resolve("模板.xlsx");
        assertThat(TestFiles.run(new PublishCommand(), "--template", "xlsx", "-o", template.toString()).exitCode())
                .isEqualTo(ExitCodes.OK);
        final Run refused = TestFiles.run(new PublishCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--year", "2023", book.toString(), template.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains(template + ": sheet 数据, I3: invalid_field");
        final Map<TopicPartition, OffsetSpec> ends = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                new TopicPartition(topic, 1), OffsetSpec.latest());
        assertThat(kafka.admin().listOffsets(ends).all().get(30, TimeUnit.SECONDS).values())
                .allSatisfy(end -> assertThat(end.offset()).isZero());

        final Run run = TestFiles.run(new PublishCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--year", "2023", "--progress", book.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("sending [##############################] 100% 3/3");
        assertThat(run.out()).contains("rows read     3 (1 file(s))").contains("sent          3 releases to " + topic)
                .contains("local times   3 date(s) without an offset, taken in Asia/Shanghai");
        final List<ConsumerRecord<String, String>> records = kafka.consumeStrings(topic, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "luohu|RETAIL_SALES|2023", "luohu|INDUSTRIAL_VALUE_ADDED|2023", "luohu|GDP|2023");
        // What arrives is the stream's own message, the same as a JSON publisher would send: nothing clerk-shaped.
        assertThat(records).allSatisfy(r -> {
            final Release release = CODEC.release(r.value().getBytes(StandardCharsets.UTF_8));
            assertThat(r.value()).isEqualTo(canonical(release));
            assertThat(r.timestamp()).isEqualTo(release.publishedAt().toEpochMilli());
        });
        final ConsumerRecord<String, String> retail = records.stream()
                .filter(r -> r.key().equals("luohu|RETAIL_SALES|2023")).findFirst().orElseThrow();
        assertThat(Json.MAPPER.readValue(retail.value(), Map.class))
                .containsEntry("indicator", "RETAIL_SALES").containsEntry("period", "2023-S1")
                .containsEntry("basis", "CUMULATIVE").containsEntry("value", new java.math.BigDecimal("1391.75"))
                .containsEntry("growthPercent", new java.math.BigDecimal("5.2"))
                .containsEntry("publishedAt", "2023-07-14T16:00:00Z");
        final ConsumerRecord<String, String> industry = records.stream()
                .filter(r -> r.key().equals("luohu|INDUSTRIAL_VALUE_ADDED|2023")).findFirst().orElseThrow();
        assertThat(Json.MAPPER.readValue(industry.value(), Map.class))
                .containsEntry("period", "2023-01-01/P2M").containsEntry("growthPercent", new java.math.BigDecimal("-3.1"))
                .containsEntry("publishedAt", "2023-03-15T01:30:00Z");
    }

    @Test
    void aBadFileSendsNothingEvenWithGoodFilesBesideIt() throws Exception {
        final String topic = kafka.uniqueTopicName("releases-refused");
        kafka.createTopic(topic, 1);

        final Run run = TestFiles.run(new PublishCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, TestFiles.resource("releases-valid.csv").toString(),
                TestFiles.resource("releases-bad.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        final TopicPartition partition = new TopicPartition(topic, 0);
        final long endOffset = kafka.admin().listOffsets(Map.of(partition, OffsetSpec.latest())).all()
                .get(30, TimeUnit.SECONDS).get(partition).offset();
        assertThat(endOffset).isZero();
    }

    @Test
    void loadsTargetsAndListsTheOnesInForce() throws Exception {
        final String topic = kafka.uniqueTopicName("targets");
        kafka.createTopic(topic, 2, true);

        final Run load = TestFiles.run(new TargetsCommand(), "load", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, TestFiles.BUNDLED_TARGETS.toString(), TestFiles.resource("targets-valid.csv").toString());
        assertThat(load.exitCode()).as(load.err()).isEqualTo(ExitCodes.OK);
        assertThat(load.out()).contains("sent          8 targets to " + topic);
        assertThat(load.err()).as("no progress bar off a terminal unless asked for").doesNotContain("sending [", "\r");

        final List<ConsumerRecord<String, String>> sent = kafka.consumeStrings(topic, 8);
        assertThat(sent).extracting(ConsumerRecord::key).contains("luohu|GDP|2023", "futian|BUDGET_REVENUE|2023");
        assertThat(sent).allSatisfy(r -> {
            final Target target = CODEC.target(r.value().getBytes(StandardCharsets.UTF_8));
            assertThat(r.key()).isEqualTo(target.series().id());
            assertThat(r.value()).isEqualTo(Json.MAPPER.writeValueAsString(Drafts.of(target)));
            assertThat(r.timestamp()).isEqualTo(target.publishedAt().toEpochMilli());
        });

        final Run table = list(topic);
        assertThat(table.exitCode()).as(table.err()).isEqualTo(ExitCodes.OK);
        final List<String> lines = table.out().lines().collect(Collectors.toList());
        assertThat(lines).hasSize(1 + 8);
        assertThat(lines.get(0)).startsWith("REGION");
        assertThat(lines.get(1)).startsWith("futian  2023  BUDGET_REVENUE").contains("150 亿元").contains("3/0/-3");
        assertThat(table.out()).containsPattern("luohu +2023 +GDP +GROWTH +6.5% +LINEAR +default +2023-01-10T01:00:00Z"
                + " +罗湖区2023年政府工作报告");

        final Run json = list(topic, "--region", "futian", "--json");
        assertThat(json.out().lines()).hasSize(3).allSatisfy(line ->
                assertThat(CODEC.target(line.getBytes(StandardCharsets.UTF_8)).region()).isEqualTo("futian"));
        assertThat(list(topic, "--year", "2024").out()).startsWith("no targets in force");

        // A tombstone removes its series; a value the stream would refuse leaves the target before it in force.
        kafka.produce(topic, "futian|GDP|2023", null);
        kafka.produce(topic, "luohu|GDP|2023", "{\"region\":\"luohu\",\"year\":2023}");
        kafka.produce(topic, "luohu|RETAIL_SALES|2023", Json.MAPPER.writeValueAsString(Drafts.of(
                CODEC.target(("{\"region\":\"luohu\",\"year\":2023,\"indicator\":\"RETAIL_SALES\",\"kind\":\"GROWTH\","
                        + "\"value\":5.5,\"publishedAt\":\"2023-06-30T09:00:00+08:00\",\"source\":\"调整后计划\"}")
                        .getBytes(StandardCharsets.UTF_8)))));
        final Run after = list(topic);
        assertThat(after.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(after.out()).doesNotContain("futian  2023  GDP")
                .containsPattern("luohu +2023 +GDP +GROWTH +6.5%")
                .containsPattern("luohu +2023 +RETAIL_SALES +GROWTH +5.5% .*调整后计划");
        assertThat(after.out().lines()).hasSize(1 + 7);
        assertThat(after.err()).contains("warning: partition").contains("key 'luohu|GDP|2023': missing_field")
                .contains("the stream keeps the target before it");
    }

    /** A broker answers (so the reachability check passes) but the send itself fails: told as a Kafka failure. */
    @Test
    void sendingToATopicThatDoesNotExistIsAKafkaFailure() {
        final Run run = TestFiles.run(new PublishCommand(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", kafka.uniqueTopicName("no-such-topic"), "--kafka-property", "max.block.ms=1000",
                TestFiles.resource("releases-valid.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.KAFKA_FAILURE);
        assertThat(run.err()).contains("publish: Kafka failure: ").containsPattern("0 of 4 releases were acknowledged by");
    }

    @Test
    void listingATopicThatDoesNotExistIsAKafkaFailure() {
        final Run run = list(kafka.uniqueTopicName("no-such-topic"), "--timeout", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.KAFKA_FAILURE);
        assertThat(run.err()).contains("targets list: Kafka failure").contains("does not exist");
    }

    private Run list(final String topic, final String... options) {
        final List<String> args = new ArrayList<>(List.of("list", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic));
        args.addAll(List.of(options));
        return TestFiles.run(new TargetsCommand(), args.toArray(String[]::new));
    }

    private static String canonical(final Release release) {
        try {
            return Json.MAPPER.writeValueAsString(Drafts.of(release));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
