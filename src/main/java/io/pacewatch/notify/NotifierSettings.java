package io.pacewatch.notify;

import io.pacewatch.wire.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything a {@link Notifier} needs. {@code client} holds the Kafka connection properties
 * (bootstrap servers, SASL/TLS…); the rest has defaults, see {@link #builder(Properties, List)}.
 */
public record NotifierSettings(Properties client, List<Route> routes, String alertsTopic, String deliveriesTopic,
                               String groupId, StartFrom startFrom, Duration httpTimeout, Backoff backoff,
                               int maxBuffered, boolean createTopics, int deliveriesPartitions,
                               short replicationFactor, Clock clock, ReaderView reader) {

    public static final String DEFAULT_DELIVERIES_TOPIC = Topics.ALERTS + ".deliveries";
    public static final String DEFAULT_GROUP_ID = "pacewatch-notify";
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);
    /** The longest a request may take: a loop turn must stay well inside max.poll.interval.ms (5 min). */
    public static final Duration MAX_HTTP_TIMEOUT = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_BUFFERED = 10_000;

    public NotifierSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(reader, "reader");
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no routes");
        }
        if (httpTimeout.isZero() || httpTimeout.isNegative() || httpTimeout.compareTo(MAX_HTTP_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the HTTP timeout must be between 1ms and " + MAX_HTTP_TIMEOUT
                    + ", not " + httpTimeout);
        }
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("max buffered alerts must be at least 1");
        }
        if (alertsTopic.equals(deliveriesTopic)) {
            throw new IllegalArgumentException("the alerts topic and the delivery log must differ");
        }
    }

    public static Builder builder(final Properties client, final List<Route> routes) {
        return new Builder(client, routes);
    }

    /** Defaults: the topics of {@link Topics}, group pacewatch-notify, earliest, 10 s, 1 s → 5 min backoff. */
    public static final class Builder {
        private final Properties client;
        private final List<Route> routes;
        private String alertsTopic = Topics.ALERTS;
        private String deliveriesTopic = DEFAULT_DELIVERIES_TOPIC;
        private String groupId = DEFAULT_GROUP_ID;
        private StartFrom startFrom = StartFrom.EARLIEST;
        private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;
        private Backoff backoff = Backoff.DEFAULT;
        private int maxBuffered = DEFAULT_MAX_BUFFERED;
        private boolean createTopics = true;
        private int deliveriesPartitions = 1;
        private short replicationFactor;
        private Clock clock = Clock.systemUTC();
        private ReaderView reader = ReaderView.DEFAULT;

        private Builder(final Properties client, final List<Route> routes) {
            this.client = client;
            this.routes = routes;
        }

        public Builder alertsTopic(final String value) {
            alertsTopic = value;
            return this;
        }

        public Builder deliveriesTopic(final String value) {
            deliveriesTopic = value;
            return this;
        }

        public Builder groupId(final String value) {
            groupId = value;
            return this;
        }

        public Builder startFrom(final StartFrom value) {
            startFrom = value;
            return this;
        }

        public Builder httpTimeout(final Duration value) {
            httpTimeout = value;
            return this;
        }

        public Builder backoff(final Backoff value) {
            backoff = value;
            return this;
        }

        public Builder maxBuffered(final int value) {
            maxBuffered = value;
            return this;
        }

        public Builder createTopics(final boolean value) {
            createTopics = value;
            return this;
        }

        public Builder deliveriesPartitions(final int value) {
            deliveriesPartitions = value;
            return this;
        }

        /** 0 = min(3, brokers). */
        public Builder replicationFactor(final short value) {
            replicationFactor = value;
            return this;
        }

        public Builder clock(final Clock value) {
            clock = value;
            return this;
        }

        /** The readers' time zone and where message links point (default Asia/Shanghai, no link). */
        public Builder reader(final ReaderView value) {
            reader = value;
            return this;
        }

        public NotifierSettings build() {
            return new NotifierSettings(client, routes, alertsTopic, deliveriesTopic, groupId, startFrom, httpTimeout,
                    backoff, maxBuffered, createTopics, deliveriesPartitions, replicationFactor, clock, reader);
        }
    }
}
