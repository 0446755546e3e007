package io.pacewatch.bench;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.IndicatorCatalogue;
import io.pacewatch.domain.InvalidInputException;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import io.pacewatch.domain.SeriesEvaluation;
import io.pacewatch.domain.SeriesEvaluator;
import io.pacewatch.domain.SeriesKey;
import io.pacewatch.domain.Target;
import io.pacewatch.wire.InputCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Knows, before a release is sent, which progress record and which alert pacewatch will publish
 * for it: it runs the same domain code on the same inputs, keeping per series what the judge keeps
 * (the records last published and the last judged status). The latency phase uses it to know what
 * to wait for, so that an alert is timed only where one is due and a missing one is noticed.
 * Valid only when each series' records are judged one at a time, which holds at a steady rate
 * where one series' releases are seconds apart.
 */
final class Predictor {

    /** What one release should make pacewatch publish; either part may be absent. */
    record Expectation(String progressKey, String alertId) {
        static final Expectation NONE = new Expectation(null, null);
    }

    /** Later than any publication or embargo in the load, so every figure is visible, as it is to the judge. */
    private static final Instant VISIBLE = Instant.parse("2999-01-01T00:00:00Z");

    private final InputCodec codec;
    private final SeriesEvaluator evaluator;
    private final Map<String, ReleaseHistory> histories = new HashMap<>();
    private final Map<String, Target> targets = new HashMap<>();
    private final Map<String, Map<String, Progress>> published = new HashMap<>();
    private final Map<String, PaceStatus> lastJudged = new HashMap<>();

    Predictor(final IndicatorCatalogue catalogue) {
        this.codec = new InputCodec(catalogue);
        this.evaluator = new SeriesEvaluator(catalogue);
    }

    void target(final String key, final byte[] value) {
        final Target target = codec.target(value);
        targets.put(key, target);
        judge(key);
    }

    Expectation release(final String key, final byte[] value) {
        final Release release;
        try {
            release = codec.release(value);
        } catch (final InvalidInputException refused) {
            return Expectation.NONE;
        }
        if (!release.series().id().equals(key)) {
            return Expectation.NONE;
        }
        histories.merge(key, ReleaseHistory.EMPTY.with(release), (old, ignored) -> old.with(release));
        final Judged judged = judge(key);
        final String progressKey = SeriesKey.monthId(key,
                ReferencePeriod.cumulativeThrough(release.period().year(), release.period().lastMonth()).code());
        return new Expectation(judged.changed().containsKey(progressKey) ? progressKey : null,
                judged.alert().map(Alert::id).orElse(null));
    }

    private record Judged(Map<String, Progress> changed, Optional<Alert> alert) {
    }

    /** What SeriesJudgeProcessor does, with records compared by value instead of by fingerprint. */
    private Judged judge(final String key) {
        final Optional<SeriesEvaluation> evaluation = evaluator.evaluate(SeriesKey.parse(key), histories.get(key),
                targets.get(key), VISIBLE);
        final Map<String, Progress> current = new LinkedHashMap<>();
        evaluation.ifPresent(e -> {
            current.put(key, e.latest());
            e.history().forEach(p -> current.put(SeriesKey.monthId(key, p.period()), p.progress()));
        });
        final Map<String, Progress> before = published.getOrDefault(key, Map.of());
        final Map<String, Progress> changed = new LinkedHashMap<>();
        current.forEach((k, p) -> {
            if (!p.equals(before.get(k))) {
                changed.put(k, p);
            }
        });
        final boolean removed = before.keySet().stream().anyMatch(k -> !current.containsKey(k));
        final Optional<Alert> alert = evaluation.flatMap(e -> AlertPolicy.decide(lastJudged.get(key), e.latest()));
        if (changed.isEmpty() && !removed && alert.isEmpty()) {
            return new Judged(Map.of(), Optional.empty());
        }
        published.put(key, current);
        evaluation.ifPresent(e -> {
            if (e.latest().status().isJudged()) {
                lastJudged.put(key, e.latest().status());
            }
        });
        return new Judged(changed, alert);
    }
}
