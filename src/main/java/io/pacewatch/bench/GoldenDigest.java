package io.pacewatch.bench;

import io.pacewatch.wire.DeadLetterHeaders;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a run of pacewatch decided, in a form that two runs (or two builds) can be compared by: the
 * set of alert ids, the content of every progress record still standing (the latest of each key, as
 * the compacted topic keeps it: each series' latest standing and its per-month records), and every
 * dead letter's reason, source and original bytes (or, where no broker runs, each refusal's reason and topic). Order of arrival is left out on purpose: it is
 * what a faster pipeline may change without changing a verdict.
 */
final class GoldenDigest {

    private final TreeSet<String> alertIds = new TreeSet<>();
    /** The bytes as on the topic: at 3,000 regions they are most of a gigabyte, twice that as Java text. */
    private final Map<String, byte[]> progress = new TreeMap<>();
    private final List<String> deadLetters = new ArrayList<>();

    /** A progress record as read off the topic, in order; null is a tombstone. */
    void progress(final String key, final byte[] value) {
        if (value == null) {
            progress.remove(key);
        } else {
            progress.put(key, value);
        }
    }

    void alert(final String id) {
        alertIds.add(id);
    }

    /** An alert as read off the topic: only its id counts, since the id is a digest of what decided it. */
    void alert(final byte[] json) {
        try {
            alert(Json.MAPPER.readTree(json).path("id").asText());
        } catch (final IOException e) {
            throw new IllegalStateException("an alert pacewatch wrote is not JSON", e);
        }
    }

    /** A dead letter: its reason and where the refused record was (topic-partition@offset) from its headers. */
    void deadLetter(final Headers headers, final byte[] key, final byte[] value) {
        deadLetters.add(header(headers, DeadLetterHeaders.REASON_HEADER) + " " + header(headers, "__streams.errors.topic")
                + "-" + header(headers, "__streams.errors.partition") + "@" + header(headers, "__streams.errors.offset")
                + " key=" + base64(key) + " value=" + base64(value));
    }

    /**
     * A refusal without its dead letter's bytes: what a {@code TopologyTestDriver} can see, since it
     * does not pass dead letters on to an output topic. The bench, on a real broker, digests the letters.
     */
    void rejected(final String sourceTopic, final String reason) {
        deadLetters.add(reason + " " + sourceTopic);
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    long alerts() {
        return alertIds.size();
    }

    long progressKeys() {
        return progress.size();
    }

    long deadLetters() {
        return deadLetters.size();
    }

    /** One line per fact, sorted: small loads are checked in as this text, so that a diff shows what moved. */
    String text() {
        final StringBuilder text = new StringBuilder();
        lines((prefix, bytes) -> text.append(prefix).append(new String(bytes, StandardCharsets.UTF_8)).append('\n'));
        return text.toString();
    }

    /** SHA-256 of {@link #text()}'s UTF-8 bytes, computed line by line: what the bench keeps for loads too large to check in. */
    String sha256() {
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        lines((prefix, bytes) -> {
            sha.update(prefix.getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
            sha.update((byte) '\n');
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Every line, in order, as a text prefix and the bytes that end it. */
    private void lines(final java.util.function.BiConsumer<String, byte[]> line) {
        final byte[] none = new byte[0];
        alertIds.forEach(id -> line.accept("alert " + id, none));
        progress.forEach((key, json) -> line.accept("progress " + key + " ", json));
        deadLetters.stream().sorted().forEach(d -> line.accept("dead " + d, none));
    }

    private static String base64(final byte[] bytes) {
        return bytes == null ? "-" : Base64.getEncoder().encodeToString(bytes);
    }
}
