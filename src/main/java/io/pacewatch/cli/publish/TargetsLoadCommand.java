package io.pacewatch.cli.publish;

import io.pacewatch.ingest.MessageShape;
import io.pacewatch.cli.KafkaConnectionOptions;
import io.pacewatch.cli.publish.FilePublisher.PublishPlan;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Target;
import io.pacewatch.ingest.ClerkForms;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.SheetTemplate;
import io.pacewatch.ingest.TargetFileReader;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacewatch targets load FILE...}: validates target files, then sends them all, or nothing. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Validates target files and sends them to the compacted targets topic.",
            "",
            "Every row of every file is checked first, by the same rules as the stream. If any row is invalid,"
                    + " each one is listed with its line number (in a workbook: its sheet and cell) and nothing is sent.",
            "",
            "Formats: JSON Lines (.jsonl, .ndjson: one target message per line; blank lines and lines starting"
                    + " with # are skipped) and tables in CSV (.csv) or an .xlsx workbook (its first sheet, or --sheet),"
                    + " headed by the target field names region,year,indicator,kind,value,unit,paceProfile,"
                    + "seasonalShares,aheadFromPp,atRiskBelowPp,behindBelowPp,priorYearAmount,publishedAt,source or"
                    + " their Chinese headings (docs/publishing.md); seasonalShares as twelve numbers separated by ';';"
                    + " an empty cell is an absent field.",
            "",
            "pacewatch targets load --template xlsx -o FILE writes a blank workbook to fill.",
            "",
            "Each target is keyed by its series (region|indicator|year): compaction keeps the latest target per"
                    + " key, so a later load for the same series replaces the target in force."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_KAFKA_FAILURE, ExitCodes.HELP_INVALID_INPUT})
public final class TargetsLoadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Target files to load, all or none.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT", converter = InputFormat.Converter.class,
            description = "auto, jsonl, csv, xlsx or json (one message or an array; default: ${DEFAULT-VALUE}: by extension).")
    InputFormat format;

    @Mixin
    SendOptions send = new SendOptions(Topics.TARGETS);

    @Mixin
    KafkaConnectionOptions kafka;

    @Mixin
    CatalogueOption catalogue;

    @Mixin
    TableOptions table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (format == InputFormat.SDMX_CSV) {
            throw new ParameterException(spec.commandLine(), "targets are read from JSON Lines, CSV or xlsx, not SDMX-CSV");
        }
        final IndicatorCatalogue indicators = catalogue.catalogue(spec);
        if (table.wantsTemplate()) {
            return table.writeTemplate(spec, files, SheetTemplate::targets, indicators);
        }
        table.requireFiles(spec, files);
        final InputCodec codec = new InputCodec(indicators);
        final ClerkForms forms = table.forms(indicators);
        final PublishPlan plan = send.plan(kafka, spec, "pacewatch-targets-load");
        final TargetFileReader reader = new TargetFileReader(codec, format, forms, table.sheet);
        final MessageShape<Target> shape = MessageShape.targets(codec, send.topic());
        return new FilePublisher<>("targets load", spec.commandLine().getOut(), spec.commandLine().getErr(),
                reader::read, shape, System::nanoTime, forms::zoneNote).run(files, plan);
    }
}
