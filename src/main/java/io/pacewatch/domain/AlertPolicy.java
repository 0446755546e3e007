package io.pacewatch.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decides whether a new assessment is worth an alert: only when the concern level changes (fine →
 * at risk → behind, and back). Ahead and on pace are the same concern, so moving between them is
 * quiet; "no data" and "not assessable" judge nothing, so they neither alert nor reset what was
 * last judged: the caller passes the last <em>judged</em> status.
 */
public final class AlertPolicy {

    private static final int ID_HEX_CHARS = 32;

    private AlertPolicy() {
    }

    public static Optional<Alert> decide(final PaceStatus lastJudged, final Progress current) {
        return decide(lastJudged, lastJudged, current);
    }

    /**
     * As {@link #decide(PaceStatus, Progress)}, knowing also the last status published, which may be
     * OVERDUE: entering OVERDUE alerts once; when the release lands, a change of pace alerts as usual,
     * and otherwise a RELEASED alert says the missing figure is in (when it can be judged at all).
     */
    public static Optional<Alert> decide(final PaceStatus lastJudged, final PaceStatus lastStatus,
                                         final Progress current) {
        if (current.status() == PaceStatus.OVERDUE) {
            return lastStatus == PaceStatus.OVERDUE ? Optional.empty()
                    : Optional.of(alert(lastStatus, current, AlertKind.OVERDUE, Severity.WARNING));
        }
        final Optional<Alert> paceChange = decidePace(lastJudged, current);
        if (paceChange.isPresent() || lastStatus != PaceStatus.OVERDUE || !current.status().isJudged()) {
            return paceChange;
        }
        return Optional.of(alert(lastStatus, current, AlertKind.RELEASED, Severity.INFO));
    }

    private static Optional<Alert> decidePace(final PaceStatus lastJudged, final Progress current) {
        if (!current.status().isJudged()) {
            return Optional.empty();
        }
        final int before = lastJudged == null || !lastJudged.isJudged() ? 0 : lastJudged.concern();
        final int now = current.status().concern();
        if (before == now) {
            return Optional.empty();
        }
        final AlertKind kind = now > before ? AlertKind.WORSENED : now == 0 ? AlertKind.RECOVERED : AlertKind.IMPROVED;
        final Severity severity = kind != AlertKind.WORSENED ? Severity.INFO
                : current.status() == PaceStatus.BEHIND ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(alert(lastJudged, current, kind, severity));
    }

    private static Alert alert(final PaceStatus previous, final Progress current, final AlertKind kind,
                               final Severity severity) {
        final PaceStatus from = previous == null ? PaceStatus.NO_DATA : previous;
        return new Alert(
                alertId(from, current), current.region(), current.indicator(), current.year(), current.asOfPeriod(),
                from, current.status(), kind, severity, current.updatedAt(),
                "【" + labelZh(kind, severity) + "】" + current.regionDisplayZh() + " " + current.indicatorNameZh() + "由“"
                        + from.labelZh() + "”转为“" + current.status().labelZh() + "”：" + current.messageZh(),
                "[" + severity + "] " + current.regionDisplayEn() + " " + current.indicatorNameEn() + " moved from "
                        + from.labelEn() + " to " + current.status().labelEn() + ": " + current.messageEn(),
                current);
    }

    /**
     * A digest of the transition and of exactly the versions it was computed from: codes only, never
     * the region's names, so renaming a region in the catalogue never makes an alert new.
     */
    static String alertId(final PaceStatus from, final Progress current) {
        final StringBuilder inputs = new StringBuilder()
                .append(new SeriesKey(current.region(), current.indicator(), current.year()).id())
                .append('|').append(current.asOfMonth()).append('|').append(from).append('>').append(current.status())
                .append('|').append(current.targetPublishedAt());
        current.releaseVersions().forEach(v -> inputs.append('|').append(v.period()).append(',').append(v.basis())
                .append(',').append(v.publishedAt()).append(',').append(v.revision()));
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ID_HEX_CHARS);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String labelZh(final AlertKind kind, final Severity severity) {
        return switch (kind) {
            case WORSENED -> severity == Severity.CRITICAL ? "滞后" : "预警";
            case IMPROVED -> "好转";
            case RECOVERED -> "恢复";
            case OVERDUE -> "逾期";
            case RELEASED -> "已发布";
        };
    }
}
