package io.pacewatch.cli.publish;

import io.pacewatch.ingest.SendProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return. Redrawn at most ten
 * times a second: a terminal that is written to for every record slows the sending down.
 */
final class ProgressBar implements SendProgress {

    /** Below this many records sending takes well under a second, and a bar would only flicker. */
    static final int LARGE_BATCH = 1_000;
    static final long MIN_REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final String label;
    private final LongSupplier nanoClock;
    private final boolean enabled;
    private long lastDrawNanos;
    private boolean drawn;

    private ProgressBar(final PrintWriter err, final long total, final String label, final LongSupplier nanoClock,
                        final boolean enabled) {
        this.err = err;
        this.total = total;
        this.label = label;
        this.nanoClock = nanoClock;
        this.enabled = enabled;
    }

    static ProgressBar enabled(final PrintWriter err, final long total, final String label, final LongSupplier nanoClock) {
        return new ProgressBar(err, total, label, nanoClock, true);
    }

    static ProgressBar disabled() {
        return new ProgressBar(null, 0, "", System::nanoTime, false);
    }

    /**
     * Whether a person is likely watching the output. Java 17 cannot ask whether stderr alone is a
     * terminal; {@link System#console()} is non-null when stdin and stdout are, which is false for
     * pipes, redirections, cron and CI, where a bar would only fill logs with carriage returns.
     */
    static boolean likelyWatched() {
        return System.console() != null;
    }

    /** Redraws if the last drawing is older than {@link #MIN_REDRAW_NANOS}. */
    @Override
    public void update(final long done) {
        if (!enabled) {
            return;
        }
        final long now = nanoClock.getAsLong();
        if (drawn && now - lastDrawNanos < MIN_REDRAW_NANOS) {
            return;
        }
        draw(done);
        lastDrawNanos = now;
    }

    /** The last drawing, then a line break so that what follows starts on its own line. */
    @Override
    public void finish(final long done) {
        if (!enabled) {
            return;
        }
        draw(done);
        err.print(System.lineSeparator());
        err.flush();
    }

    private void draw(final long done) {
        final int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        final long percent = total == 0 ? 100 : done * 100 / total;
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), percent, done, total));
        err.flush();
        drawn = true;
    }
}
