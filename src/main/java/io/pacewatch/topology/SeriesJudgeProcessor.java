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
 * {@link AlertPolicy} decides on against the last judged status kept in {@value #STORE}. A figure
 * under embargo stays hidden until the embargo ends; a wall-clock punctuation then judges the
 * series again from the release and target stores, so it appears without waiting for new input.
 */
final class SeriesJudgeProcessor implements Processor<String, SeriesInputs, String, SeriesChange> {

    static final String STORE = "emitted-progress";
    /** Series with a figure under embargo, keyed by when it ends: {@code <epoch millis, 15 digits>|<series>}. */
    static final String EMBARGO_STORE = "embargo-due";
    private static final Duration EMBARGO_CHECK = Duration.ofSeconds(10);

    private final SeriesEvaluator evaluator;
    private ProcessorContext<String, SeriesChange> context;
    private KeyValueStore<String, EmittedState> emitted;
    private KeyValueStore<String, String> embargoDue;
    private TimestampedKeyValueStore<String, ReleaseHistory> histories;
    private TimestampedKeyValueStore<String, Target> targets;

    SeriesJudgeProcessor(final SeriesEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void init(final ProcessorContext<String, SeriesChange> context) {
        this.context = context;
        this.emitted = context.getStateStore(STORE);
        this.embargoDue = context.getStateStore(EMBARGO_STORE);
        this.histories = context.getStateStore(PacewatchTopology.RELEASE_HISTORY_STORE);
        this.targets = context.getStateStore(PacewatchTopology.TARGETS_STORE);
        // An embargo ends with the clock, not with the next record, which may be a month away.
        context.schedule(EMBARGO_CHECK, PunctuationType.WALL_CLOCK_TIME, this::judgeSeriesWhoseEmbargoEnded);
    }

    @Override
    public void process(final Record<String, SeriesInputs> record) {
        judge(record.key(), record.value(), record.timestamp());
    }

    private void judgeSeriesWhoseEmbargoEnded(final long now) {
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> ended = embargoDue.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
            ended.forEachRemaining(due::add);
        }
        for (final KeyValue<String, String> entry : due) {
            embargoDue.delete(entry.key);
            final String series = entry.value;
            judge(series, new SeriesInputs(valueOf(histories.get(series)), valueOf(targets.get(series))), now);
        }
    }

    private void judge(final String key, final SeriesInputs inputs, final long timestamp) {
        final EmittedState previous = Optional.ofNullable(emitted.get(key)).orElse(EmittedState.NOTHING);
        final Instant visibleAt = Instant.ofEpochMilli(Math.max(timestamp, context.currentSystemTimeMs()));
        final Optional<SeriesEvaluation> evaluation = inputs == null ? Optional.empty()
                : evaluator.evaluate(SeriesKey.parse(key), inputs.history(), inputs.target(), visibleAt);
        if (inputs != null && inputs.history() != null) {
            inputs.history().nextEmbargoEnd(visibleAt)
                    .ifPresent(end -> embargoDue.put(dueKey(end.toEpochMilli(), key), key));
        }

        final Map<String, Progress> current = evaluation.map(SeriesJudgeProcessor::recordsByKey).orElse(Map.of());
        final Map<String, Long> fingerprints = new HashMap<>();
        final List<KeyValue<String, Progress>> changed = new ArrayList<>();
        current.forEach((progressKey, progress) -> {
            final long fingerprint = Fingerprint.of(progress);
            fingerprints.put(progressKey, fingerprint);
            if (!Long.valueOf(fingerprint).equals(previous.fingerprints().get(progressKey))) {
                changed.add(KeyValue.pair(progressKey, progress));
            }
        });
        // A record that no longer exists is deleted from the compacted topic, not left standing.
        previous.fingerprints().keySet().stream()
                .filter(k -> !current.containsKey(k))
                .sorted()
                .forEach(k -> changed.add(KeyValue.pair(k, null)));

        final Optional<Alert> alert = evaluation.flatMap(e -> AlertPolicy.decide(previous.lastJudgedStatus(), e.latest()));
        if (changed.isEmpty() && alert.isEmpty()) {
            return;
        }
        if (current.isEmpty()) {
            emitted.delete(key);
        } else {
            final PaceStatus latest = evaluation.get().latest().status();
            emitted.put(key, new EmittedState(latest.isJudged() ? latest : previous.lastJudgedStatus(), fingerprints));
        }
        context.forward(new Record<>(key, new SeriesChange(changed, alert), timestamp));
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
