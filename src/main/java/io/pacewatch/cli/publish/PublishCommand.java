package io.pacewatch.cli.publish;

import io.pacewatch.ingest.MessageShape;
import io.pacewatch.cli.KafkaConnectionOptions;
import io.pacewatch.cli.publish.FilePublisher.PublishPlan;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.ingest.ClerkForms;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.ingest.ReleaseFileReader;
import io.pacewatch.ingest.SheetTemplate;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacewatch publish FILE...}: validates release files, then sends them all, or nothing. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Validates release files and sends them to the releases topic.",
            "",
            "Every row of every file is checked first, by the same rules as the stream. If any row is invalid,"
                    + " each one is listed with its line number (in a workbook: its sheet and cell) and nothing is sent.",
            "",
            "Formats: JSON Lines (.jsonl, .ndjson: one release message per line; blank lines and lines starting"
                    + " with # are skipped), tables in CSV (.csv) or an .xlsx workbook (its first sheet, or --sheet),"
                    + " headed by the release field names region,indicator,period,basis,value,unit,growthPercent,"
                    + "publishedAt,revision,source,embargoUntil or their Chinese headings (地区,指标,时期,累计值,单位,"
                    + "累计增长(%%),发布时间,来源; an empty cell is an absent field; docs/publishing.md lists every"
                    + " heading, indicator name and period form), and SDMX-CSV (recognised by a header starting"
                    + " STRUCTURE,STRUCTURE_ID,ACTION).",
            "",
            "pacewatch publish --template xlsx -o FILE writes a blank workbook to fill.",
            "",
            "Records are keyed by series (region|indicator|year), carry the publication time as timestamp and"
                    + " are sent with an idempotent producer (acks=all), whatever the Kafka options say."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_KAFKA_FAILURE, ExitCodes.HELP_INVALID_INPUT})
public final class PublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Release files to publish, all or none.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT", converter = InputFormat.Converter.class,
            description = "auto, jsonl, csv, sdmx-csv, xlsx or json (one message or an array; default: ${DEFAULT-VALUE}: by extension and header).")
    InputFormat format;

    @Option(names = "--published-at", paramLabel = "DATE-TIME",
            description = "SDMX-CSV: publication time of rows without PUBLICATION_TIME, e.g. 2023-04-18T10:00:00+08:00.")
    String publishedAt;

    @Option(names = "--source", paramLabel = "TEXT", description = "SDMX-CSV: source of rows without SOURCE.")
    String source;

    @Mixin
    SendOptions send = new SendOptions(Topics.RELEASES);

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
        final IndicatorCatalogue indicators = catalogue.catalogue(spec);
        if (table.wantsTemplate()) {
            return table.writeTemplate(spec, files, SheetTemplate::releases, indicators);
        }
        table.requireFiles(spec, files);
        final InputCodec codec = new InputCodec(indicators);
        final ClerkForms forms = table.forms(indicators);
        final PublishPlan plan = send.plan(kafka, spec, "pacewatch-publish");
        final ReleaseFileReader reader = new ReleaseFileReader(codec, format, new SdmxDefaults(publishedAt, source), forms,
                table.sheet);
        final MessageShape<Release> shape = MessageShape.releases(codec, send.topic());
        return new FilePublisher<>("publish", spec.commandLine().getOut(), spec.commandLine().getErr(), reader::read,
                shape, System::nanoTime, forms::zoneNote).run(files, plan);
    }
}
