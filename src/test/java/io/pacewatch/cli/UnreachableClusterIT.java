package io.pacewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.cli.publish.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong or unreachable {@code --bootstrap-servers} (nothing listens on port 1): {@code run} and
 * {@code publish} say which address did not answer and what to check, exit non-zero, and keep the stack
 * trace for {@code --debug}, instead of a minute of Kafka client retries that ends blaming a topic or
 * "cannot reach the Kafka cluster: null". Through {@link PacewatchCli}, as {@code ./pacewatch} runs them;
 * no broker needed. The check's own bound only keeps the test from hanging; no timing is asserted.
 */
class UnreachableClusterIT {

    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path stateDir;

    @Test
    @DisplayName("run: which address, what to check, exit 1, no stack trace")
    void runSaysWhereAndWhatToCheck() {
        final Outcome run = execute("run", "--bootstrap-servers", NOWHERE, "--state-dir", stateDir.toString(),
                "--http-port", "0");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertTellsWhereAndWhat(run, "pacewatch run");
        assertThat(run.err()).as("no stack trace without --debug").doesNotContain("\tat ")
                .contains("--debug").doesNotContain("cannot reach the Kafka cluster: null");
    }

    @Test
    @DisplayName("publish of valid rows: which address, what to check, the Kafka failure exit code, not a topic error")
    void publishSaysWhereAndWhatToCheck() {
        final Outcome publish = execute("publish", "--bootstrap-servers", NOWHERE, validReleases());

        assertThat(publish.exitCode()).as(publish.err()).isEqualTo(ExitCodes.KAFKA_FAILURE);
        assertTellsWhereAndWhat(publish, "pacewatch publish");
        assertThat(publish.err()).doesNotContain("\tat ").doesNotContain("not present in metadata");
        assertThat(publish.out()).as("nothing reported as sent").doesNotContain("sent ");
    }

    @Test
    @DisplayName("--debug adds the stack trace to the same message")
    void debugKeepsTheStackTrace() {
        final Outcome publish = execute("publish", "--debug", "--bootstrap-servers", NOWHERE, validReleases());

        assertThat(publish.exitCode()).as(publish.err()).isEqualTo(ExitCodes.KAFKA_FAILURE);
        assertTellsWhereAndWhat(publish, "pacewatch publish");
        assertThat(publish.err()).contains(BrokerCheck.Unreachable.class.getName()).contains("\tat ")
                .contains("Caused by: ");
    }

    private static void assertTellsWhereAndWhat(final Outcome outcome, final String command) {
        assertThat(outcome.err()).contains(command + ": no Kafka broker answered at " + NOWHERE)
                .contains("address and port").contains("listener").contains("TLS/SASL");
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome execute(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = PacewatchCli.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private static String validReleases() {
        try {
            return Path.of(Objects.requireNonNull(UnreachableClusterIT.class.getResource("/publish/releases-valid.csv"))
                    .toURI()).toString();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
