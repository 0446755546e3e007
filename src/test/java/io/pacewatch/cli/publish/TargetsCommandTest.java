package io.pacewatch.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.ingest.TestFiles;
import io.pacewatch.ingest.TestFiles.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code targets load|list} without a broker. */
class TargetsCommandTest {

    private static final String BAD_CSV = TestFiles.resource("targets-bad.csv").toString();

    @Test
    void loadingABadFileListsEveryErrorAndSendsNothing() {
        final Run run = TestFiles.run(new TargetsCommand(), "load", "--bootstrap-servers", "127.0.0.1:1", BAD_CSV);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(BAD_CSV + ": line 3: missing_field: thresholds need")
                .contains(BAD_CSV + ": line 4: invalid_field: ")
                .contains(BAD_CSV + ": line 5: missing_field: year is required")
                .contains(BAD_CSV + ": line 6: invalid_field: kind 'TARGET' is not AMOUNT or GROWTH")
                .contains("targets load: 4 invalid row(s) among 5 read, in 1 of 1 file(s); nothing was sent");
    }

    @Test
    void aDryRunValidatesTheBundledTargets() {
        final Run run = TestFiles.run(new TargetsCommand(), "load", "--dry-run", TestFiles.BUNDLED_TARGETS.toString(),
                TestFiles.resource("targets-valid.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("dry run: all 8 rows of 2 file(s) are valid; nothing was sent to pacewatch.targets");
    }

    @Test
    void sdmxIsNotATargetFormat() {
        final Run run = TestFiles.run(new TargetsCommand(), "load", "--dry-run", "--format", "sdmx-csv", BAD_CSV);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("not SDMX-CSV");
    }

    @Test
    void withoutASubcommandItIsAUsageError() {
        final Run run = TestFiles.run(new TargetsCommand());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("Missing required subcommand").contains("load").contains("list");
    }

    @Test
    void listingNeedsABroker() {
        final Run run = TestFiles.run(new TargetsCommand(), "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("no Kafka brokers given").doesNotContain("--dry-run to");
    }

    @Test
    void loadWritesATargetTemplateWhoseExampleIsRefused(@TempDir final Path dir) {
        final Path template = dir.resolve("targets.xlsx");

        final Run written = TestFiles.run(new TargetsCommand(), "load", "--template", "xlsx", "-o", template.toString(),
                "--year", "2024");
        final Run dryRun = TestFiles.run(new TargetsCommand(), "load", "--dry-run", template.toString());

        assertThat(written.exitCode()).as(written.err()).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(dryRun.err()).contains(template + ": sheet 目标, I3: invalid_field: this is the template's example row")
                .contains("1 invalid row(s) among 1 read");
    }
}
