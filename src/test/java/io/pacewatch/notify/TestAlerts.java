package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Severity;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.wire.Topics;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts, routes and inbound records for the notify tests. */
final class TestAlerts {

    static final String TOPIC = "alerts-test";

    private TestAlerts() {
    }

    /** A 32-hex-digit id derived from a label, so tests can name their alerts. */
    static String id(final String label) {
        return String.format("%032x", new java.math.BigInteger(1, label.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .mod(java.math.BigInteger.ONE.shiftLeft(128)));
    }

    static Alert alert(final String label, final String region, final String indicator, final Severity severity) {
        final PaceStatus status = switch (severity) {
            case CRITICAL -> PaceStatus.BEHIND;
            case WARNING -> PaceStatus.AT_RISK;
            case INFO -> PaceStatus.ON_PACE;
        };
        final AlertKind kind = severity == Severity.INFO ? AlertKind.RECOVERED : AlertKind.WORSENED;
        final PaceStatus previous = severity == Severity.INFO ? PaceStatus.AT_RISK : PaceStatus.ON_PACE;
        return alert(label, region, indicator, "地方一般公共预算收入", "Local general public budget revenue", severity,
                kind, previous, status,
                "【" + status.labelZh() + "】" + region + " 地方一般公共预算收入由“" + previous.labelZh() + "”转为“"
                        + status.labelZh() + "”：1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点",
                "[" + severity + "] " + region + " Local general public budget revenue moved from " + previous.labelEn()
                        + " to " + status.labelEn() + ": Jan–Jun 2023: 6 billion yuan, 47.2% of the annual target");
    }

    static Alert alert(final String label, final String region, final String indicator, final String nameZh,
                       final String nameEn, final Severity severity, final AlertKind kind, final PaceStatus previous,
                       final PaceStatus status, final String messageZh, final String messageEn) {
        final Instant at = Instant.parse("2023-07-12T01:30:00Z");
        final Progress figures = new Progress(region, indicator, nameZh, nameEn, 2023, 6, "2023-S1", status,
                status, Judgement.AMOUNT_COMPLETION, "亿元", new BigDecimal("60"), null, TargetKind.AMOUNT, new BigDecimal("127"),
                null, new BigDecimal("63.5"), new BigDecimal("0.4724"), new BigDecimal("0.5"), new BigDecimal("-2.76"),
                new BigDecimal("120"), new BigDecimal("67"), null, List.of(), List.of(),
                Instant.parse("2023-01-10T01:00:00Z"), at, "1-6月累计完成60亿元", "Jan–Jun 2023: 6 billion yuan", null, null,
                null, null, null, null,
                null, null, null, null, null);
        return new Alert(id(label), region, indicator, 2023, "2023-S1", previous, status, kind, severity, at,
                messageZh, messageEn, figures);
    }

    /** The worked example as the service raises it for luohu, named by the bundled region catalogue. */
    static Alert luohuWarning() {
        final Alert plain = alert("luohu-warning", "luohu", "BUDGET_REVENUE", "地方一般公共预算收入",
                "Local general public budget revenue", Severity.WARNING, AlertKind.WORSENED, PaceStatus.ON_PACE,
                PaceStatus.AT_RISK,
                "【预警】罗湖区 地方一般公共预算收入由“正常”转为“预警”：1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点",
                "[WARNING] Luohu District Local general public budget revenue moved from on pace to at risk: Jan–Jun 2023: "
                        + "6 billion yuan, 47.2% of the annual target of 12.7 billion yuan");
        final Progress f = plain.figures();
        final Progress named = new Progress(f.region(), f.indicator(), f.indicatorNameZh(), f.indicatorNameEn(), f.year(),
                f.asOfMonth(), f.asOfPeriod(), f.status(), f.judgedStatus(), f.judgedOn(), f.unit(), f.ytdValue(),
                f.cumulativeGrowthPercent(), f.targetKind(), f.targetValue(), f.impliedTargetGrowthPercent(),
                f.expectedAtPace(), f.completionRatio(), f.timeProgress(), f.gapPp(), f.projectedYearEnd(),
                f.remainingToTarget(), f.requiredRestOfYearGrowthPercent(), f.missingMonths(), f.releaseVersions(),
                f.targetPublishedAt(), f.updatedAt(), f.messageZh(), f.messageEn(), "罗湖区", "Luohu District",
                null, null, null, null,
                f.priorYearShare(), f.priorYearGapPp(), f.linearTimeProgress(), f.linearGapPp(), f.priorYearFallback());
        return new Alert(plain.id(), plain.region(), plain.indicator(), plain.year(), plain.period(),
                plain.previousStatus(), plain.status(), plain.kind(), plain.severity(), plain.occurredAt(),
                plain.messageZh(), plain.messageEn(), named);
    }

    static byte[] json(final Alert alert) {
        return Topics.alerts().valueSerde().serializer().serialize(TOPIC, alert);
    }

    static Inbound inbound(final Alert alert, final int partition, final long offset) {
        return new Inbound(TOPIC, partition, offset, 1_000_000L + offset, alert, json(alert));
    }

    /** Raised (record timestamp) at {@code raised}. */
    static Inbound inbound(final Alert alert, final int partition, final long offset, final Instant raised) {
        return new Inbound(TOPIC, partition, offset, raised.toEpochMilli(), alert, json(alert));
    }

    static Route route(final String name, final WebhookType type) {
        return new Route(name, type, URI.create("https://receiver.example/" + name + "?key=SECRETKEY"), null, Map.of(),
                RouteFilter.ALL, null, Duration.ZERO);
    }

    static Route route(final String name, final WebhookType type, final RouteFilter filter, final QuietHours quiet) {
        return new Route(name, type, URI.create("https://receiver.example/" + name + "?key=SECRETKEY"), null, Map.of(),
                filter, quiet, Duration.ZERO);
    }
}
