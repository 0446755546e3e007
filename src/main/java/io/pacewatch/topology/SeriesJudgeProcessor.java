package io.pacewatch.topology;

import io.pacewatch.wire.SeriesPartitioner;
import io.pacewatch.wire.PipelineEvents;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertPolicy;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.RegionCatalogue;
import io.pacewatch.domain.Release;
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
import java.util.Objects;
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
 * Judges a series whenever a version of its figures or its target arrives, and passes on only what
 * changed: progress records whose content differs from what was last published, and the alert the
 * domain's {@link AlertPolicy} decides on against the last statuses published. Versions and what was
 * published are one value per series ({@link SeriesState}), so a release costs one read and one write.
 * <p>
 * A release for month m can change only the standing of months m and later, so only those are
 * judged again; earlier months keep what was published for them. A target change, and the wall-clock
 * recheck, judge every month. A figure under embargo stays hidden until the embargo ends, and a
 * release the calendar expects becomes overdue when its due date passes; a wall-clock punctuation
 * judges such series again at that moment, so neither waits for new input.
 * <p>
 * Same-period pace: a judgement that changes the series' own cumulative curve passes it on, keyed by
 * next year's series, and the topology routes it back, through a repartition topic, to a second
 * judge on the same stores ({@link #forPriorYear}), which keeps it beside next year's series state and
 * judges every month of that series again. Only the first judge sends curves and rechecks on the
 * clock: what the second one publishes never goes round the loop again.
 * <p>
 * A rank sent back by the peer ranking ({@link SeriesPeers}) judges the series again from that month,
 * so its records carry the new rank; only records whose rank changed are republished.
 */
final class SeriesJudgeProcessor implements Processor<String, SeriesEvent, String, SeriesChange> {

    /**
     * Series to judge again at a time, whatever arrives: when an embargo ends or a release falls due.
     * Keyed {@code <epoch millis, 15 digits>|<series>}, so a range scan finds the ones due.
     */
    static final String RECHECK_STORE = "series-recheck";
    /** A due-date check is a seek in a small store, cheap enough to look every second. */
    private static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);
    private static final int EVERY_MONTH = 1;
    /** Marks a store whose series have all sent their curve once; sorts after every due-time key. */
    static final String CURVES_SWEPT = "~prior-year-curves-swept";

    private final SeriesEvaluator evaluator;
    private final Clock clock;
    private final PipelineEvents events;
    private final boolean sendsCurves;
    private boolean curvesSwept;
    private final RegionCatalogue regions;
    private SeriesPeers peers;
    private ProcessorContext<String, SeriesChange> context;
    private SeriesStates states;
    private KeyValueStore<String, String> recheck;
    private TimestampedKeyValueStore<String, Target> targets;

    SeriesJudgeProcessor(final SeriesEvaluator evaluator, final RegionCatalogue regions, final Clock clock,
                         final PipelineEvents events) {
        this(evaluator, regions, clock, events, true);
    }

    private SeriesJudgeProcessor(final SeriesEvaluator evaluator, final RegionCatalogue regions, final Clock clock,
                                 final PipelineEvents events, final boolean sendsCurves) {
        this.evaluator = evaluator;
        this.regions = regions;
        this.clock = clock;
        this.events = events;
        this.sendsCurves = sendsCurves;
    }

    /** The judge of last year's curves as they come back round the loop: sends none, rechecks nothing. */
    static SeriesJudgeProcessor forPriorYear(final SeriesEvaluator evaluator, final RegionCatalogue regions,
                                             final Clock clock, final PipelineEvents events) {
        return new SeriesJudgeProcessor(evaluator, regions, clock, events, false);
    }

    @Override
    public void init(final ProcessorContext<String, SeriesChange> context) {
        this.context = context;
        this.states = new SeriesStates(context.getStateStore(PacewatchTopology.RELEASE_HISTORY_STORE));
        this.recheck = context.getStateStore(RECHECK_STORE);
        this.targets = context.getStateStore(PacewatchTopology.TARGETS_STORE);
        this.peers = new SeriesPeers(regions, context.getStateStore(PacewatchTopology.PEER_RANKS_STORE));
        refuseLegacyState();
        if (sendsCurves) {
            // Embargoes end and releases fall due with the clock, not with the next record, which may never come.
            context.schedule(RECHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> judgeSeriesDue());
        }
    }

    /**
     * State restored from a changelog written by a build before the single-value series state is
     * refused before anything is judged, with what to do, rather than misread: such a build wrote
     * every value in its layout, so reading one is enough. Since {@code StateBytes}, a store holds the
     * last build's Smile values beside binary ones, and a value this build cannot read met later (a
     * newer layout, after a rollback) stops the stream thread the same way ({@link DeadLetterHandlers}).
     */
    private void refuseLegacyState() {
        states.checkReadable();
    }

    @Override
    public void process(final Record<String, SeriesEvent> record) {
        if (record.value() instanceof SeriesEvent.PeerRankChange ranked) {
            peerRankChanged(SeriesPartitioner.seriesPart(record.key()), ranked.update(), record.timestamp());
            return;
        }
        final String key = record.key();
        final SeriesState stored = states.get(key);
        final SeriesState state = stored == null ? SeriesState.EMPTY : stored;
        if (record.value() instanceof SeriesEvent.NewRelease added) {
            final Release release = added.release();
            events.releaseAccepted(release.indicator(), state.history().revises(release));
            final SeriesState next = new SeriesState(state.history().with(release), state.emitted(),
                    Math.max(state.newestReleaseTimestamp(), record.timestamp()), state.priorYear(), state.curveSent());
            final ValueAndTimestamp<Target> target = targets.get(key);
            judge(key, stored, next, valueOf(target), release.period().lastMonth(),
                    target == null ? next.newestReleaseTimestamp() : Math.max(next.newestReleaseTimestamp(), target.timestamp()));
        } else if (record.value() instanceof SeriesEvent.TargetChange changed) {
            if (changed.target() == null) {
                targets.delete(key);
            } else {
                targets.put(key, ValueAndTimestamp.make(changed.target(), record.timestamp()));
            }
            judge(key, stored, state, changed.target(), EVERY_MONTH,
                    Math.max(state.newestReleaseTimestamp(), record.timestamp()));
        } else if (record.value() instanceof SeriesEvent.PriorYear lastYear) {
            final CumulativeCurve curve = lastYear.curve() == null || lastYear.curve().isEmpty() ? null : lastYear.curve();
            if (Objects.equals(curve, state.priorYear())) {
                return;
            }
            // Last year's shares can move every month's standing: all of them are judged again.
            final ValueAndTimestamp<Target> target = targets.get(key);
            judge(key, stored, state.withPriorYear(curve), valueOf(target), EVERY_MONTH,
                    Math.max(Math.max(state.newestReleaseTimestamp(), record.timestamp()),
                            target == null ? 0 : target.timestamp()));
        }
    }

    /** Keyed {@code series|period}: the feedback topic keeps one rank per series and month. */
    private void peerRankChanged(final String key, final PeerRankUpdate update, final long timestamp) {
        final SeriesState stored = states.get(key);
        if (peers.record(key, update) && stored != null) {
            judge(key, stored, stored, valueOf(targets.get(key)), update.month(), timestamp);
        }
    }

    private void judgeSeriesDue() {
        if (!curvesSwept) {
            sendCurvesNeverSent();
            curvesSwept = true;
        }
        final long now = clock.millis();
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> ended = recheck.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
            ended.forEachRemaining(due::add);
        }
        for (final KeyValue<String, String> entry : due) {
            recheck.delete(entry.key);
            final String series = entry.value;
            final SeriesState state = states.get(series);
            final Target target = valueOf(targets.get(series));
            if (state != null || target != null) {
                judge(series, state, state == null ? SeriesState.EMPTY : state, target, EVERY_MONTH, now);
            }
        }
    }

    /**
     * Series judged by a build before the prior-year loop never sent their curve, and a finished year
     * gets no release that would make it: once per store (a marker in the recheck store, outside the
     * range of due times), every series with figures and no curve sent sends it now.
     */
    private void sendCurvesNeverSent() {
        if (recheck.get(CURVES_SWEPT) != null) {
            return;
        }
        final List<String> unsent = new ArrayList<>();
        states.forEach((key, state) -> {
            if (state.curveSent() == null && !state.history().versions().isEmpty()) {
                unsent.add(key);
            }
        });
        final Instant now = clock.instant();
        for (final String key : unsent) {
            final SeriesState state = states.get(key);
            final SeriesKey series = SeriesKey.parse(key);
            final ReleaseHistory history = state.history();
            // Only a curve with points: an empty one would tell next year nothing it does not know.
            changedCurve(series, history, null, now).filter(c -> !c.value.isEmpty()).ifPresent(curve -> {
                states.put(key, new SeriesState(history, state.emitted(), state.newestReleaseTimestamp(),
                        state.priorYear(), Fingerprint.of(curve.value)));
                context.forward(new Record<>(key, new SeriesChange(List.of(), Optional.empty(), Optional.of(curve)),
                        state.newestReleaseTimestamp()));
            });
        }
        recheck.put(CURVES_SWEPT, Instant.ofEpochMilli(clock.millis()).toString());
    }

    /**
     * @param stored    what the store held for the series before this event (null: nothing)
     * @param state     the series' state with this event's version added
     * @param fromMonth the earliest month whose standing may have changed: months before it keep what
     *                  was published for them
     * @param timestamp of what is published: the newest input's record timestamp (releases and target),
     *                  as the table join before issue #11 stamped it
     */
    private void judge(final String key, final SeriesState stored, final SeriesState state, final Target target,
                       final int fromMonth, final long timestamp) {
        final EmittedState previous = state.emitted();
        final ReleaseHistory history = state.history().versions().isEmpty() ? null : state.history();
        // "Now" is the clock's, never a record's timestamp, which producers set as they please.
        final Instant now = clock.instant();
        final SeriesKey series = SeriesKey.parse(key);
        final Optional<SeriesEvaluation> evaluation = evaluator.evaluate(series, history, target, state.priorYear(),
                now, fromMonth);
        if (sendsCurves) {
            scheduleRecheck(key, series, history, target, now);
        }
        final Optional<KeyValue<String, CumulativeCurve>> curveToSend = sendsCurves
                ? changedCurve(series, history, state.curveSent(), now) : Optional.empty();
        final Long curveSent = curveToSend.map(c -> c.value.isEmpty() ? null : Fingerprint.of(c.value))
                .orElse(state.curveSent());

        final SeriesPeers.Attach attach = peers.of(series);
        final Map<String, Progress> current = evaluation.map(e -> recordsByKey(e, attach)).orElse(Map.of());
        final Map<String, Long> fingerprints = new HashMap<>(fromMonth == EVERY_MONTH ? Map.of() : previous.fingerprints());
        final List<KeyValue<String, Progress>> changed = new ArrayList<>();
        current.forEach((progressKey, progress) -> {
            final long fingerprint = Fingerprint.of(progress);
            final String shortKey = EmittedState.shortKey(key, progressKey);
            fingerprints.put(shortKey, fingerprint);
            if (!Long.valueOf(fingerprint).equals(previous.fingerprints().get(shortKey))) {
                changed.add(KeyValue.pair(progressKey, progress));
            }
        });
        if (fromMonth == EVERY_MONTH) {
            // A record that no longer exists is deleted from the compacted topic, not left standing.
            // (A new version never removes a month, so only a judgement of every month can.)
            previous.fingerprints().keySet().stream()
                    .map(k -> EmittedState.recordKey(key, k))
                    .filter(k -> !current.containsKey(k))
                    .sorted()
                    .forEach(k -> changed.add(KeyValue.pair(k, null)));
        }

        final Optional<Alert> alert = evaluation.flatMap(e ->
                AlertPolicy.decide(previous.lastJudgedStatus(), previous.lastStatus(), e.latest()));
        final long stamp = Math.max(timestamp, previous.lastPublishedAt());
        final EmittedState emitted;
        if (changed.isEmpty() && alert.isEmpty()) {
            emitted = previous;
        } else if (current.isEmpty()) {
            emitted = EmittedState.NOTHING;
        } else {
            final PaceStatus latest = evaluation.get().latest().status();
            emitted = new EmittedState(latest.isJudged() ? latest : previous.lastJudgedStatus(), latest, fingerprints,
                    stamp);
        }
        final SeriesState next = new SeriesState(state.history(), emitted, state.newestReleaseTimestamp(),
                state.priorYear(), curveSent);
        if (next.isEmpty()) {
            if (stored != null) {
                states.delete(key);
            }
        } else if (!next.equals(stored)) {
            states.put(key, next);
        }
        if (!changed.isEmpty() || alert.isPresent() || curveToSend.isPresent()) {
            context.forward(new Record<>(key, new SeriesChange(changed, alert, curveToSend), stamp));
        }
    }

    /**
     * The series' own cumulative curve keyed by next year's series, when it differs from the one last
     * sent (an empty curve when it had one and no longer has). Compared by fingerprint, so what was
     * sent costs eight bytes of state.
     */
    private Optional<KeyValue<String, CumulativeCurve>> changedCurve(final SeriesKey series, final ReleaseHistory history,
                                                                     final Long sent, final Instant now) {
        final Optional<CumulativeCurve> own = evaluator.cumulativeCurve(series, history, now);
        final Long fingerprint = own.map(Fingerprint::of).orElse(null);
        if (Objects.equals(fingerprint, sent)) {
            return Optional.empty();
        }
        final String nextYear = new SeriesKey(series.region(), series.indicator(), series.year() + 1).id();
        return Optional.of(KeyValue.pair(nextYear,
                own.orElseGet(() -> new CumulativeCurve(series.year(), List.of(), null))));
    }

    /** The next moment this series' standing can change without new input, if there is one. */
    private void scheduleRecheck(final String key, final SeriesKey series, final ReleaseHistory history,
                                 final Target target, final Instant now) {
        evaluator.nextChangeWithoutInput(series, history, target, now)
                .ifPresent(at -> recheck.put(dueKey(at.toEpochMilli(), key), key));
    }

    private static <V> V valueOf(final ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    /** Zero-padded, so that the store's byte order is the order in time. */
    private static String dueKey(final long epochMillis, final String series) {
        return String.format("%015d|%s", epochMillis, series);
    }

    /**
     * The latest standing under the series key, and the standing at each month under key|period, each
     * with the series' peer fields for its month (the latest: the last month with figures).
     */
    private static Map<String, Progress> recordsByKey(final SeriesEvaluation evaluation, final SeriesPeers.Attach peers) {
        final Map<String, Progress> records = new LinkedHashMap<>();
        final String seriesKey = evaluation.series().id();
        final List<SeriesEvaluation.PeriodProgress> curve = evaluation.history();
        records.put(seriesKey, peers.apply(curve.isEmpty() ? 0 : curve.get(curve.size() - 1).month(), evaluation.latest()));
        curve.forEach(p -> records.put(SeriesKey.monthId(seriesKey, p.period()), peers.apply(p.month(), p.progress())));
        return records;
    }
}
