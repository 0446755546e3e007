package io.pacewatch.cli.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pacewatch.cli.KafkaConnectionOptions;
import io.pacewatch.cli.publish.TargetsTopicReader.TargetsSnapshot;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.Drafts;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Json;
import io.pacewatch.wire.Topics;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pacewatch targets list}: the targets in force, as the stream sees them. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Lists the targets in force: the latest valid target per series on the compacted targets topic.",
            "",
            "Reads the topic from the beginning to its current end. Records the stream would refuse are skipped"
                    + " with a warning on stderr; a tombstone removes its series."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Kafka failure: unreachable, no such topic, or the end not reached in time",
            "2:a bad option"})
public final class TargetsListCommand implements Callable<Integer> {

    private static final Comparator<Target> ORDER = Comparator.comparing(Target::region)
            .thenComparingInt(Target::year)
            .thenComparing(Target::indicator);

    @Option(names = "--region", paramLabel = "CODE", description = "Only this region.")
    String region;

    @Option(names = "--year", paramLabel = "YEAR", description = "Only this year.")
    Integer year;

    @Option(names = "--json", description = "Print JSON Lines (one target message per line) instead of a table.")
    boolean json;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.TARGETS, description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up if the end of the topic is not reached within this (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    KafkaConnectionOptions kafka;

    @Mixin
    CatalogueOption catalogue;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
        }
        final InputCodec codec = catalogue.codec(spec);
        final Properties properties = kafka.requireClientProperties(spec);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final TargetsSnapshot snapshot;
        try {
            snapshot = new TargetsTopicReader(properties, codec).read(topic, Duration.ofSeconds(timeoutSeconds));
        } catch (final KafkaException e) {
            err.println("targets list: Kafka failure: " + SafeText.escape(e.getMessage()));
            err.flush();
            return ExitCodes.KAFKA_FAILURE;
        }
        snapshot.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        final List<Target> shown = snapshot.targets().stream()
                .filter(t -> region == null || region.equals(t.region()))
                .filter(t -> year == null || year == t.year())
                .sorted(ORDER)
                .collect(Collectors.toList());
        if (json) {
            shown.forEach(t -> out.println(toJson(t)));
        } else if (shown.isEmpty()) {
            out.println("no targets in force on " + SafeText.escape(topic) + (region == null && year == null ? ""
                    : " for the filters given"));
        } else {
            TargetTable.print(out, shown);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The canonical message, as {@code targets load} would send it again. */
    private static String toJson(final Target target) {
        try {
            return Json.MAPPER.writeValueAsString(Drafts.of(target));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("cannot write target " + target.series().id() + " as JSON", e);
        }
    }
}
