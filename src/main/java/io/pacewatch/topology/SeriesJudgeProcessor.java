package io.pacewatch.topology;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
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
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates a series whenever its releases or its target change, and passes on only what changed:
 * progress records whose content differs from what was last published, and the alert the domain's
 * {@link AlertPolicy} decides on against the last judged status kept in {@value #STORE}.
 */
final class SeriesJudgeProcessor implements Processor<String, SeriesInputs, String, SeriesChange> {

    static final String STORE = "emitted-progress";

    private final SeriesEvaluator evaluator;
    private ProcessorContext<String, SeriesChange> context;
    private KeyValueStore<String, EmittedState> emitted;

    SeriesJudgeProcessor(final SeriesEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void init(final ProcessorContext<String, SeriesChange> context) {
        this.context = context;
        this.emitted = context.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, SeriesInputs> record) {
        final String key = record.key();
        final EmittedState previous = Optional.ofNullable(emitted.get(key)).orElse(EmittedState.NOTHING);
        final SeriesInputs inputs = record.value();
        final Optional<SeriesEvaluation> evaluation = inputs == null ? Optional.empty()
                : evaluator.evaluate(SeriesKey.parse(key), inputs.history(), inputs.target(), visibleAt(record));

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
        context.forward(record.withValue(new SeriesChange(changed, alert)));
    }

    /** Embargoed figures appear once the embargo has passed, by the record's time or the clock's. */
    private Instant visibleAt(final Record<String, SeriesInputs> record) {
        return Instant.ofEpochMilli(Math.max(record.timestamp(), context.currentSystemTimeMs()));
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
