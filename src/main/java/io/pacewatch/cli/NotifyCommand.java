package io.pacewatch.cli;

import io.pacewatch.brief.BriefClient;
import io.pacewatch.notify.Backoff;
import io.pacewatch.notify.BriefScheduler;
import io.pacewatch.notify.BriefSubscription;
import io.pacewatch.notify.BriefSubscriptions;
import io.pacewatch.notify.Durations;
import io.pacewatch.notify.Notifier;
import io.pacewatch.notify.NotifierSettings;
import io.pacewatch.notify.ReaderView;
import io.pacewatch.notify.Route;
import io.pacewatch.notify.RoutesCheck;
import io.pacewatch.notify.RoutesFile;
import io.pacewatch.notify.StartFrom;
import io.pacewatch.wire.Topics;
import java.io.IOException;
import java.net.URI;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacewatch notify}: delivers every alert to people, through WeCom, DingTalk, Slack or
 * generic JSON webhooks, as the routes file says. See docs/notify.md.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Deliver alerts to people: read the alerts topic and POST each alert to the webhooks of a "
                + "routes file (WeCom, DingTalk, Slack, generic JSON), with retries, per-route filters and "
                + "quiet hours. A delivery log topic makes sure a restart never sends twice what was delivered "
                + "and never drops what was not. Runs until stopped (SIGTERM/Ctrl-C).",
                "See docs/notify.md for the routes file."})
public final class NotifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaConnectionOptions kafka;

    @Option(names = "--routes", paramLabel = "FILE", required = true, defaultValue = "${env:PACEWATCH_NOTIFY_ROUTES}",
            description = "Routes file (JSON): where alerts go and which (env PACEWATCH_NOTIFY_ROUTES).")
    Path routesFile;

    @Option(names = "--check", negatable = false,
            description = "Only read the routes file, print the routes and a sample message for each, and exit.")
    boolean check;

    @Option(names = "--alerts-topic", paramLabel = "TOPIC", defaultValue = Topics.ALERTS,
            description = "Topic to read alerts from (default ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--deliveries-topic", paramLabel = "TOPIC", defaultValue = NotifierSettings.DEFAULT_DELIVERIES_TOPIC,
            description = "Compacted delivery log topic; created when missing (default ${DEFAULT-VALUE}).")
    String deliveriesTopic;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = "${env:PACEWATCH_NOTIFY_GROUP_ID:-" + NotifierSettings.DEFAULT_GROUP_ID + "}",
            description = "Consumer group; instances with the same group share the partitions "
                    + "(env PACEWATCH_NOTIFY_GROUP_ID; default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--start-from", defaultValue = "earliest", paramLabel = "earliest|latest|INSTANT",
            converter = StartFromConverter.class,
            description = "Where a group without committed offsets starts: the first alert ever (default), only new "
                    + "ones, or alerts published since an instant such as 2024-01-01T00:00:00Z.")
    StartFrom startFrom;

    @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time allowed for one request, connect included (default ${DEFAULT-VALUE}; at most 1m).")
    Duration httpTimeout;

    @Option(names = "--retry-initial", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Wait after the first failure at a receiver; doubled after each further one "
                    + "(default ${DEFAULT-VALUE}).")
    Duration retryInitial;

    @Option(names = "--retry-max", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Longest wait between attempts at a receiver that keeps failing; it is retried at this "
                    + "interval for as long as it fails (default ${DEFAULT-VALUE}).")
    Duration retryMax;

    @Option(names = "--max-buffered", paramLabel = "N", defaultValue = "" + NotifierSettings.DEFAULT_MAX_BUFFERED,
            description = "Undelivered alerts held per partition before reading it pauses (default ${DEFAULT-VALUE}).")
    int maxBuffered;

    @Option(names = "--deliveries-partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of the delivery log when it is created (default ${DEFAULT-VALUE}).")
    int deliveriesPartitions;

    @Mixin
    TopicCreationOptions topicCreation;

    @Option(names = "--brief-url", paramLabel = "URL", defaultValue = "${env:PACEWATCH_BRIEF_URL}",
            description = "The pacewatch service the monthly briefs of the routes file's \"briefs\" are fetched from, "
                    + "such as http://pacewatch:8080 (env PACEWATCH_BRIEF_URL).")
    URI briefUrl;

    @Option(names = "--brief-link-url", paramLabel = "URL", defaultValue = "${env:PACEWATCH_BRIEF_LINK_URL}",
            description = "The service's address as readers reach it, for the xlsx/HTML links in brief messages "
                    + "(env PACEWATCH_BRIEF_LINK_URL; default: --brief-url).")
    URI briefLinkUrl;

    @Option(names = "--brief-check", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How often the brief schedule is checked (default ${DEFAULT-VALUE}).")
    Duration briefCheck;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "${env:PACEWATCH_NOTIFY_ZONE:-Asia/Shanghai}",
            converter = ZoneConverter.class,
            description = "Time zone of the messages' readers: times read '7月12日 09:30' in it "
                    + "(env PACEWATCH_NOTIFY_ZONE; default ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:PACEWATCH_PUBLIC_URL}",
            description = "Where people reach the stack, without port (env PACEWATCH_PUBLIC_URL, as in docker-compose): "
                    + "messages link to the leaders' page on :8080 of it, or Grafana on :3000. Without it, no link.")
    URI publicUrl;

    @Option(names = "--link", paramLabel = "leaders|grafana|none", defaultValue = "leaders",
            converter = LinkConverter.class,
            description = "What a message links to: the leaders' page of the region and year (default), Grafana's "
                    + "indicator detail, or nothing.")
    ReaderView.LinkTo linkTo;

    @Override
    public Integer call() throws Exception {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter out = spec.commandLine().getOut();
        final List<Route> routes;
        final List<BriefSubscription> briefs;
        try {
            routes = RoutesFile.load(routesFile, System.getenv());
            briefs = BriefSubscriptions.load(routesFile, routes);
        } catch (final RoutesFile.InvalidRoutesException e) {
            err.println("pacewatch notify: the routes file " + routesFile + " is not usable:");
            e.problems().forEach(problem -> err.println("  - " + problem));
            return 2;
        } catch (final NoSuchFileException e) {
            err.println("pacewatch notify: no routes file " + routesFile);
            return 2;
        } catch (final IOException e) {
            err.println("pacewatch notify: cannot read " + routesFile + ": " + e.getMessage());
            return 2;
        }
        if (!briefs.isEmpty() && briefUrl == null) {
            err.println("pacewatch notify: the routes file subscribes to briefs; give the service with --brief-url "
                    + "or PACEWATCH_BRIEF_URL");
            return 2;
        }
        final ReaderView reader;
        try {
            reader = new ReaderView(zone, publicUrl == null || publicUrl.toString().isBlank() ? null : publicUrl, linkTo);
        } catch (final IllegalArgumentException e) {
            err.println("pacewatch notify: " + e.getMessage());
            return 2;
        }
        if (check) {
            RoutesCheck.print(out, routes, reader);
            briefs.forEach(b -> out.println("  " + b));
            out.flush();
            return 0;
        }
        if (!kafka.hasBootstrapServers()) {
            err.println("pacewatch notify: no Kafka brokers given; use --bootstrap-servers or PACEWATCH_BOOTSTRAP_SERVERS");
            return 2;
        }
        final NotifierSettings settings;
        try {
            settings = NotifierSettings.builder(kafka.clientProperties(), routes)
                    .alertsTopic(alertsTopic)
                    .deliveriesTopic(deliveriesTopic)
                    .groupId(groupId)
                    .startFrom(startFrom)
                    .httpTimeout(httpTimeout)
                    .backoff(new Backoff(retryInitial, retryMax, Backoff.DEFAULT.jitter()))
                    .maxBuffered(maxBuffered)
                    .createTopics(topicCreation.createTopics())
                    .deliveriesPartitions(deliveriesPartitions)
                    .replicationFactor(topicCreation.replicationFactor())
                    .reader(reader)
                    .build();
        } catch (final IllegalArgumentException e) {
            err.println("pacewatch notify: " + e.getMessage());
            return 2;
        }
        final Notifier notifier;
        try {
            notifier = Notifier.start(settings);
        } catch (final IllegalStateException e) {
            err.println("pacewatch notify: " + e.getMessage());
            return 1;
        }
        final BriefScheduler scheduler = briefs.isEmpty() ? null : new BriefScheduler(briefs,
                new BriefClient(briefUrl, httpTimeout), briefLinks(reader), settings.client(),
                deliveriesTopic, httpTimeout, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (scheduler != null) {
                scheduler.close();
            }
            notifier.close();
        }, "pacewatch-notify-shutdown"));
        if (scheduler != null) {
            scheduler.start(briefCheck);
        }
        out.println("pacewatch notify is delivering alerts from " + alertsTopic + " to " + routes.size() + " route(s)"
                + (briefs.isEmpty() ? "" : " and " + briefs.size() + " monthly brief(s) from " + briefUrl));
        out.flush();
        return notifier.awaitStop() ? 0 : 1;
    }

    static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(final String value) {
            try {
                return ZoneId.of(value);
            } catch (final java.time.DateTimeException e) {
                throw new CommandLine.TypeConversionException("not a time zone: " + value + " (e.g. Asia/Shanghai)");
            }
        }
    }

    static final class LinkConverter implements CommandLine.ITypeConverter<ReaderView.LinkTo> {
        @Override
        public ReaderView.LinkTo convert(final String value) {
            return switch (value) {
                case "leaders" -> ReaderView.LinkTo.LEADERS_PAGE;
                case "grafana" -> ReaderView.LinkTo.GRAFANA;
                case "none" -> ReaderView.LinkTo.NONE;
                default -> throw new CommandLine.TypeConversionException("expected leaders, grafana or none, not " + value);
            };
        }
    }

    /** Where brief messages link to: as given, else the service on the stack's public address, else where it is read. */
    private URI briefLinks(final ReaderView reader) {
        if (briefLinkUrl != null) {
            return briefLinkUrl;
        }
        return reader.publicUrl() != null ? URI.create(reader.publicUrl() + ":8080") : briefUrl;
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            try {
                return Durations.parse(value);
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class StartFromConverter implements CommandLine.ITypeConverter<StartFrom> {
        @Override
        public StartFrom convert(final String value) {
            try {
                return StartFrom.parse(value);
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
