package io.pacewatch.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * When a Kafka Streams application has finished its input: its consumer group's committed offsets
 * have reached the end offsets of every topic it reads: the source topics and its own repartition
 * topics. With exactly-once, offsets commit in the same transaction as the outputs and state
 * changes they caused, so a group at the end of all its inputs has every output committed and
 * visible to read_committed consumers. Nothing is consumed to find out, so watching costs the
 * application nothing but a few admin requests per poll. The benchmark times runs by it; the demo
 * waits by it before it turns the calendar.
 */
public final class GroupLag {

    private final Admin admin;
    private final String groupId;
    private final List<String> sourceTopics;

    public GroupLag(final Admin admin, final String groupId, final Collection<String> sourceTopics) {
        this.admin = admin;
        this.groupId = groupId;
        this.sourceTopics = List.copyOf(sourceTopics);
    }

    /** Records not yet committed by the group, over the sources and the group's repartition topics. */
    public long remaining() throws InterruptedException {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            final List<String> topics = new ArrayList<>(sourceTopics);
            final String internalPrefix = groupId + "-";
            admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(internalPrefix) && t.endsWith("-repartition"))
                    .forEach(topics::add);
            final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request)
                    .all().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                final OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Polls until nothing is left; returns the {@link System#nanoTime()} at which a poll first found
     * the group caught up (so the figure is late by up to one poll interval plus a round trip). Fails after {@code timeout}, or at once when {@code failed} says so.
     */
    public long awaitCaughtUp(final Duration timeout, final Duration poll, final BooleanSupplier failed)
            throws InterruptedException {
        final Wait wait = poll(timeout, poll, failed);
        if (!wait.caughtUp()) {
            throw new IllegalStateException("group " + groupId + " still had " + wait.left() + " records to go after "
                    + timeout);
        }
        return wait.caughtUpAt();
    }

    /** Polls as {@link #awaitCaughtUp} does, for a caller that goes on either way: true if the group caught up in time. */
    public boolean caughtUpWithin(final Duration timeout, final Duration poll) throws InterruptedException {
        return poll(timeout, poll, () -> false).caughtUp();
    }

    private Wait poll(final Duration timeout, final Duration poll, final BooleanSupplier failed)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = remaining();
            if (last == 0) {
                // When the answer came back, not when it was asked: at most one admin round trip late.
                return new Wait(System.nanoTime(), 0);
            }
            if (failed.getAsBoolean()) {
                throw new IllegalStateException("the application failed with " + last + " records left");
            }
            Thread.sleep(poll.toMillis());
        }
        return new Wait(-1, last);
    }

    /** How a wait ended: caught up at a {@link System#nanoTime()}, or with records left. */
    private record Wait(long caughtUpAt, long left) {
        boolean caughtUp() {
            return left == 0;
        }
    }

    /**
     * Every topic pacewatch's topology reads that is not its own repartition topic: the inputs, the
     * progress and rankings read back into the query views, and the peer ranks that come back to the
     * judge. Leaving the last two out would call a run with peer groups done while its rankings were
     * still on the way. (The alerts view is kept as alerts are raised: the alerts topic is not read.)
     */
    public static Set<String> pacewatchSources() {
        return Set.of(io.pacewatch.wire.Topics.RELEASES, io.pacewatch.wire.Topics.TARGETS,
                io.pacewatch.wire.Topics.PROGRESS, io.pacewatch.wire.Topics.RANKINGS, io.pacewatch.wire.Topics.PEER_RANKS);
    }
}
