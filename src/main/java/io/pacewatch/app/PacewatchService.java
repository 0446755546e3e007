package io.pacewatch.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.health.AdminBrokerProbe;
import io.pacewatch.health.BrokerReachability;
import io.pacewatch.health.Liveness;
import io.pacewatch.health.Readiness;
import io.pacewatch.http.HttpApi;
import io.pacewatch.http.HttpPort;
import io.pacewatch.http.Intake;
import io.pacewatch.metrics.BrokerReachableGauge;
import io.pacewatch.metrics.IndicatorInfoCollector;
import io.pacewatch.metrics.PipelineCounters;
import io.pacewatch.metrics.ProgressCollector;
import io.pacewatch.metrics.RegionInfoCollector;
import io.pacewatch.metrics.RevisionCollector;
import io.pacewatch.metrics.ScrapeWarmup;
import io.pacewatch.metrics.StoreRestorations;
import io.pacewatch.query.ProgressQueries;
import io.pacewatch.topology.PacewatchTopology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import io.pacewatch.broker.TopicSetup;
import io.pacewatch.broker.TopicSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running pacewatch instance: topics checked, the topology running, HTTP answering. */
public final class PacewatchService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacewatchService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final CloseOptions closeOptions;
    private final HttpApi http;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final BrokerReachability broker;
    private final AdminBrokerProbe probe;
    private final Liveness liveness;
    private final ScrapeWarmup warmup;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private PacewatchService(final KafkaStreams streams, final CloseOptions closeOptions, final HttpApi http,
                             final PrometheusMeterRegistry registry, final KafkaStreamsMetrics streamsMetrics,
                             final BrokerReachability broker, final AdminBrokerProbe probe, final Liveness liveness,
                             final ScrapeWarmup warmup) {
        this.liveness = liveness;
        this.warmup = warmup;
        this.streams = streams;
        this.closeOptions = closeOptions;
        this.http = http;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.broker = broker;
        this.probe = probe;
    }

    public static PacewatchService start(final ServiceSettings settings) throws IOException, InterruptedException {
        // First, so that a bad token file stops the start before anything is opened; its summaries ask the queries.
        final AtomicReference<ProgressQueries> held = new AtomicReference<>();
        final Intake intake = Intake.of(settings.intake(), settings.kafka(), settings.catalogue(),
                series -> held.get().vintages(series));
        setUpTopics(settings);

        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        final PipelineCounters counters = new PipelineCounters(registry, settings.catalogue());

        final HttpPort bound = HttpApi.bind(new InetSocketAddress(settings.httpBindAddress(), settings.httpPort()));
        final HostInfo self = new HostInfo(settings.advertisedHost(), bound.port());

        final Properties props = StreamsSettings.defaults();
        props.putAll(settings.kafka());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        Pipelines.reportRefusals(props, counters);
        if (settings.stateDir() != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        }
        StateDirectoryGuard.check(settings.kafka(), props);
        final KafkaStreams streams = new KafkaStreams(PacewatchTopology.build(settings.catalogue(), settings.regions(), settings.calendar(),
                settings.clock(), counters), props);
        streams.setUncaughtExceptionHandler(e -> {
            // Bad data never gets here (it is dead-lettered); what does is an infrastructure failure
            // Streams could not retry. Stopping lets the orchestrator restart from committed state.
            LOG.error("Kafka Streams failed and is shutting down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        final AtomicReference<PacewatchService> owner = new AtomicReference<>();
        // Not on the Streams thread that reports the failure: closing Streams waits for its threads.
        final Liveness liveness = new Liveness(() -> new Thread(() -> owner.get().closeAfterFailure(),
                "pacewatch-failure").start());
        // Scrape-time caches must know when a store partition was rewritten from its changelog.
        final StoreRestorations restorations = new StoreRestorations();
        streams.setGlobalStateRestoreListener(restorations);
        final ProgressQueries queries = new ProgressQueries(streams, self, settings.clock(), settings.regions(),
                new SeriesEvaluator(settings.catalogue(), settings.regions(), settings.calendar()));
        held.set(queries);
        final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        final ProgressCollector progress = ProgressCollector.of(queries.local(), restorations);
        // Out of embargo by the service's clock, as the judge decides it (a simulated one in the demo).
        final RevisionCollector revisions = RevisionCollector.of(queries.local(), restorations, settings.catalogue(),
                settings.clock()::instant);
        registry.getPrometheusRegistry().register(progress);
        registry.getPrometheusRegistry().register(new IndicatorInfoCollector(settings.catalogue()));
        registry.getPrometheusRegistry().register(new RegionInfoCollector(settings.regions()));
        registry.getPrometheusRegistry().register(revisions);
        final ScrapeWarmup warmup = new ScrapeWarmup(List.of(progress, revisions), registry);

        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            liveness.onChange(now, before);
            if (now == KafkaStreams.State.RUNNING) {
                warmup.storesReady();
            }
        });

        final AdminBrokerProbe probe = AdminBrokerProbe.create(settings.kafka());
        final BrokerReachability broker = BrokerReachability.start(probe, settings.brokerUnreachableAfter());
        new BrokerReachableGauge(broker::reachable).bindTo(registry);
        final Readiness readiness = new Readiness(streams::state, broker::problem);

        final HttpApi http = HttpApi.start(bound, registry, readiness::check, liveness::check, queries,
                settings.catalogue(), intake);
        final PacewatchService service = new PacewatchService(streams, closeOptions(props), http, registry,
                streamsMetrics, broker, probe, liveness, warmup);
        owner.set(service);
        streams.start();
        return service;
    }

    private static void setUpTopics(final ServiceSettings settings) throws InterruptedException {
        try (Admin admin = Admin.create(settings.kafka())) {
            final short replication = settings.replicationFactor() > 0 ? settings.replicationFactor()
                    : TopicSetup.defaultReplication(admin);
            final List<String> problems = new TopicSetup(admin)
                    .ensure(TopicSpec.all(), settings.createTopics(), settings.partitions(), replication);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the Kafka topics are not usable:\n  - " + String.join("\n  - ", problems));
            }
        }
    }

    /**
     * Leaves the consumer group on close, so that a restarted instance, or the others, get the partitions
     * at once instead of after the old member's session timeout (45 s by default): Kafka Streams' classic
     * protocol otherwise stays in the group. Not with static membership ({@code group.instance.id}): whoever
     * set that chose to keep the tasks over a quick bounce without a rebalance.
     */
    static CloseOptions closeOptions(final Properties props) {
        final boolean isStatic = props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                || props.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        return CloseOptions.groupMembershipOperation(isStatic ? CloseOptions.GroupMembershipOperation.DEFAULT
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Waits until the instance processes records; false if it did not within {@code timeout}. */
    public boolean awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Blocks until the instance has stopped: after {@link #close()} (e.g. from a shutdown hook), or after it
     * closed itself because Kafka Streams failed. Returns that failure, or empty for a requested stop.
     */
    public Optional<String> awaitStop() throws InterruptedException {
        stopped.await();
        return liveness.check().failure();
    }

    /** Idempotent: the shutdown hook and the owner may both call it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        liveness.stopping();
        StopSteps.run(new StopSteps.Step("scrape warm-up", warmup::close), new StopSteps.Step("HTTP", http::close),
                new StopSteps.Step("Kafka Streams", this::closeStreams));
        release();
    }

    /**
     * Kafka Streams failed for good: close it (bounded by the close timeout), then stop answering, so that
     * {@code /health/live} says why (503) until the end and {@link #awaitStop()} returns the failure.
     */
    private void closeAfterFailure() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.error("Stopping this instance: {}", liveness.check().failure().orElse("Kafka Streams failed"));
        liveness.stopping();
        StopSteps.run(new StopSteps.Step("scrape warm-up", warmup::close), new StopSteps.Step("Kafka Streams", this::closeStreams),
                new StopSteps.Step("HTTP", http::close));
        release();
    }

    private void closeStreams() {
        if (!streams.close(closeOptions)) {
            LOG.warn("Kafka Streams did not close within {}; stopping anyway", CLOSE_TIMEOUT);
        }
    }

    /** Whatever fails here, {@link #awaitStop()} is released: the process must end, not linger. */
    private void release() {
        try {
            StopSteps.run(new StopSteps.Step("broker reachability", broker::close),
                    new StopSteps.Step("broker probe", probe::close),
                    new StopSteps.Step("Kafka Streams metrics", streamsMetrics::close),
                    new StopSteps.Step("meter registry", registry::close));
        } finally {
            stopped.countDown();
        }
    }
}
