package io.pacewatch.notify;

import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.Judgement;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.Progress;
import io.pacewatch.domain.Severity;
import io.pacewatch.domain.TargetKind;
import io.pacewatch.wire.Topics;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What {@code pacewatch notify --check} prints: the routes as read, each with the message it would send. */
public final class RoutesCheck {

    private RoutesCheck() {
    }

    /** Prints each route with its filter, quiet hours and a sample message body. */
    public static void print(final PrintWriter out, final List<Route> routes, final ReaderView reader) {
        final AlertFormatter formatter = new AlertFormatter(Clock.systemUTC(), reader);
        final Alert sample = sampleAlert();
        final byte[] json = Topics.alerts().valueSerde().serializer().serialize("sample", sample);
        final Inbound in = new Inbound("sample", 0, 0, 0, sample, json);
        out.println(routes.size() + " route(s):");
        for (final Route route : routes) {
            out.println();
            out.println("  " + route);
            out.println("    filter:       " + route.filter());
            out.println("    quiet hours:  " + (route.quietHours() == null ? "none" : route.quietHours()));
            out.println("    min interval: " + Durations.show(route.minInterval()));
            out.println("    signed:       " + (route.secret() == null ? "no" : "yes"));
            if (!route.headers().isEmpty()) {
                out.println("    headers:      " + route.headers().keySet());
            }
            out.println("    sample body:  " + formatter.single(route, in).bodyText());
        }
        out.flush();
    }

    /** The worked example of the domain brief, as the service would raise it for luohu. */
    private static Alert sampleAlert() {
        final Instant at = Instant.parse("2023-07-12T01:30:00Z");
        final String zh = "1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点";
        final String en = "Jan–Jun 2023: 6 billion yuan, 47.2% of the annual target of 12.7 billion yuan, "
                + "2.8 pp behind time progress (50.0%)";
        final Progress figures = new Progress("luohu", "BUDGET_REVENUE", "地方一般公共预算收入",
                "Local general public budget revenue", 2023, 6, "2023-S1", PaceStatus.AT_RISK, PaceStatus.AT_RISK,
                Judgement.AMOUNT_COMPLETION, "亿元", new BigDecimal("60"), null, TargetKind.AMOUNT, new BigDecimal("127"),
                null, new BigDecimal("63.5"), new BigDecimal("0.4724"), new BigDecimal("0.5"), new BigDecimal("-2.76"),
                new BigDecimal("120"), new BigDecimal("67"), null, List.of(), List.of(),
                Instant.parse("2023-01-10T01:00:00Z"), at, zh, en, "罗湖区", "Luohu District", null, null, null, null,
                null, null, null, null, null);
        return new Alert("0123456789abcdef0123456789abcdef", "luohu", "BUDGET_REVENUE", 2023, "2023-S1",
                PaceStatus.ON_PACE, PaceStatus.AT_RISK, AlertKind.WORSENED, Severity.WARNING, at,
                "【预警】罗湖区 地方一般公共预算收入由“正常”转为“预警”：" + zh,
                "[WARNING] Luohu District Local general public budget revenue moved from on pace to at risk: " + en,
                figures);
    }
}
