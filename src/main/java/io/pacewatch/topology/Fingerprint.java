package io.pacewatch.topology;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit FNV-1a hash of a record's text form. Records print deterministically (no identity hash
 * codes), so the fingerprint survives restarts, unlike {@code hashCode()} of records holding enums.
 */
final class Fingerprint {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() {
    }

    static long of(final Object value) {
        long hash = OFFSET_BASIS;
        for (final byte b : value.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
