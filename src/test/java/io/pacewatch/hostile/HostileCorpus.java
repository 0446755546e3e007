package io.pacewatch.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The hostile-input corpus, {@code src/test/resources/hostile/releases.jsonl}: one case per line,
 * {@code {"name", "key", "payload" | "payloadBase64" | "payloadGenerator", "expectedReason", ...}}.
 * Lines starting with {@code #} are comments. {@code expectedReason} is a
 * {@link io.pacewatch.domain.RejectionReason} code, or {@code null} for a record that must be
 * accepted (then {@code series} names the series it must show up in).
 *
 * <p>Read with a plain {@link ObjectMapper}, not pacewatch's strict one, so that the corpus itself
 * never depends on the rules under test.
 */
final class HostileCorpus {

    static final String RESOURCE = "/hostile/releases.jsonl";

    /** A valid release, the template of the generated payloads. */
    static final String VALID_TEMPLATE = "{\"region\":\"%s\",\"indicator\":\"BUDGET_REVENUE\",\"period\":\"2023-06\","
            + "\"value\":60,\"unit\":\"亿元\",\"publishedAt\":\"2023-07-15T09:30:00+08:00\",\"source\":\"%s\"%s}";

    private HostileCorpus() {
    }

    /**
     * One hostile record.
     *
     * @param expectedReason the DLQ reason code; null when the record must be accepted
     * @param series         for accepted cases, the series id the record must appear under
     * @param expectedStatus for accepted cases, the status the series must show
     * @param brokerRefuses  the payload is over the broker's message limit: it cannot be sent at all
     * @param publishSkip    why the case cannot be a line of a JSON Lines file, or null
     */
    record Case(int index, String name, String key, byte[] payload, String expectedReason, String series,
                String expectedStatus, boolean brokerRefuses, String publishSkip, String note) {

        boolean accepted() {
            return expectedReason == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> load() {
        final ObjectMapper plain = new ObjectMapper();
        final List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(HostileCorpus.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final JsonNode node = plain.readTree(line);
                cases.add(new Case(cases.size(), node.get("name").asText(), text(node, "key"), payload(node),
                        text(node, "expectedReason"), text(node, "series"), text(node, "expectedStatus"),
                        node.path("brokerRefuses").asBoolean(false), text(node, "publishSkip"), text(node, "note")));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** How many cases expect each reason (accepted cases are not counted). */
    static Map<String, Integer> countByReason(final List<Case> cases) {
        final Map<String, Integer> counts = new TreeMap<>();
        cases.stream().filter(c -> !c.accepted()).forEach(c -> counts.merge(c.expectedReason(), 1, Integer::sum));
        return counts;
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] payload(final JsonNode node) {
        if (node.hasNonNull("payload")) {
            return node.get("payload").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.hasNonNull("payloadBase64")) {
            return Base64.getDecoder().decode(node.get("payloadBase64").asText());
        }
        if (node.hasNonNull("payloadGenerator")) {
            return generate(node.get("payloadGenerator").asText());
        }
        throw new IllegalArgumentException("case " + node.get("name") + " has no payload");
    }

    private static final Map<String, byte[]> GENERATED = new LinkedHashMap<>();

    /**
     * Payloads too big or too deep to write out: {@code nested-N} (N levels of objects in all, inside an
     * unknown field), {@code nested-array-N} (a bare array N deep), {@code long-source-N} (a source of N
     * characters), {@code oversize-N} and {@code exact-N} (a valid release padded with spaces to exactly
     * N bytes; regions {@code hostile-oversize} and {@code hostile-exact64k}).
     */
    static synchronized byte[] generate(final String generator) {
        return GENERATED.computeIfAbsent(generator, HostileCorpus::build).clone();
    }

    private static byte[] build(final String generator) {
        final int dash = generator.lastIndexOf('-');
        final String kind = generator.substring(0, dash);
        final int n = Integer.parseInt(generator.substring(dash + 1));
        return switch (kind) {
            case "nested" -> utf8(String.format(VALID_TEMPLATE, "hostile-nested-" + n, "统计局",
                    ",\"x\":" + "{\"a\":".repeat(n - 1) + "1" + "}".repeat(n - 1)));
            case "nested-array" -> utf8("[".repeat(n) + "]".repeat(n));
            case "long-source" -> utf8(String.format(VALID_TEMPLATE, "hostile-longsource", "s".repeat(n), ""));
            case "oversize" -> padded("hostile-oversize", n);
            case "exact" -> padded("hostile-exact64k", n);
            default -> throw new IllegalArgumentException("unknown payload generator " + generator);
        };
    }

    /** A valid release with spaces before its closing brace, {@code size} bytes in all. */
    static byte[] padded(final String region, final int size) {
        final String json = String.format(VALID_TEMPLATE, region, "统计局", "");
        final int length = utf8(json).length;
        if (size < length) {
            throw new IllegalArgumentException(size + " bytes cannot hold a release of " + length);
        }
        return utf8(json.substring(0, json.length() - 1) + " ".repeat(size - length) + "}");
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
