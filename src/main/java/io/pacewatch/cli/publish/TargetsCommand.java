package io.pacewatch.cli.publish;

import picocli.CommandLine.Command;

/**
 * {@code pacewatch targets load|list}: the annual targets on their compacted topic. Not runnable by
 * itself, so {@code pacewatch targets} without a subcommand is a usage error that lists both.
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Loads annual targets onto the targets topic, or lists the targets in force.",
        subcommands = {TargetsLoadCommand.class, TargetsListCommand.class})
public final class TargetsCommand {
}
