package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Evaluates a series whenever its releases or its target change, and passes on only what changed:
 * progress records whose content differs from what was last published, and the alert the domain's
 * {@link AlertPolicy} decides on against the last statuses kept in {@value #STORE}. A figure under
 * embargo stays hidden until the embargo ends, and a release the calendar expects becomes overdue
 * when its due date passes; a wall-clock punctuation judges such series again from the release and
 * target stores at that moment, so neither waits for new input.
 */
final class SeriesJudgeProcessor implements Processor<String, SeriesInputs, String, SeriesChange> {

    static final String STORE = "emitted-progress";
    /**
     * Series to judge again at a time, whatever arrives: when an embargo ends or a release falls due.
     * Keyed {@code <epoch millis, 15 digits>|<series>}, so a range scan finds the ones due.
     */
    static final String RECHECK_STORE = "series-recheck";
    /** A due-date check is a seek in a small store, cheap enough to look every second. */
    private static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

    private final SeriesEvaluator evaluator;
    private final Clock clock;
    private ProcessorContext<String, SeriesChange> context;
    private KeyValueStore<String, EmittedState> emitted;
    private KeyValueStore<String, String> recheck;
    private TimestampedKeyValueStore<String, ReleaseHistory> histories;
    private TimestampedKeyValueStore<String, Target> targets;

    SeriesJudgeProcessor(final SeriesEvaluator evaluator, final Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    public void init(final ProcessorContext<String, SeriesChange> context) {
        this.context = context;
        this.emitted = context.getStateStore(STORE);
        this.recheck = context.getStateStore(RECHECK_STORE);
        this.histories = context.getStateStore(PacewatchTopology.RELEASE_HISTORY_STORE);
        this.targets = context.getStateStore(PacewatchTopology.TARGETS_STORE);
        // Embargoes end and releases fall due with the clock, not with the next record, which may never come.
        context.schedule(RECHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> judgeSeriesDue());
    }

    @Override
    public void process(final Record<String, SeriesInputs> record) {
        judge(record.key(), record.value(), record.timestamp());
    }

    private void judgeSeriesDue() {
        final long now = clock.millis();
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> ended = recheck.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
            ended.forEachRemaining(due::add);
        }
        for (final KeyValue<String, String> entry : due) {
            recheck.delete(entry.key);
            final String series = entry.value;
            judge(series, new SeriesInputs(valueOf(histories.get(series)), valueOf(targets.get(series))), now);
        }
    }

    private void judge(final String key, final SeriesInputs inputs, final long timestamp) {
        final EmittedState previous = Optional.ofNullable(emitted.get(key)).orElse(EmittedState.NOTHING);
        // "Now" is the clock's, never a record's timestamp, which producers set as they please.
        final Instant now = clock.instant();
        final SeriesKey series = SeriesKey.parse(key);
        final Optional<SeriesEvaluation> evaluation = inputs == null ? Optional.empty()
                : evaluator.evaluate(series, inputs.history(), inputs.target(), now);
        if (inputs != null) {
            scheduleRecheck(key, series, inputs, now);
        }

        final Map<String, Progress> current = evaluation.map(SeriesJudgeProcessor::recordsByKey).orElse(Map.of());
        final Map<String, Long> fingerprints = new HashMap<>();
        final List<KeyValue<String, Progress>> changed = new ArrayList<>();
        current.forEach((progressKey, progress) -> {
            final long fingerprint = Fingerprint.of(progress);
            final String shortKey = EmittedState.shortKey(key, progressKey);
            fingerprints.put(shortKey, fingerprint);
            if (!Long.valueOf(fingerprint).equals(previous.fingerprints().get(shortKey))) {
                changed.add(KeyValue.pair(progressKey, progress));
            }
        });
        // A record that no longer exists is deleted from the compacted topic, not left standing.
        previous.fingerprints().keySet().stream()
                .map(k -> EmittedState.recordKey(key, k))
                .filter(k -> !current.containsKey(k))
                .sorted()
                .forEach(k -> changed.add(KeyValue.pair(k, null)));

        final Optional<Alert> alert = evaluation.flatMap(e ->
                AlertPolicy.decide(previous.lastJudgedStatus(), previous.lastStatus(), e.latest()));
        if (changed.isEmpty() && alert.isEmpty()) {
            return;
        }
        if (current.isEmpty()) {
            emitted.delete(key);
        } else {
            final PaceStatus latest = evaluation.get().latest().status();
            emitted.put(key, new EmittedState(latest.isJudged() ? latest : previous.lastJudgedStatus(), latest,
                    fingerprints));
        }
        context.forward(new Record<>(key, new SeriesChange(changed, alert), timestamp));
    }

    /** The next moment this series' standing can change without new input, if there is one. */
    private void scheduleRecheck(final String key, final SeriesKey series, final SeriesInputs inputs, final Instant now) {
        final Optional<Instant> embargoEnd = inputs.history() == null ? Optional.empty()
                : inputs.history().nextEmbargoEnd(now);
        final Optional<Instant> deadline = inputs.target() == null ? Optional.empty()
                : evaluator.nextDeadline(series, now);
        java.util.stream.Stream.of(embargoEnd, deadline).flatMap(Optional::stream).min(Instant::compareTo)
                .ifPresent(at -> recheck.put(dueKey(at.toEpochMilli(), key), key));
    }

    /** Zero-padded, so that the store's byte order is the order in time. */
    private static String dueKey(final long epochMillis, final String series) {
        return String.format("%015d|%s", epochMillis, series);
    }

    private static <V> V valueOf(final ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    /** The latest standing under the series key, and the standing at each month under key|period. */
    private static Map<String, Progress> recordsByKey(final SeriesEvaluation evaluation) {
        final Map<String, Progress> records = new LinkedHashMap<>();
        final String seriesKey = evaluation.series().id();
        records.put(seriesKey, evaluation.latest());
        evaluation.history().forEach(p -> records.put(seriesKey + '|' + p.period(), p.progress()));
        return records;
    }
}
