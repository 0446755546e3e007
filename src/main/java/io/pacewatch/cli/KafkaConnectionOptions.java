package io.pacewatch.cli;

import io.pacewatch.domain.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a command reaches Kafka. Any Kafka client or Streams property passes through, so SASL and TLS
 * clusters need no code: from a properties file, from {@code PACEWATCH_KAFKA_*} environment variables
 * ({@code PACEWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL} → {@code security.protocol}), or from
 * {@code --kafka-property}; later sources win, in that order, and {@code --bootstrap-servers} last.
 */
public final class KafkaConnectionOptions {

    static final String ENV_PREFIX = "PACEWATCH_KAFKA_";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:PACEWATCH_BOOTSTRAP_SERVERS}",
            description = "Kafka brokers (env PACEWATCH_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:PACEWATCH_KAFKA_CONFIG}",
            description = "Properties file with any Kafka client or Streams settings, e.g. SASL/TLS (env PACEWATCH_KAFKA_CONFIG).")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "One Kafka client or Streams property; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    public boolean hasBootstrapServers() {
        return clientProperties().containsKey("bootstrap.servers");
    }

    /** The merged client properties; {@code environment} is a parameter so tests need not set real variables. */
    public Properties clientProperties(final Map<String, String> environment) {
        final Properties merged = new Properties();
        if (configFile != null) {
            try (InputStream in = Files.newInputStream(configFile)) {
                merged.load(in);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read Kafka properties file " + configFile, e);
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals("PACEWATCH_KAFKA_CONFIG")) {
                merged.setProperty(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        merged.putAll(properties);
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            merged.setProperty("bootstrap.servers", bootstrapServers);
        }
        return merged;
    }

    public Properties clientProperties() {
        return clientProperties(System.getenv());
    }

    /** For commands that start an embedded broker when none is named. */
    /** The client properties, or a usage error that says how to give them (and, where there is one, --dry-run). */
    public Properties requireClientProperties(final CommandSpec spec) {
        final Properties merged;
        try {
            merged = clientProperties();
        } catch (final UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), SafeText.escape(e.getMessage()) + ": "
                    + SafeText.escape(String.valueOf(e.getCause().getMessage())), e);
        }
        if (!merged.containsKey("bootstrap.servers")) {
            throw new ParameterException(spec.commandLine(), "no Kafka brokers given: use --bootstrap-servers HOST:PORT"
                    + " or PACEWATCH_BOOTSTRAP_SERVERS" + (spec.findOption("--dry-run") != null
                    ? ", or --dry-run to validate without sending" : ""));
        }
        return merged;
    }

    public void useBootstrapServers(final String servers) {
        this.bootstrapServers = servers;
    }
}
