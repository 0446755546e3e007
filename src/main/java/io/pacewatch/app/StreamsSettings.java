package io.pacewatch.app;

import io.pacewatch.broker.TopicSpec;
import io.pacewatch.topology.DeadLetterHandlers;
import io.pacewatch.wire.Topics;
import io.pacewatch.topology.CompressedStores;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Streams configuration pacewatch relies on; callers add connection details and overrides. */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "pacewatch";
    public static final int COMMIT_INTERVAL_MS = 50;

    private StreamsSettings() {
    }

    public static Properties defaults() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        // Exactly-once: an alert and the state that decided it commit together, so a crash never re-pages.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Under exactly-once a record is visible when its transaction commits, and a release passes two
        // (re-keying, then judging): half of Kafka's 100 ms brought alert p99 under 250 ms in the
        // benchmark, for about 15% less backfill throughput (docs/benchmarks.md).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(COMMIT_INTERVAL_MS));
        // Changelogs the cleaner can compact within a national backfill, so a restore reads about a record
        // per key (TopicSpec.COMPACTED_SEGMENT_BYTES says why); also applies to the repartition topic,
        // where Streams' own default is 50 MB.
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), TopicSpec.COMPACTED_SEGMENT_BYTES);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, CompressedStores.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTERS);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        // A dead letter copies the original (up to the broker's default 1 MiB) plus headers.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_DEAD_LETTER_BYTES);
        return props;
    }
}
