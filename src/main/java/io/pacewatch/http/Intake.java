package io.pacewatch.http;

import io.pacewatch.ingest.KafkaSender.OutgoingRecord;
import io.pacewatch.ingest.KafkaSender.SendOutcome;
import io.pacewatch.ingest.KafkaSender;
import io.pacewatch.ingest.MessageShape;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.Target;
import io.pacewatch.ingest.ClerkForms;
import io.pacewatch.ingest.FileOutcome.Numbered;
import io.pacewatch.ingest.FileOutcome;
import io.pacewatch.ingest.InputFormat;
import io.pacewatch.ingest.Provenance;
import io.pacewatch.ingest.ReleaseFileReader.SdmxDefaults;
import io.pacewatch.ingest.ReleaseFileReader;
import io.pacewatch.ingest.TargetFileReader;
import io.pacewatch.wire.InputCodec;
import io.pacewatch.wire.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated HTTP intake, off unless a token file is given: {@code POST /api/releases} and
 * {@code POST /api/targets} take the bodies {@code publish} and {@code targets load} take as files
 * (JSON, JSON Lines, CSV, xlsx; chosen by Content-Type), read and validated by the same readers, and
 * send them all or nothing with the same idempotent producer ({@code acks=all}), answering 202 only
 * once Kafka has acknowledged every record. Each record carries its token's name as {@code source}
 * and in the {@value #SOURCE_HEADER} header. Requests run on the intake's own small bounded pool: a
 * slow broker holds neither the server's threads (health, metrics) nor the query API's.
 */
public final class Intake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    public static final String RELEASES = "/api/releases";
    public static final String TARGETS = "/api/targets";
    /** The Kafka header naming who sent a record through the intake (the token's name, UTF-8). */
    public static final String SOURCE_HEADER = "pacewatch.source";
    private static final int THREADS = 2;
    private static final int QUEUE = 8;
    private static final String BODY = "request body";
    /** How long a request waits for the cluster's metadata before it is answered 503. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(15);

    /** The intake when no token file is given: no route, so {@code POST} is refused as it always was. */
    public static final Intake OFF = new Intake(null, null, null, null, null, null);

    private final IntakeTokens tokens;
    private final IntakeSettings settings;
    private final Properties producer;
    private final InputCodec codec;
    private final ClerkForms forms;
    private final IntakeSummary.KnownVersions known;
    private final ThreadPoolExecutor pool;
    private final AtomicLong requests = new AtomicLong();

    private Intake(final IntakeTokens tokens, final IntakeSettings settings, final Properties producer,
                   final IndicatorCatalogue catalogue, final IntakeSummary.KnownVersions known,
                   final ThreadPoolExecutor pool) {
        this.tokens = tokens;
        this.settings = settings;
        this.producer = producer;
        this.codec = catalogue == null ? null : new InputCodec(catalogue);
        this.forms = catalogue == null ? null : new ClerkForms(catalogue, ClerkForms.DEFAULT_ZONE, null);
        this.known = known;
        this.pool = pool;
    }

    /**
     * The intake {@code settings} ask for: {@link #OFF} without a token file.
     *
     * @param kafka the service's Kafka properties; only the producer's own settings are used
     * @throws IllegalArgumentException if the token file cannot be read
     */
    public static Intake of(final IntakeSettings settings, final Properties kafka, final IndicatorCatalogue catalogue,
                            final IntakeSummary.KnownVersions known) {
        if (!settings.enabled()) {
            return OFF;
        }
        final IntakeTokens tokens = IntakeTokens.load(settings.tokens());
        final Properties producer = new Properties();
        kafka.stringPropertyNames().stream().filter(ProducerConfig.configNames()::contains)
                .forEach(name -> producer.put(name, kafka.getProperty(name)));
        // Each request's producer first asks the cluster for metadata; without a broker that blocks for
        // max.block.ms (60 s by default) while a bureau's upload waits. Its 503 ("send the same body
        // again") should come sooner. An operator's own setting wins.
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    final Thread thread = new Thread(r, "pacewatch-intake");
                    thread.setDaemon(true);
                    return thread;
                });
        return new Intake(tokens, settings, producer, catalogue, known, pool);
    }

    /** Whether {@code path} is an intake route, which {@link HttpPort} then lets {@code POST} reach. */
    public boolean accepts(final String path) {
        return tokens != null && (RELEASES.equals(path) || TARGETS.equals(path));
    }

    /** {@code rest}, with the intake's routes answered first. */
    public Router around(final Router rest) {
        if (tokens == null) {
            return rest;
        }
        return exchange -> {
            if (!accepts(exchange.rawPath())) {
                rest.route(exchange);
            } else if (!"POST".equals(exchange.method())) {
                exchange.header("Allow", "POST");
                throw new ApiException(405, exchange.rawPath() + " takes POST only: send records with a token");
            } else {
                exchange.later(pool, this::post);
            }
        };
    }

    private void post(final Exchange exchange) throws IOException {
        try {
            accept(exchange);
        } catch (final IntakeRowErrors e) {
            exchange.json(400, e.body());
        }
    }

    private void accept(final Exchange exchange) throws IOException {
        final IntakeGrant grant = authenticate(exchange);
        final InputFormat format = IntakeMediaTypes.format(exchange.requestHeader("Content-Type"));
        final byte[] body = exchange.body((int) settings.maxBodyBytes());
        final Provenance provenance = Provenance.sender(grant.name());
        if (RELEASES.equals(exchange.rawPath())) {
            final FileOutcome<Release> read = read(() -> new ReleaseFileReader(codec, InputFormat.AUTO,
                    SdmxDefaults.NONE, forms, null).attributedTo(provenance).read(BODY, in(body), format));
            final List<Release> releases = valid(read, grant, Release::region);
            final IntakeSummary.Counts counts = countsOf(releases);
            exchange.json(202, send(grant, Topics.RELEASES, releases, MessageShape.releases(codec, Topics.RELEASES),
                    counts));
        } else {
            final FileOutcome<Target> read = read(() -> new TargetFileReader(codec, InputFormat.AUTO, forms, null)
                    .attributedTo(provenance).read(BODY, in(body), format));
            final List<Target> targets = valid(read, grant, Target::region);
            exchange.json(202, send(grant, Topics.TARGETS, targets, MessageShape.targets(codec, Topics.TARGETS),
                    IntakeSummary.Counts.UNKNOWN));
        }
    }

    private IntakeGrant authenticate(final Exchange exchange) {
        final String authorization = exchange.requestHeader("Authorization");
        final String scheme = "bearer ";
        if (authorization == null || authorization.length() <= scheme.length()
                || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            exchange.header("WWW-Authenticate", "Bearer realm=\"pacewatch\"");
            throw new ApiException(401, "send the intake token as Authorization: Bearer TOKEN");
        }
        return tokens.grantOf(authorization.substring(scheme.length()).strip()).orElseThrow(() -> {
            exchange.header("WWW-Authenticate", "Bearer realm=\"pacewatch\", error=\"invalid_token\"");
            return new ApiException(401, "the token is not one of this intake's; ask its operator for one");
        });
    }

    /** Reading that cannot even start (not a workbook, no such sheet) is the sender's error too. */
    private static <T> FileOutcome<T> read(final Reading<T> reading) {
        try {
            return reading.read();
        } catch (final IOException e) {
            throw ApiException.badRequest("the body cannot be read: " + Escape.text(String.valueOf(e.getMessage())));
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        FileOutcome<T> read() throws IOException;
    }

    /**
     * The records, once every row is valid (else 400 with every row's error) and every region is the
     * token's (else 403 naming the others). Nothing has been sent when either refusal is thrown.
     */
    private static <T> List<T> valid(final FileOutcome<T> read, final IntakeGrant grant,
                                     final Function<T, String> region) {
        final List<T> records = read.records().stream().map(Numbered::value).toList();
        final SortedSet<String> refused = grant.refused(records.stream().map(region).toList());
        if (!refused.isEmpty()) {
            throw new ApiException(403, "the token " + Escape.text(grant.name()) + " may not publish region(s) "
                    + Escape.text(String.join(", ", refused)) + "; it may publish "
                    + Escape.text(String.join(", ", new TreeSet<>(grant.regions()))) + "; nothing was sent");
        }
        if (!read.isValid()) {
            throw new IntakeRowErrors(read.rows(), read.errors());
        }
        if (records.isEmpty()) {
            throw ApiException.badRequest("the body holds no records; nothing was sent");
        }
        return records;
    }

    private IntakeSummary.Counts countsOf(final List<Release> releases) {
        try {
            return IntakeSummary.Counts.of(releases, known);
        } catch (final RuntimeException e) {
            // Rebalancing or a peer that does not answer: the counts are a courtesy, the records still go.
            LOG.debug("intake: versions held not available for the summary", e);
            return IntakeSummary.Counts.UNKNOWN;
        }
    }

    private <T> IntakeSummary send(final IntakeGrant grant, final String topic, final List<T> records,
                                   final MessageShape<T> shape, final IntakeSummary.Counts counts) {
        final List<OutgoingRecord> outgoing = new ArrayList<>(records.size());
        records.forEach(r -> outgoing.add(shape.toOutgoing(r)));
        final RecordHeaders headers = new RecordHeaders();
        headers.add(SOURCE_HEADER, grant.name().getBytes(StandardCharsets.UTF_8));
        final SendOutcome outcome = new KafkaSender(producer, "pacewatch-intake-" + requests.incrementAndGet())
                .send(topic, outgoing, headers);
        if (!outcome.succeeded()) {
            LOG.warn("intake: {} of {} {} from {} acknowledged before a Kafka failure", outcome.acknowledged(),
                    outgoing.size(), shape.noun(), grant.name(), outcome.failure());
            throw new ApiException(503, "Kafka failure after " + outcome.acknowledged() + " of " + outgoing.size()
                    + " " + shape.noun() + " were acknowledged; sending the same body again is safe, a record sent"
                    + " twice is the same version");
        }
        LOG.info("intake: {} {} from {} acknowledged by {}", outgoing.size(), shape.noun(), grant.name(), topic);
        return new IntakeSummary(outcome.acknowledged(), counts.revisions(), counts.unchanged(), grant.name(), topic);
    }

    private static ByteArrayInputStream in(final byte[] body) {
        return new ByteArrayInputStream(body);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
