package io.pacewatch.topology;

import io.pacewatch.domain.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own dead-letter handlers (KIP-1034), which already write the original key and value
 * bytes with {@code __streams.errors.*} headers (exception, message, source topic, partition, offset),
 * plus one header of ours, {@value #REASON_HEADER}, that names the rule, and a count by reason.
 * The parent classes log each failure with its stack trace; pacewatch's logging configuration turns
 * those down and this logs one line per rejected record instead, since bad input is expected here.
 */
public final class DeadLetterHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    public static final String REASON_HEADER = "pacewatch.rejection.reason";
    public static final String EVENTS_CONFIG = "pacewatch.pipeline.events";
    /** The reason label for failures that are not a validation rule: worth a look by an engineer. */
    public static final String UNEXPECTED = "unexpected";

    private DeadLetterHandlers() {
    }

    /** Bad bytes on an input topic: refused by the validating input serdes. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private PipelineEvents events = PipelineEvents.NONE;

        @Override
        public void configure(final Map<String, ?> configs) {
            super.configure(configs);
            events = eventsFrom(configs);
        }

        @Override
        public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            final Response response = super.handleError(context, record, exception);
            return Response.resume(tagged(response.deadLetterQueueRecords(), context, exception, events));
        }
    }

    /** Records that read well but break a rule only the topology can check (a key that lies about its value). */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private PipelineEvents events = PipelineEvents.NONE;

        @Override
        public void configure(final Map<String, ?> configs) {
            super.configure(configs);
            events = eventsFrom(configs);
        }

        @Override
        public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                    final Exception exception) {
            final Response response = super.handleError(context, record, exception);
            return Response.resume(tagged(response.deadLetterQueueRecords(), context, exception, events));
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> tagged(final List<ProducerRecord<byte[], byte[]>> records,
                                                               final ErrorHandlerContext context,
                                                               final Exception exception,
                                                               final PipelineEvents events) {
        final RejectionReason reason = RejectedRecordException.reasonOf(exception);
        if (reason == null) {
            LOG.error("Dead-lettered {}-{}@{} after an unexpected failure in {}", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), exception);
        } else {
            LOG.warn("Rejected {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                    exception.getMessage());
        }
        final byte[] label = (reason == null ? UNEXPECTED : reason.code()).getBytes(StandardCharsets.UTF_8);
        records.forEach(r -> r.headers().add(REASON_HEADER, label));
        events.rejected(context.topic(), reason);
        return records;
    }

    private static PipelineEvents eventsFrom(final Map<String, ?> configs) {
        return configs.get(EVENTS_CONFIG) instanceof PipelineEvents given ? given : PipelineEvents.NONE;
    }
}
