package io.pacewatch.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Locale;

import io.pacewatch.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * JUnit 5 extension giving tests a real Kafka broker: ONE broker per test JVM, started on first
 * use, shared by every test class that uses the extension and stopped when the JVM's test run
 * ends (it lives in the root {@link ExtensionContext.Store}, which closes it).
 *
 * <h2>Usage</h2>
 * Annotate the class with {@link WithKafka} (or {@code @ExtendWith(KafkaBrokerExtension.class)})
 * and declare a {@link KafkaTestBroker} field or parameter; fields of that type (static or not,
 * not final) and parameters of test methods, lifecycle methods and constructors are injected.
 * <pre>{@code
 * @WithKafka
 * class ReleaseTopologyIT {
 *     private KafkaTestBroker kafka;
 *
 *     @Test
 *     void alertsWhenBehindPace() {
 *         String input = kafka.uniqueTopicName("releases");
 *         kafka.createTopic(input, 3, false);
 *         kafka.produce(input, "cpi", "{...}");
 *         List<ConsumerRecord<String, String>> alerts = kafka.consumeStrings(output, 1);
 *     }
 * }
 * }</pre>
 *
 * <h2>Which broker</h2>
 * System property or environment variable {@value #BROKER_SELECTOR} (the property wins):
 * <ul>
 *   <li>{@code auto} (default): a Testcontainers {@link KafkaContainer} when a Docker engine
 *       answers, else the in-process {@link EmbeddedKafkaBroker}. Never skips.</li>
 *   <li>{@code testcontainers}: always the container; without a Docker engine every test
 *       class using the extension is disabled, i.e. reported as skipped with the reason,
 *       never failed.</li>
 *   <li>{@code embedded}: always the in-process broker; Docker is not even probed.</li>
 * </ul>
 * The container image is {@value #DEFAULT_IMAGE}, overridable with {@value #IMAGE_SELECTOR}.
 * The choice and its reason are logged at INFO. Broker restarts for outage tests
 * ({@link KafkaTestBroker#stopBroker()}) work on the embedded broker only.
 */
public final class KafkaBrokerExtension
        implements ExecutionCondition, BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    /** System property / environment variable selecting the broker: auto, testcontainers or embedded. */
    public static final String BROKER_SELECTOR = "PACEWATCH_TEST_BROKER";
    /** System property / environment variable overriding the container image. */
    public static final String IMAGE_SELECTOR = "PACEWATCH_TEST_KAFKA_IMAGE";
    /** GraalVM-native Apache Kafka, same version as the client libraries; starts in about a second. */
    public static final String DEFAULT_IMAGE = "apache/kafka-native:4.4.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);
    private static final String CHOICE_KEY = "kafka-broker-choice";
    private static final String BROKER_KEY = "shared-kafka-broker";

    /**
     * Disables (reports as skipped, with the reason) every test class using the extension when
     * the forced broker cannot run here; deciding needs only a Docker probe, no broker start.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        final BrokerChoice choice = choice(context);
        return choice.skipReason == null
                ? ConditionEvaluationResult.enabled("Kafka broker: " + choice.kind)
                : ConditionEvaluationResult.disabled(choice.skipReason);
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        final KafkaTestBroker broker = sharedBroker(context);
        injectFields(context.getRequiredTestClass(), null, broker, true);
    }

    @Override
    public void postProcessTestInstance(final Object testInstance, final ExtensionContext context) {
        injectFields(testInstance.getClass(), testInstance, sharedBroker(context), false);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaTestBroker.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return sharedBroker(extensionContext);
    }

    /**
     * The JVM-wide broker, for other extensions of a {@link WithKafka} class (after this one's
     * {@code beforeAll}); starts it if no test has yet.
     */
    public static KafkaTestBroker broker(final ExtensionContext context) {
        return sharedBroker(context);
    }

    private static KafkaTestBroker sharedBroker(final ExtensionContext context) {
        final BrokerChoice choice = choice(context);
        final SharedBroker shared = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(BROKER_KEY, key -> SharedBroker.open(choice), SharedBroker.class);
        return shared.handle();
    }

    private static BrokerChoice choice(final ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(CHOICE_KEY, key -> BrokerChoice.decide(), BrokerChoice.class);
    }

    private static void injectFields(final Class<?> testClass, final Object instance, final KafkaTestBroker broker,
                                     final boolean staticFields) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (final Field field : type.getDeclaredFields()) {
                if (field.getType() != KafkaTestBroker.class || Modifier.isStatic(field.getModifiers()) != staticFields) {
                    continue;
                }
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException("Cannot inject the Kafka broker into final field "
                            + field + ": make it non-final or take a KafkaTestBroker parameter");
                }
                try {
                    field.setAccessible(true);
                    field.set(instance, broker);
                } catch (final IllegalAccessException | RuntimeException e) {
                    throw new ExtensionConfigurationException("Cannot inject the Kafka broker into " + field, e);
                }
            }
        }
    }

    private static String setting(final String name, final String defaultValue) {
        final String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        final String env = System.getenv(name);
        return env != null && !env.isBlank() ? env.strip() : defaultValue;
    }

    private enum Mode {
        AUTO, TESTCONTAINERS, EMBEDDED;

        static Mode fromSetting() {
            final String value = setting(BROKER_SELECTOR, "auto");
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (final IllegalArgumentException e) {
                throw new ExtensionConfigurationException(BROKER_SELECTOR + "=" + value
                        + " is not one of auto, testcontainers, embedded", e);
            }
        }
    }

    private enum Kind {
        EMBEDDED, CONTAINER
    }

    /** Which broker this JVM uses and why, or why Kafka tests are skipped; decided once. */
    private static final class BrokerChoice {

        private final Kind kind;
        private final String why;
        private final String skipReason;
        private final boolean fallBackToEmbedded;

        private BrokerChoice(final Kind kind, final String why, final String skipReason,
                             final boolean fallBackToEmbedded) {
            this.kind = kind;
            this.why = why;
            this.skipReason = skipReason;
            this.fallBackToEmbedded = fallBackToEmbedded;
        }

        static BrokerChoice decide() {
            final Mode mode = Mode.fromSetting();
            if (mode == Mode.EMBEDDED) {
                return new BrokerChoice(Kind.EMBEDDED, BROKER_SELECTOR + "=embedded", null, false);
            }
            final boolean dockerAvailable = isDockerAvailable();
            if (mode == Mode.TESTCONTAINERS) {
                if (dockerAvailable) {
                    return new BrokerChoice(Kind.CONTAINER, BROKER_SELECTOR + "=testcontainers", null, false);
                }
                final String reason = BROKER_SELECTOR + "=testcontainers but no Docker engine is reachable:"
                        + " Kafka tests skipped (auto or embedded runs them on the in-process broker)";
                LOG.warn(reason);
                return new BrokerChoice(Kind.CONTAINER, reason, reason, false);
            }
            return dockerAvailable
                    ? new BrokerChoice(Kind.CONTAINER, BROKER_SELECTOR + "=auto and Docker is available", null, true)
                    : new BrokerChoice(Kind.EMBEDDED, BROKER_SELECTOR + "=auto and no Docker engine is reachable",
                            null, false);
        }

        private static boolean isDockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (final RuntimeException | LinkageError e) {
                LOG.debug("Docker probe failed", e);
                return false;
            }
        }
    }

    /**
     * The JVM-wide broker, or why there is none. A failed start is remembered too, so that the
     * next test classes fail at once instead of each waiting for their own start to time out.
     * Closed by JUnit with the root store, i.e. after the last test of the JVM.
     */
    private static final class SharedBroker implements AutoCloseable {

        private final KafkaTestBroker handle;
        private final EmbeddedKafkaBroker embedded;
        private final KafkaContainer container;
        private final String skipReason;
        private final RuntimeException startFailure;

        private SharedBroker(final KafkaTestBroker handle, final EmbeddedKafkaBroker embedded,
                             final KafkaContainer container, final String skipReason,
                             final RuntimeException startFailure) {
            this.handle = handle;
            this.embedded = embedded;
            this.container = container;
            this.skipReason = skipReason;
            this.startFailure = startFailure;
        }

        static SharedBroker open(final BrokerChoice choice) {
            if (choice.skipReason != null) {
                return new SharedBroker(null, null, null, choice.skipReason, null);
            }
            if (choice.kind == Kind.EMBEDDED) {
                return startEmbedded(choice.why);
            }
            final SharedBroker containerBroker = startContainer(choice.why);
            if (containerBroker.startFailure == null || !choice.fallBackToEmbedded) {
                return containerBroker;
            }
            // Docker answers but the container would not start (no image, no registry access, ...):
            // the in-process broker still lets the tests run.
            LOG.warn("Kafka container failed to start, falling back to the in-process broker",
                    containerBroker.startFailure);
            return startEmbedded(BROKER_SELECTOR + "=auto and the Kafka container failed to start");
        }

        private static SharedBroker startEmbedded(final String why) {
            LOG.info("Kafka tests run on the in-process EmbeddedKafkaBroker ({})", why);
            try {
                final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                final KafkaTestBroker handle = new KafkaTestBroker(broker.bootstrapServers(),
                        "in-process Kafka broker at " + broker.bootstrapServers(), broker);
                return new SharedBroker(handle, broker, null, null, null);
            } catch (final RuntimeException e) {
                return failed(e);
            }
        }

        private static SharedBroker startContainer(final String why) {
            final String image = setting(IMAGE_SELECTOR, DEFAULT_IMAGE);
            LOG.info("Kafka tests run on a Testcontainers KafkaContainer, image {} ({})", image, why);
            final KafkaContainer container = new KafkaContainer(DockerImageName.parse(image));
            try {
                final long startNanos = System.nanoTime();
                container.start();
                LOG.info("Kafka container ready at {} in {} ms", container.getBootstrapServers(),
                        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
                final KafkaTestBroker handle = new KafkaTestBroker(container.getBootstrapServers(),
                        "Kafka container " + image + " at " + container.getBootstrapServers(), null);
                return new SharedBroker(handle, null, container, null, null);
            } catch (final RuntimeException e) {
                container.stop();
                return failed(e);
            }
        }

        private static SharedBroker failed(final RuntimeException e) {
            return new SharedBroker(null, null, null, null, e);
        }

        KafkaTestBroker handle() {
            if (skipReason != null) {
                // Only reached if conditions are deactivated; still skip rather than fail.
                return Assumptions.abort(skipReason);
            }
            if (startFailure != null) {
                throw new ExtensionConfigurationException("The shared Kafka broker could not be started: "
                        + startFailure.getMessage(), startFailure);
            }
            if (embedded != null && !embedded.isRunning()) {
                // An outage test stopped the broker and did not bring it back (e.g. it failed):
                // don't let that cascade into every later test class.
                LOG.warn("Shared Kafka broker was left stopped by an earlier test; restarting it");
                embedded.restart();
            }
            return handle;
        }

        @Override
        public void close() {
            if (handle != null) {
                handle.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (container != null) {
                container.stop();
            }
        }
    }
}
