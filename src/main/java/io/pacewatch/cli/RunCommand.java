package io.pacewatch.cli;

import io.pacewatch.app.PacewatchService;
import io.pacewatch.http.IntakeSettings;
import io.pacewatch.http.IntakeTokens;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pacewatch run}: the service against existing Kafka brokers, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run pacewatch against existing Kafka brokers until stopped (SIGTERM/Ctrl-C).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            " 0:stopped on request (after SIGTERM the JVM itself ends with 143)",
            " 1:could not start (Kafka unreachable, topics unusable, HTTP port taken...)",
            " 2:no Kafka brokers given",
            "70:Kafka Streams failed and the instance stopped itself; restart it"})
public final class RunCommand implements Callable<Integer> {

    /**
     * The exit code when Kafka Streams failed for good and the instance stopped itself (sysexits'
     * EX_SOFTWARE), so that a restart policy brings up a fresh process. A stop on SIGTERM is not a failure.
     */
    public static final int EXIT_STREAMS_FAILED = 70;

    @Mixin
    KafkaConnectionOptions kafka;

    @Mixin
    ServiceOptions service;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions for topics pacewatch creates (default ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    TopicCreationOptions topicCreation;

    @Option(names = "--intake-tokens", paramLabel = "FILE", defaultValue = "${env:PACEWATCH_INTAKE_TOKENS}",
            description = "Enable the HTTP intake (POST /api/releases, /api/targets) for the tokens in FILE: their"
                    + " SHA-256 hashes, names and regions; reread when it changes (env PACEWATCH_INTAKE_TOKENS;"
                    + " default: intake off). `pacewatch intake-token` makes a token.")
    Path intakeTokens;

    @Option(names = "--intake-max-bytes", paramLabel = "BYTES",
            defaultValue = "${env:PACEWATCH_INTAKE_MAX_BYTES:-10485760}",
            description = "Largest intake request body; larger ones get 413 (env PACEWATCH_INTAKE_MAX_BYTES;"
                    + " default ${DEFAULT-VALUE}, 10 MiB).")
    long intakeMaxBytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!kafka.hasBootstrapServers()) {
            System.err.println("pacewatch run: no Kafka brokers given; use --bootstrap-servers or "
                    + "PACEWATCH_BOOTSTRAP_SERVERS (or `pacewatch demo` for an embedded broker)");
            return 2;
        }
        final IntakeSettings intake;
        try {
            intake = new IntakeSettings(intakeTokens, intakeMaxBytes);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--intake-max-bytes: " + e.getMessage());
        }
        if (intakeTokens != null) {
            try {
                IntakeTokens.load(intakeTokens);
            } catch (final IllegalArgumentException e) {
                // Before anything is opened, and without a stack trace: the operator's file, not a bug.
                System.err.println("pacewatch run: " + e.getMessage());
                return 1;
            }
        }
        final Properties clientProperties = kafka.clientProperties();
        // Before Kafka Streams and its clients start retrying an address that never answers.
        BrokerCheck.requireReachable(clientProperties);
        final PacewatchService running = PacewatchService.start(
                service.settings(clientProperties, topicCreation.createTopics(), partitions, topicCreation.replicationFactor()).withIntake(intake));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "pacewatch-shutdown"));
        System.out.println("pacewatch is running; HTTP on " + running.httpAddress());
        final Optional<String> failure = running.awaitStop();
        if (failure.isPresent()) {
            System.err.println("pacewatch run: " + failure.get() + "; exiting with " + EXIT_STREAMS_FAILED);
            return EXIT_STREAMS_FAILED;
        }
        return 0;
    }
}
