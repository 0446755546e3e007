package io.pacewatch.stack;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack test's clock: the deployment's hold times, 60 times shorter. Applied to the test's copies
 * of the files only, never to the repository's:
 * <ul>
 *   <li>every alerting rule's {@code for} and {@code keep_firing_for} (and a rule group's
 *       {@code interval}, should one have it): divided by {@value #FACTOR}, so a minute becomes a second;</li>
 *   <li>Alertmanager's {@code group_wait}, {@code group_interval}, {@code repeat_interval} on every route,
 *       and {@code global.resolve_timeout}: divided by {@value #FACTOR};</li>
 *   <li>Prometheus' {@code scrape_interval}, {@code scrape_timeout} and {@code evaluation_interval}:
 *       {@value #INTERVAL_SECONDS} s (not 15 s / 60 = 250 ms, which would only load the machine);</li>
 *   <li>Prometheus' {@code --rules.alert.resend-delay} (how often it sends a firing alert to Alertmanager
 *       again; the compose file sets 5 m): {@value #RESEND_DELAY}.</li>
 * </ul>
 * What the test cannot shorten: Prometheus applies the targets and Alertmanagers it discovers only every
 * 5 s, so each start looks like a five-minute absence of pacewatch in the test's time (see DeployedStackIT).
 * The test's waits are derived from the shortened values (see {@link #shorten(String)}), not written
 * down a second time.
 */
final class Timings {

    static final long FACTOR = 60;
    static final long INTERVAL_SECONDS = 1;
    static final String INTERVAL = INTERVAL_SECONDS + "s";
    static final String RESEND_DELAY = "1s";

    /** A Prometheus/Alertmanager duration: one or more number-unit pairs, largest unit first ("1h30m"). */
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private Timings() {
    }

    /** {@code duration} divided by {@link #FACTOR} ("15m" becomes "15s", "30s" becomes "500ms"). */
    static String shorten(final String duration) {
        final long millis = parse(duration).dividedBy(FACTOR).toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    static Duration parse(final String duration) {
        final Matcher part = PART.matcher(duration.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            final long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = part.end();
        }
        if (end == 0 || end != duration.trim().length()) {
            throw new IllegalArgumentException("not a Prometheus duration: '" + duration + "'");
        }
        return total;
    }
}
