package io.pacewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacewatch.domain.Alert;
import io.pacewatch.domain.AlertKind;
import io.pacewatch.domain.PaceStatus;
import io.pacewatch.domain.SafeText;
import io.pacewatch.domain.Severity;
import io.pacewatch.wire.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {

    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private final AlertFormatter formatter = new AlertFormatter(FIXED);

    /** Text from the data that tries everything each format could interpret. */
    private static final Alert HOSTILE = TestAlerts.alert("hostile", "luo_hu", "GDP",
            "地区*生产*总值 <@all> [点我](https://evil.example)", "GDP <!channel> & <https://evil.example|click>",
            Severity.CRITICAL, AlertKind.WORSENED, PaceStatus.ON_PACE, PaceStatus.BEHIND,
            "【滞后】luo_hu **粗体** <font color=\"info\">绿</font> `code` # 标题\n> 引用\n<@all> [点我](https://evil.example)",
            "[CRITICAL] luo_hu <!channel> <!here> *bold* _it_ ~strike~ & <https://evil.example|click>\nsecond line");

    private static JsonNode json(final WebhookRequest request) throws Exception {
        return Json.MAPPER.readTree(request.body());
    }

    @Test
    void genericSendsTheAlertJsonAsPublishedWithTheAlertIdAsIdempotencyKey() {
        final Alert alert = TestAlerts.alert("g", "luohu", "BUDGET_REVENUE", Severity.WARNING);
        final Inbound in = TestAlerts.inbound(alert, 0, 7);

        final WebhookRequest request = formatter.single(TestAlerts.route("audit", WebhookType.GENERIC), in);

        assertThat(request.body()).isEqualTo(in.json());
        assertThat(request.uri()).isEqualTo(URI.create("https://receiver.example/audit?key=SECRETKEY"));
        assertThat(request.headers())
                .containsEntry("Idempotency-Key", alert.id())
                .containsEntry("Content-Type", "application/json; charset=utf-8")
                .doesNotContainKey("X-Pacewatch-Signature");
        assertThat(request.idempotencyKey()).isEqualTo(alert.id());
    }

    @Test
    void genericWithASecretSignsTheBodyAndRouteHeadersAreAdded() throws Exception {
        final Route route = new Route("audit", WebhookType.GENERIC, URI.create("https://example.org/hook"), "s3cr3t",
                Map.of("Authorization", "Bearer abc"), RouteFilter.ALL, null, null);
        final Inbound in = TestAlerts.inbound(TestAlerts.alert("g", "luohu", "GDP", Severity.INFO), 0, 1);

        final WebhookRequest request = formatter.single(route, in);

        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final StringBuilder hex = new StringBuilder();
        for (final byte b : mac.doFinal(in.json())) {
            hex.append(String.format("%02x", b));
        }
        assertThat(request.headers()).containsEntry("X-Pacewatch-Signature", "sha256=" + hex)
                .containsEntry("Authorization", "Bearer abc");
    }

    // ---------------------------------------------------------------- read like a message to a leader

    private static final ReaderView SHANGHAI = new ReaderView(ReaderView.DEFAULT_ZONE,
            URI.create("https://pacewatch.example.gov.cn/"), ReaderView.LinkTo.LEADERS_PAGE);
    private final AlertFormatter forLeaders = new AlertFormatter(FIXED, SHANGHAI);

    @Test
    void weComNamesTheRegionGivesTheTimeInTheReadersZoneAndLinksTheSeriesIdsOnlyInTheFooter() throws Exception {
        final Alert alert = TestAlerts.luohuWarning();

        final String content = json(forLeaders.single(TestAlerts.route("leaders", WebhookType.WECOM),
                TestAlerts.inbound(alert, 0, 1))).at("/markdown/content").asText();

        assertThat(content).isEqualTo("""
                <font color="warning">**预警 WARNING**</font> 【预警】罗湖区 地方一般公共预算收入由“正常”转为“预警”：1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点
                <font color="comment">[WARNING] Luohu District Local general public budget revenue moved from on pace to at risk: Jan–Jun 2023: 6 billion yuan, 47.2% of the annual target of 12.7 billion yuan</font>
                更新于 7月12日 09:30 · [查看详情 Details](https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023)
                > pacewatch · `luohu|BUDGET_REVENUE|2023` · 2023-S1 · id `ALERT_ID`""".replace("ALERT_ID", alert.id()));
        assertThat(content).doesNotContain("2023-07-12T01:30:00Z");
    }

    @Test
    void dingTalkNamesTheRegionInTitleHeadingAndLines() throws Exception {
        final Alert alert = TestAlerts.luohuWarning();

        final JsonNode body = json(forLeaders.single(TestAlerts.route("finance", WebhookType.DINGTALK),
                TestAlerts.inbound(alert, 0, 1)));

        assertThat(body.at("/markdown/title").asText()).isEqualTo("[WARNING] 罗湖区 地方一般公共预算收入");
        assertThat(body.at("/markdown/text").asText()).isEqualTo("#### 预警 WARNING · 罗湖区 · 地方一般公共预算收入 · 2023\n\n"
                + "【预警】罗湖区 地方一般公共预算收入由“正常”转为“预警”：1-6月累计完成60亿元，完成年度目标127亿元的47.2%，低于序时进度2.8个百分点\n\n"
                + "[WARNING] Luohu District Local general public budget revenue moved from on pace to at risk: Jan–Jun 2023: "
                + "6 billion yuan, 47.2% of the annual target of 12.7 billion yuan\n\n"
                + "更新于 7月12日 09:30 · [查看详情 Details](https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023)\n\n"
                + "> pacewatch · `luohu|BUDGET_REVENUE|2023` · 2023-S1 · id `" + alert.id() + "`");
    }

    @Test
    void timesFollowTheReadersZoneAndWithoutAPublicUrlThereIsNoLink() throws Exception {
        final AlertFormatter inUtc = new AlertFormatter(FIXED, new ReaderView(ZoneOffset.UTC, null,
                ReaderView.LinkTo.LEADERS_PAGE));

        final String content = json(inUtc.single(TestAlerts.route("leaders", WebhookType.WECOM),
                TestAlerts.inbound(TestAlerts.luohuWarning(), 0, 1))).at("/markdown/content").asText();

        assertThat(content.lines().toList().get(2)).isEqualTo("更新于 7月12日 01:30");
        assertThat(content).doesNotContain("](http");
    }

    @Test
    void grafanaLinksOpenTheIndicatorDetailAndNoneLinksNothing() {
        final Alert alert = TestAlerts.luohuWarning();
        final URI stack = URI.create("http://10.1.2.3");

        assertThat(new ReaderView(ReaderView.DEFAULT_ZONE, stack, ReaderView.LinkTo.GRAFANA).link(alert)).contains(
                URI.create("http://10.1.2.3:3000/d/pacewatch-indicator?var-region=luohu&var-year=2023&var-indicator=BUDGET_REVENUE"));
        assertThat(new ReaderView(ReaderView.DEFAULT_ZONE, stack, ReaderView.LinkTo.NONE).link(alert)).isEmpty();
    }

    @Test
    void thePublicUrlIsTheStacksAddressWithoutPortOrPath() {
        for (final String bad : List.of("http://host:8080", "https://host/leaders", "ftp://host", "host", "http://h/?a=1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReaderView(ReaderView.DEFAULT_ZONE, URI.create(bad),
                    ReaderView.LinkTo.LEADERS_PAGE)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void genericKeepsTheAlertByteForByteAndCarriesTheLinkAsAHeader() throws Exception {
        final Alert alert = TestAlerts.luohuWarning();
        final Inbound in = TestAlerts.inbound(alert, 0, 1);

        final WebhookRequest request = forLeaders.single(TestAlerts.route("audit", WebhookType.GENERIC), in);

        assertThat(request.body()).isEqualTo(in.json());
        assertThat(json(request).at("/figures/regionNameZh").asText()).isEqualTo("罗湖区");
        assertThat(json(request).at("/figures/regionNameEn").asText()).isEqualTo("Luohu District");
        assertThat(request.headers()).containsEntry("Link",
                "<https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023>; rel=\"related\"");
        assertThat(formatter.single(TestAlerts.route("audit", WebhookType.GENERIC), in).headers()).doesNotContainKey("Link");
    }

    @Test
    void slackHeaderNamesTheRegionAndAButtonOpensTheSeries() throws Exception {
        final JsonNode blocks = json(forLeaders.single(TestAlerts.route("analysts", WebhookType.SLACK),
                TestAlerts.inbound(TestAlerts.luohuWarning(), 0, 1))).get("blocks");

        assertThat(blocks.at("/0/text/text").asText()).isEqualTo("WARNING · Luohu District · Local general public budget revenue 2023");
        assertThat(blocks.at("/3/type").asText()).isEqualTo("actions");
        assertThat(blocks.at("/3/elements/0/url").asText()).isEqualTo("https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023");
        assertThat(blocks.at("/4/elements/0/text").asText()).startsWith("更新于 7月12日 09:30 · pacewatch · luohu|BUDGET_REVENUE|2023");
    }

    @Test
    void markdownDigestsGiveTimeAndLinkPerAlertAndTheSeriesKeysInTheFooter() throws Exception {
        final List<Inbound> held = List.of(TestAlerts.inbound(TestAlerts.luohuWarning(), 0, 1));

        final String content = json(forLeaders.digest(TestAlerts.route("w", WebhookType.WECOM, RouteFilter.ALL,
                QuietHours.parse("22:00-07:00", null, null)), held).request()).at("/markdown/content").asText();

        assertThat(content.lines().toList().get(3)).startsWith("<font color=\"comment\">[WARNING] Luohu District ")
                .endsWith("</font> · 更新于 7月12日 09:30 · [查看详情 Details](https://pacewatch.example.gov.cn:8080/?region=luohu&year=2023)");
        assertThat(content.lines().toList().get(4)).isEqualTo("> pacewatch · `luohu|BUDGET_REVENUE|2023`");
    }

    @Test
    void bodySignatureMatchesAKnownVector() {
        // printf '{"a":1}' | openssl dgst -sha256 -hmac s3cr3t
        assertThat(Signatures.bodySignature("s3cr3t", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=d42927434049e0b8c73ce887062238cc1c6bb6644bfe66e66d8dd0f30b85679e");
    }

    @Test
    void weComGetsMarkdownWithinItsLimitAndDataCannotFormatOrMention() throws Exception {
        final WebhookRequest request = formatter.single(TestAlerts.route("leaders", WebhookType.WECOM),
                TestAlerts.inbound(HOSTILE, 0, 1));

        final JsonNode body = json(request);
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.at("/markdown").size()).isEqualTo(1);
        final String content = body.at("/markdown/content").asText();
        assertThat(content).startsWith("<font color=\"warning\">**严重 CRITICAL**</font> 【滞后】luo＿hu ＊＊粗体＊＊ ");
        // Our own markup only: the data's tags, mention, link, code and line breaks are inert.
        assertThat(content.split("<font", -1)).hasSize(3);
        assertThat(content).doesNotContain("<@all>", "[点我]", "](https", "`code`", "\n> 引用", "**粗体**")
                .contains("＜@all＞", "[点我］(https://evil.example)", "｀code｀", "＃ 标题\\u000A＞ 引用");
        assertThat(content.lines()).hasSize(4);
        assertThat(content.lines().toList().get(2)).isEqualTo("更新于 7月12日 09:30");
        assertThat(content.lines().toList().get(3))
                .isEqualTo("> pacewatch · `luo_hu|GDP|2023` · 2023-S1 · id `" + HOSTILE.id() + "`");
        assertThat(TextEscapes.utf8Length(content)).isLessThanOrEqualTo(AlertFormatter.WECOM_MAX_BYTES);
        assertThat(request.headers()).containsEntry("Idempotency-Key", HOSTILE.id());
    }

    @Test
    void aVeryLongAlertIsCutToWeComsLimit() throws Exception {
        final Alert longAlert = TestAlerts.alert("long", "luohu", "GDP", "名", "name", Severity.WARNING,
                AlertKind.WORSENED, PaceStatus.ON_PACE, PaceStatus.AT_RISK, "很长".repeat(3000), "long ".repeat(3000));
        final String content = json(formatter.single(TestAlerts.route("w", WebhookType.WECOM),
                TestAlerts.inbound(longAlert, 0, 1))).at("/markdown/content").asText();
        assertThat(TextEscapes.utf8Length(content)).isLessThanOrEqualTo(4096).isGreaterThan(4000);
        assertThat(content).endsWith("…");
    }

    @Test
    void dingTalkGetsTitleAndMarkdownAndASignedUrlWhenItHasASecret() throws Exception {
        final Route route = new Route("finance", WebhookType.DINGTALK,
                URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc123"), "SECexample0123456789",
                Map.of(), RouteFilter.ALL, null, null);

        final WebhookRequest request = formatter.single(route, TestAlerts.inbound(HOSTILE, 0, 1));

        // Computed independently: python3 hmac.new(secret, "1700000000000\nSECexample0123456789", sha256),
        // base64, urllib.parse.quote_plus.
        assertThat(request.uri().toString()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc123"
                + "&timestamp=1700000000000&sign=figG6qqCA%2FlRh0hsGCW2zNtNV5znkAFut5BI0zKhqnQ%3D");
        // And once more with the JDK, as DingTalk's documentation writes it.
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("SECexample0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String sign = URLEncoder.encode(Base64.getEncoder().encodeToString(
                mac.doFinal("1700000000000\nSECexample0123456789".getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
        assertThat(request.uri().toString()).endsWith("&sign=" + sign);

        final JsonNode body = json(request);
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.at("/markdown/title").asText()).isEqualTo("[CRITICAL] luo_hu 地区*生产*总值 <@all> [点我](https://evil.example)");
        final String text = body.at("/markdown/text").asText();
        assertThat(text).startsWith("#### 严重 CRITICAL · luo＿hu · 地区＊生产＊总值 ＜@all＞ [点我］(https://evil.example) · 2023\n\n");
        assertThat(text).doesNotContain("<@all>", "[点我]", "**粗体**", "<!channel>").contains("pacewatch");
        assertThat(text.split("\n\n")).hasSize(5);
    }

    @Test
    void dingTalkWithoutASecretIsNotSignedAndAUrlWithoutQueryGetsOne() {
        final Route plain = new Route("d", WebhookType.DINGTALK, URI.create("https://oapi.dingtalk.com/robot/send?access_token=x"),
                null, Map.of(), RouteFilter.ALL, null, null);
        final Route proxied = new Route("d", WebhookType.DINGTALK, URI.create("https://proxy.example/dingtalk"),
                "SECexample0123456789", Map.of(), RouteFilter.ALL, null, null);
        final Inbound in = TestAlerts.inbound(TestAlerts.alert("d", "luohu", "GDP", Severity.INFO), 0, 1);

        assertThat(formatter.single(plain, in).uri().toString()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=x");
        assertThat(formatter.single(proxied, in).uri().toString())
                .startsWith("https://proxy.example/dingtalk?timestamp=1700000000000&sign=");
    }

    @Test
    void slackGetsEscapedFallbackTextAndPlainTextBlocks() throws Exception {
        final JsonNode body = json(formatter.single(TestAlerts.route("analysts", WebhookType.SLACK),
                TestAlerts.inbound(HOSTILE, 0, 1)));

        final String text = body.get("text").asText();
        assertThat(text).startsWith("[CRITICAL] luo_hu &lt;!channel&gt; &lt;!here&gt; *bold* _it_ ~strike~ &amp; "
                + "&lt;https://evil.example|click&gt;\\u000Asecond line\n【滞后】");
        assertThat(text).doesNotContain("<!channel>", "<!here>", "<https");

        final JsonNode blocks = body.get("blocks");
        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo("CRITICAL · luo_hu · GDP <!channel> & <https://evil.example|click> 2023");
        assertThat(blocks.get(1).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(1).at("/text/text").asText()).isEqualTo(SafeText.escape(HOSTILE.messageZh()));
        assertThat(blocks.get(2).at("/text/text").asText()).contains("<!channel>").doesNotContain("\n");
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).at("/elements/0/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(3).at("/elements/0/text").asText()).contains("luo_hu|GDP|2023", HOSTILE.id());
        for (final JsonNode block : blocks) {
            assertThat(block.toString()).doesNotContain("mrkdwn");
        }
    }

    @Test
    void slackHeaderIsCutTo150Characters() throws Exception {
        final Alert alert = TestAlerts.alert("h", "luohu", "GDP", "名", "n".repeat(400), Severity.INFO,
                AlertKind.RECOVERED, PaceStatus.AT_RISK, PaceStatus.ON_PACE, "zh", "en");
        final JsonNode body = json(formatter.single(TestAlerts.route("s", WebhookType.SLACK), TestAlerts.inbound(alert, 0, 1)));
        assertThat(body.at("/blocks/0/text/text").asText()).hasSize(150).endsWith("…");
    }

    @Test
    void digestsCarryAsManyAlertsAsFitAndAKeyThatDependsOnlyOnThem() throws Exception {
        final List<Inbound> held = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            held.add(TestAlerts.inbound(TestAlerts.alert("d" + i, "luohu", "GDP", Severity.INFO), 0, i));
        }
        final QuietHours night = QuietHours.parse("22:00-07:00", null, null);

        final AlertFormatter.FormattedDigest generic = formatter.digest(
                TestAlerts.route("g", WebhookType.GENERIC, RouteFilter.ALL, night), held);
        assertThat(generic.count()).isEqualTo(100);
        final JsonNode genericBody = json(generic.request());
        assertThat(genericBody.get("digest").asBoolean()).isTrue();
        assertThat(genericBody.get("alerts")).hasSize(100);
        assertThat(genericBody.at("/alerts/0")).isEqualTo(Json.MAPPER.readTree(held.get(0).json()));
        assertThat(generic.request().idempotencyKey()).startsWith("digest-").hasSize(39)
                .isEqualTo(AlertFormatter.digestKey(held.subList(0, 100)))
                .isNotEqualTo(AlertFormatter.digestKey(held.subList(1, 101)));
        assertThat(generic.request().headers()).containsEntry("Idempotency-Key", generic.request().idempotencyKey());

        final AlertFormatter.FormattedDigest wecom = formatter.digest(
                TestAlerts.route("w", WebhookType.WECOM, RouteFilter.ALL, night), held);
        final String content = json(wecom.request()).at("/markdown/content").asText();
        assertThat(wecom.count()).isBetween(2, 20);
        assertThat(TextEscapes.utf8Length(content)).isLessThanOrEqualTo(AlertFormatter.WECOM_MAX_BYTES);
        assertThat(content).startsWith("**pacewatch 免打扰时段汇总 · " + wecom.count() + " 条**\n> Quiet-hours digest: "
                + wecom.count() + " alerts (" + (120 - wecom.count()) + " more follow) · 22:00–07:00 Asia/Shanghai\n1. ");

        final AlertFormatter.FormattedDigest dingtalk = formatter.digest(
                TestAlerts.route("d", WebhookType.DINGTALK, RouteFilter.ALL, night), held);
        assertThat(json(dingtalk.request()).at("/markdown/title").asText()).startsWith("pacewatch 免打扰时段汇总 · ");
        assertThat(TextEscapes.utf8Length(json(dingtalk.request()).at("/markdown/text").asText()))
                .isLessThanOrEqualTo(AlertFormatter.DINGTALK_MAX_BYTES);

        final AlertFormatter.FormattedDigest slack = formatter.digest(
                TestAlerts.route("s", WebhookType.SLACK, RouteFilter.ALL, night), held);
        assertThat(slack.count()).isEqualTo(45);
        assertThat(json(slack.request()).get("blocks")).hasSize(47);
    }

    @Test
    void aSingleAlertDigestStillFits() throws Exception {
        final Inbound one = TestAlerts.inbound(HOSTILE, 0, 1);
        final AlertFormatter.FormattedDigest digest = formatter.digest(TestAlerts.route("w", WebhookType.WECOM,
                RouteFilter.ALL, QuietHours.parse("22:00-07:00", null, null)), List.of(one));
        assertThat(digest.count()).isEqualTo(1);
        final String content = json(digest.request()).at("/markdown/content").asText();
        assertThat(content).contains("1 alert · ").doesNotContain("<@all>", "more follow");
    }

    @Test
    void textEscapesAreWhatEachFormatNeeds() {
        assertThat(TextEscapes.markdown("a*b_c`d[e]f<g>h~i#j|k&l\\m")).isEqualTo("a＊b＿c｀d[e]f＜g＞h～i＃j｜k＆l＼m");
        assertThat(TextEscapes.markdown("[WARNING] [a](b) ![i](x) [r][1]")).isEqualTo("[WARNING] [a］(b) ![i］(x) [r］[1]");
        assertThat(TextEscapes.markdown("- item")).isEqualTo("－ item");
        assertThat(TextEscapes.markdown("+ item - 2")).isEqualTo("＋ item - 2");
        assertThat(TextEscapes.markdown("12. x 1.5")).isEqualTo("12． x 1.5");
        assertThat(TextEscapes.markdown("3) x")).isEqualTo("3） x");
        assertThat(TextEscapes.markdown("    # indented")).isEqualTo("＃ indented");
        assertThat(TextEscapes.markdown("line\nbreak\u202Eevil")).isEqualTo("line\\u000Abreak\\u202Eevil");
        assertThat(TextEscapes.slack("<!channel> & <b>")).isEqualTo("&lt;!channel&gt; &amp; &lt;b&gt;");
        assertThat(TextEscapes.code("a`b|c")).isEqualTo("a｀b|c");
        assertThat(TextEscapes.cutBytes("汉字汉字", 9)).isEqualTo("汉字…");
        assertThat(TextEscapes.cut("abcdef", 4)).isEqualTo("abc…");
    }
}
