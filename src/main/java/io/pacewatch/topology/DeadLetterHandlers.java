package io.pacewatch.topology;

import io.pacewatch.wire.DeadLetterHeaders;
import io.pacewatch.wire.Topics;
import io.pacewatch.wire.PipelineEvents;
import io.pacewatch.wire.RejectedRecordException;
import io.pacewatch.wire.UnreadableStateException;
import io.pacewatch.domain.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own dead-letter handlers (KIP-1034), which already write the original key and value
 * bytes with {@code __streams.errors.*} headers (exception, message, source topic, partition, offset),
 * plus one header of ours, {@value DeadLetterHeaders#REASON_HEADER}, that names the rule, and a count by reason. A dead
 * letter is stamped with the time of rejection, not the refused record's timestamp (kept in
 * {@value DeadLetterHeaders#ORIGINAL_TIMESTAMP_HEADER}), so that the dead-letter topic's retention counts from the rejection.
 * The parent classes log each failure with its stack trace; pacewatch's logging configuration turns
 * those down and this logs one line per rejected record instead, since bad input is expected here.
 */
public final class DeadLetterHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    /**
     * What a dead letter copies of the original key and value: anything a broker with the default
     * 1 MiB limit accepted. The dead-letter topic and the producer allow {@link Topics#MAX_DEAD_LETTER_BYTES}
     * so that the copy plus headers fits; larger originals stay at their source offset.
     */
    static final int MAX_COPIED_BYTES = 1_100_000;
    static final int MAX_HEADER_BYTES = 4 * 1024;
    public static final String EVENTS_CONFIG = "pacewatch.pipeline.events";

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
            if (unreadableState(exception)) {
                // Not the record's fault: the series' state cannot be read, so nothing may be judged on it.
                LOG.error("State this build cannot read, met while processing {}-{}@{} in {}: stopping",
                        context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
                return Response.fail();
            }
            final Response response = super.handleError(context, record, exception);
            return Response.resume(tagged(response.deadLetterQueueRecords(), context, exception, events));
        }
    }

    private static boolean unreadableState(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableStateException) {
                return true;
            }
        }
        return false;
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
        final byte[] label = (reason == null ? DeadLetterHeaders.UNEXPECTED : reason.code()).getBytes(StandardCharsets.UTF_8);
        events.rejected(context.topic(), reason);
        return records.stream().map(r -> bounded(r, label)).toList();
    }

    /**
     * Kafka's default production handler stops the stream after any failed send. A dead letter that a
     * misconfigured DLQ topic refuses as too large must not: the record would stop every restart too.
     * It is logged with its source; everything else fails as before.
     */
    public static final class Production extends DefaultProductionExceptionHandler {
        @Override
        public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            if (exception instanceof RecordTooLargeException && Topics.DEAD_LETTERS.equals(record.topic())) {
                LOG.error("A dead letter for {}-{}@{} is too large for {} ({}); the original stays at its source offset",
                        context.topic(), context.partition(), context.offset(), record.topic(), exception.getMessage());
                return Response.resume();
            }
            return super.handleError(context, record, exception);
        }
    }

    private static ProducerRecord<byte[], byte[]> bounded(final ProducerRecord<byte[], byte[]> record, final byte[] reason) {
        final Headers headers = new RecordHeaders();
        for (final Header header : record.headers()) {
            final byte[] value = header.value();
            headers.add(header.key(), value != null && value.length > MAX_HEADER_BYTES
                    ? Arrays.copyOf(value, MAX_HEADER_BYTES) : value);
        }
        headers.add(DeadLetterHeaders.REASON_HEADER, reason);
        if (record.timestamp() != null) {
            headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP_HEADER, Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
        }
        final boolean keyFits = record.key() == null || record.key().length <= MAX_COPIED_BYTES;
        final boolean valueFits = record.value() == null || record.value().length <= MAX_COPIED_BYTES;
        if (!keyFits || !valueFits) {
            headers.add(DeadLetterHeaders.OMITTED_HEADER, ((keyFits ? "" : "key of " + record.key().length + " bytes ")
                    + (valueFits ? "" : "value of " + record.value().length + " bytes")).trim()
                    .getBytes(StandardCharsets.UTF_8));
        }
        // No timestamp: the producer stamps the time of rejection. Kafka Streams gives a dead letter the
        // refused record's own timestamp, a release's publication time; on a topic with time-based
        // retention a dead letter of a record older than the retention (a replay, a backfill, a late
        // correction) would be deleted by the broker's next retention check, minutes after it was written.
        return new ProducerRecord<>(record.topic(), record.partition(), null,
                keyFits ? record.key() : null, valueFits ? record.value() : null, headers);
    }

    private static PipelineEvents eventsFrom(final Map<String, ?> configs) {
        return configs.get(EVENTS_CONFIG) instanceof PipelineEvents given ? given : PipelineEvents.NONE;
    }
}
