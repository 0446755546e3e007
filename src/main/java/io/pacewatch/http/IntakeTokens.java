package io.pacewatch.http;

import com.fasterxml.jackson.core.JacksonException;
import io.pacewatch.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's tokens, from a JSON file of {@code {"tokens":[{"name","sha256","regions":[...]}]}}
 * (docs/http-api.md). Only SHA-256 hashes are stored: a leaked file lets no one publish. A presented
 * token is hashed and compared with every entry by {@link MessageDigest#isEqual} without stopping at a
 * match, so the answer's timing tells nothing about how close a guess was. The file is read again when
 * its modification time or size changes (checked on each request), so tokens can be added and revoked
 * without a restart; a file that no longer reads refuses every token (fail closed) until it is fixed.
 * Neither tokens nor hashes are ever logged.
 */
public final class IntakeTokens {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeTokens.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private Snapshot current;

    private IntakeTokens(final Path file, final Snapshot first) {
        this.file = file;
        this.current = first;
    }

    /**
     * Reads the file once, so that a mistake stops the service at start rather than at the first request.
     *
     * @throws IllegalArgumentException if the file cannot be read or is not a valid token file
     */
    public static IntakeTokens load(final Path file) {
        final Snapshot first;
        try {
            first = Snapshot.read(file);
        } catch (final IOException e) {
            throw new IllegalArgumentException("intake tokens " + file + ": " + describe(e), e);
        }
        LOG.info("intake tokens: {} token(s) from {}", first.entries.size(), file);
        return new IntakeTokens(file, first);
    }

    /** A new random token (32 bytes, URL-safe Base64): what the sender keeps; store only its {@link #sha256}. */
    public static String newToken() {
        final byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of the token's UTF-8 bytes, as the token file stores it. */
    public static String sha256(final String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    /** The grant of {@code token}, if it is one of the file's; empty for any other. */
    public Optional<IntakeGrant> grantOf(final String token) {
        final Snapshot tokens = fresh();
        if (tokens.failure != null) {
            throw new ApiException(503, "the intake's token file cannot be read (" + tokens.failure
                    + "); ask the operator to fix it");
        }
        final byte[] presented = digest(token);
        IntakeGrant match = null;
        for (final Entry entry : tokens.entries) {
            // No early exit: every entry is compared, whatever matches.
            if (MessageDigest.isEqual(entry.sha256, presented)) {
                match = entry.grant;
            }
        }
        return Optional.ofNullable(match);
    }

    private synchronized Snapshot fresh() {
        final Stamp now = Stamp.of(file);
        if (!now.equals(current.stamp)) {
            try {
                current = Snapshot.read(file);
                LOG.info("intake tokens: reloaded {} token(s) from {}", current.entries.size(), file);
            } catch (final IOException e) {
                current = Snapshot.failed(now, describe(e));
                LOG.error("intake tokens: {} no longer reads ({}); every token is refused until it is fixed", file,
                        current.failure);
            }
        }
        return current;
    }

    private static byte[] digest(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Jackson's message may quote the file's content, which holds hashes: only its first line, and no excerpt of it. */
    private static String describe(final IOException e) {
        if (e instanceof JacksonException json) {
            // Jackson quotes the text it stumbled on, which may be a token or a hash pasted in the wrong place.
            return "not a valid token file: " + json.getOriginalMessage().lines().findFirst().orElse("unreadable JSON")
                    .replaceAll("'[^']*'", "'…'").replaceAll("[A-Za-z0-9_+/=-]{16,}", "…");
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** When the file last changed, as far as its attributes tell. */
    private record Stamp(FileTime modified, long size) {

        static Stamp of(final Path file) {
            try {
                final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime(), attributes.size());
            } catch (final IOException e) {
                return new Stamp(null, -1);
            }
        }
    }

    private record Entry(IntakeGrant grant, byte[] sha256) {
    }

    private record Snapshot(Stamp stamp, List<Entry> entries, String failure) {

        static Snapshot failed(final Stamp stamp, final String failure) {
            return new Snapshot(stamp, List.of(), failure);
        }

        static Snapshot read(final Path file) throws IOException {
            final Stamp stamp = Stamp.of(file);
            final TokenFile parsed = Json.MAPPER.readValue(Files.readAllBytes(file), TokenFile.class);
            if (parsed == null || parsed.tokens == null) {
                throw new IOException("not a valid token file: it must be {\"tokens\": [...]}");
            }
            final List<Entry> entries = new ArrayList<>();
            final Set<String> names = new HashSet<>();
            final Set<String> hashes = new HashSet<>();
            for (int i = 0; i < parsed.tokens.size(); i++) {
                final TokenEntry entry = parsed.tokens.get(i);
                final String where = "tokens[" + i + "]";
                if (entry == null || entry.name == null || !NAME.matcher(entry.name).matches()) {
                    throw new IOException(where + ": name must be 1 to 64 letters, digits, '_', '-' or '.'");
                }
                final String hash = entry.sha256 == null ? "" : entry.sha256.toLowerCase(Locale.ROOT);
                if (!SHA256.matcher(hash).matches()) {
                    throw new IOException(where + " (" + entry.name + "): sha256 must be 64 hexadecimal digits,"
                            + " the hash of the token, never the token itself");
                }
                if (entry.regions == null || entry.regions.isEmpty()
                        || entry.regions.stream().anyMatch(r -> r == null || r.isBlank())) {
                    throw new IOException(where + " (" + entry.name + "): regions must list at least one region,"
                            + " or \"*\" for all");
                }
                if (!names.add(entry.name)) {
                    throw new IOException(where + ": the name " + entry.name + " is used twice");
                }
                if (!hashes.add(hash)) {
                    throw new IOException(where + " (" + entry.name + "): the same token is listed twice");
                }
                entries.add(new Entry(new IntakeGrant(entry.name, Set.copyOf(entry.regions)),
                        HexFormat.of().parseHex(hash)));
            }
            return new Snapshot(stamp, List.copyOf(entries), null);
        }
    }

    /** The file as written; strict like every pacewatch JSON (unknown fields and duplicate keys refused). */
    private record TokenFile(List<TokenEntry> tokens) {
    }

    private record TokenEntry(String name, String sha256, List<String> regions) {
    }
}
