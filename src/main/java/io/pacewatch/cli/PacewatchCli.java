package io.pacewatch.cli;

import io.pacewatch.cli.publish.PublishCommand;
import io.pacewatch.cli.publish.TargetsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code pacewatch} command line: the service, the demo, and the tools publishers run. */
@Command(name = "pacewatch", mixinStandardHelpOptions = true, version = "pacewatch 0.1.0",
        description = "Watches economic-indicator releases on Kafka and alerts when an indicator falls behind pace.",
        subcommands = {DemoCommand.class, RunCommand.class, PublishCommand.class, TargetsCommand.class, IntakeTokenCommand.class,
                NotifyCommand.class, BriefCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class PacewatchCli {

    static final String DEBUG_ENV = "PACEWATCH_DEBUG";

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "When a command fails, print the stack trace too (env PACEWATCH_DEBUG=true).")
    boolean debug;

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new PacewatchCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(PacewatchCli::failed);
    }

    /**
     * A command failed: one line saying why, for the operator; the stack trace only when asked for, since
     * it says nothing to someone who mistyped an address and buries the line that does.
     */
    private static int failed(final Exception e, final CommandLine command, final ParseResult parsed) {
        final PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (debugRequested(parsed)) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --debug, or " + DEBUG_ENV + "=true, for the stack trace)");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    private static boolean debugRequested(final ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return Boolean.parseBoolean(System.getenv(DEBUG_ENV));
    }
}
