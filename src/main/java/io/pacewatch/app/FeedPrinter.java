package io.pacewatch.app;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.Progress;
import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.wire.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints, as they are committed, each change of a series' latest standing and each alert: what a
 * watcher of the topics sees. Reads with {@code read_committed}, like any downstream consumer of an
 * exactly-once application should.
 */
public final class FeedPrinter implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final PrintStream out;
    /** The year the feed replays: standings of other years (last year's figures, loaded as a benchmark) are not news. */
    private final int year;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** The last line printed per series: a new version that leaves the wording unchanged is not news. */
    private final java.util.Map<String, String> lastLine = new java.util.HashMap<>();
    private final Thread thread;
    private final org.apache.kafka.common.serialization.Deserializer<Progress> progress =
            Topics.progress().valueSerde().deserializer();
    private final org.apache.kafka.common.serialization.Deserializer<Alert> alerts =
            Topics.alerts().valueSerde().deserializer();

    public FeedPrinter(final Properties kafka, final PrintStream out, final int year) {
        final Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.out = out;
        this.year = year;
        this.thread = new Thread(this::loop, "pacewatch-feed-printer");
        this.thread.setDaemon(true);
    }

    public FeedPrinter start() {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(Topics.PROGRESS, Topics.ALERTS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (running.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    print(record);
                }
            }
        } catch (final WakeupException e) {
            // close() woke the consumer up: time to stop.
        } finally {
            consumer.close();
        }
    }

    private void print(final ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        if (Topics.ALERTS.equals(record.topic())) {
            final Alert alert = alerts.deserialize(record.topic(), record.value());
            if (alert.year() != year) {
                return;
            }
            out.println("  ALERT " + alert.messageZh());
            out.println("        " + alert.messageEn());
        } else if (SeriesPartitioner.isLatestKey(record.key())) {
            final Progress p = progress.deserialize(record.topic(), record.value());
            if (p.year() != year) {
                return;
            }
            final String line = progressLine(p);
            if (!line.equals(lastLine.put(record.key(), line))) {
                out.println(line);
            }
        }
    }

    /** A standing as a person reads it: the region's and indicator's names (the region's code if unnamed). */
    static String progressLine(final Progress p) {
        return String.format("  %-14s %s %s：%s", p.status(), p.regionDisplayZh(), p.indicatorNameZh(), p.messageZh());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(Duration.ofSeconds(5).toMillis());
    }
}
