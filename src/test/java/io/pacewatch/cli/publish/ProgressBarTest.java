package io.pacewatch.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacewatch.cli.publish.FilePublisher.PublishPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void redrawsAtMostTenTimesASecondAndEndsWithALineBreak() {
        final StringWriter text = new StringWriter();
        final AtomicLong clock = new AtomicLong();
        final ProgressBar bar = ProgressBar.enabled(new PrintWriter(text), 2_000, "sending", clock::get);

        bar.update(0);
        for (int done = 1; done <= 1_000; done++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            bar.update(done);
        }
        bar.finish(2_000);

        final String[] frames = text.toString().split("\r", -1);
        // 1 s of updates: the first drawing and one per 100 ms, then the final one.
        assertThat(frames).hasSize(1 + 1 + 10 + 1);
        assertThat(frames[2]).startsWith("sending [#--");
        assertThat(frames[frames.length - 1])
                .isEqualTo("sending [##############################] 100% 2,000/2,000" + System.lineSeparator());
    }

    @Test
    void showsOnlyForLargeBatchesOnATerminalUnlessTold() {
        assertThat(plan(null, true).showProgress(ProgressBar.LARGE_BATCH + 1)).isTrue();
        assertThat(plan(null, true).showProgress(ProgressBar.LARGE_BATCH)).isFalse();
        assertThat(plan(null, false).showProgress(1_000_000)).isFalse();
        assertThat(plan(true, false).showProgress(3)).isTrue();
        assertThat(plan(false, true).showProgress(1_000_000)).isFalse();
    }

    private static PublishPlan plan(final Boolean progress, final boolean interactive) {
        return new PublishPlan("t", false, null, "c", progress, interactive);
    }
}
