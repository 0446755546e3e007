package io.pacewatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong entity tags (RFC 9110 §8.8.3) computed from an answer's bytes, and the If-None-Match check. */
final class EntityTags {

    private EntityTags() {
    }

    /** @param variant what else distinguishes the answer (e.g. whether it is partial); may be null */
    static String of(final byte[] body, final String variant) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            if (variant != null) {
                sha.update(variant.getBytes(StandardCharsets.UTF_8));
            }
            final byte[] digest = sha.digest();
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18))
                    + "\"";
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Whether an If-None-Match header names this tag: a list of tags or {@code *}, compared weakly as
     * the RFC asks for If-None-Match (a {@code W/} prefix is ignored).
     */
    static boolean matches(final String ifNoneMatch, final String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (final String candidate : ifNoneMatch.split(",")) {
            final String trimmed = candidate.trim();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
