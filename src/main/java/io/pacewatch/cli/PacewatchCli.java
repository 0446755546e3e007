package io.pacewatch.cli;

import io.pacewatch.cli.publish.PublishCommand;
import io.pacewatch.cli.publish.TargetsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pacewatch} command line: the service, the demo, and the tools publishers run. */
@Command(name = "pacewatch", mixinStandardHelpOptions = true, version = "pacewatch 0.1.0",
        description = "Watches economic-indicator releases on Kafka and alerts when an indicator falls behind pace.",
        subcommands = {DemoCommand.class, RunCommand.class, PublishCommand.class, TargetsCommand.class, IntakeTokenCommand.class,
                NotifyCommand.class, BriefCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class PacewatchCli {

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new PacewatchCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
