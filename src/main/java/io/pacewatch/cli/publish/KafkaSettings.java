package io.pacewatch.cli.publish;

import io.pacewatch.domain.SafeText;
import io.pacewatch.cli.KafkaConnectionOptions;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The Kafka client properties of a command, or a usage error that says how to give them. */
final class KafkaSettings {

    private KafkaSettings() {
    }

    static Properties require(final CommandSpec spec, final KafkaConnectionOptions kafka) {
        final Properties properties;
        try {
            properties = kafka.clientProperties();
        } catch (final UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), SafeText.escape(e.getMessage()) + ": "
                    + SafeText.escape(String.valueOf(e.getCause().getMessage())), e);
        }
        if (!properties.containsKey("bootstrap.servers")) {
            throw new ParameterException(spec.commandLine(), "no Kafka brokers given: use --bootstrap-servers HOST:PORT"
                    + " or PACEWATCH_BOOTSTRAP_SERVERS" + (spec.findOption("--dry-run") != null
                    ? ", or --dry-run to validate without sending" : ""));
        }
        return properties;
    }
}
