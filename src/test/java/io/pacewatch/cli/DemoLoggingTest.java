package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The demo's terminal shows pacewatch's warnings and Kafka's errors; the file has everything. */
class DemoLoggingTest {

    /** Kafka's warnings seen on every demo start, with the loggers that write them. */
    private static final String[][] BENIGN = {
        {"org.apache.kafka.clients.NetworkClient",
            "[Producer clientId=demo] Error while fetching metadata with correlation id 7 : {pacewatch.releases=UNKNOWN_TOPIC_OR_PARTITION}"},
        {"org.apache.kafka.clients.producer.internals.Sender",
            "[Producer clientId=demo] Got error produce response with correlation id 9 on topic-partition pacewatch.releases-0"},
        {"org.apache.kafka.streams.processor.internals.StateDirectory",
            "Using an OS temp directory in the state.dir property can cause failures with writing the checkpoint file"},
        {"org.apache.kafka.streams.StreamsConfig",
            "Processing exception handler is not enabled for the GlobalThread"},
    };

    @Test
    @DisplayName("Kafka's start-up warnings and pacewatch's INFO go to the log file only; real problems reach stderr too")
    void quietTerminalFullFile(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("demo.log");
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try (DemoLogging ignored = DemoLogging.toFile(file)) {
            for (final String[] warning : BENIGN) {
                LoggerFactory.getLogger(warning[0]).warn(warning[1]);
            }
            LoggerFactory.getLogger("io.pacewatch.app.PacewatchService").info("Created topics [pacewatch.releases]");
            LoggerFactory.getLogger("io.pacewatch.app.PacewatchService").warn("pacewatch's own warning");
            LoggerFactory.getLogger("org.apache.kafka.streams.KafkaStreams").error("a Kafka error");
        } finally {
            System.setErr(original);
        }
        final String terminal = stderr.toString(StandardCharsets.UTF_8);
        assertThat(terminal).contains("pacewatch's own warning", "a Kafka error").doesNotContain("Created topics");
        for (final String[] warning : BENIGN) {
            assertThat(terminal).doesNotContain(warning[1]);
        }
        final String log = Files.readString(file);
        assertThat(log).contains("Created topics", "pacewatch's own warning", "a Kafka error");
        for (final String[] warning : BENIGN) {
            assertThat(log).contains("WARN", warning[1]);
        }
        assertThat(System.getProperty(DemoLogging.FILE_PROPERTY)).isNull();
    }
}
