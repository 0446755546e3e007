package io.pacewatch.topology;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 64-bit FNV-1a hash of a record's content, walked field by field. It must survive restarts, so it
 * never uses {@code hashCode()} of anything holding an enum (identity-based); and it is computed for
 * every month of a series at every release, so it builds no strings (the text form it replaced was
 * a sixth of the stream thread's time in the benchmark).
 */
final class Fingerprint {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final Map<Class<?>, MethodHandle[]> ACCESSORS = new ConcurrentHashMap<>();
    private static final MethodType GENERIC_ACCESSOR = MethodType.methodType(Object.class, Object.class);

    private Fingerprint() {
    }

    static long of(final Object value) {
        return mix(OFFSET_BASIS, value);
    }

    private static long mix(final long hash, final Object value) {
        // Each value starts with a tag of its type, so that null, "" and an empty list differ.
        if (value == null) {
            return mixLong(hash, 0);
        }
        if (value instanceof CharSequence text) {
            long h = mixLong(hash, 1);
            for (int i = 0; i < text.length(); i++) {
                h = (h ^ text.charAt(i)) * PRIME;
            }
            return mixLong(h, text.length());
        }
        if (value instanceof BigDecimal decimal) {
            // 1.0 and 1.00 print differently, so they are different content.
            final BigInteger unscaled = decimal.unscaledValue();
            final long h = mixLong(hash, 2);
            return mixLong(unscaled.bitLength() < Long.SIZE ? mixLong(h, unscaled.longValue())
                    : mix(h, unscaled.toByteArray()), decimal.scale());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return mixLong(mixLong(hash, 3), ((Number) value).longValue());
        }
        if (value instanceof Boolean bool) {
            return mixLong(mixLong(hash, 4), bool ? 1 : 0);
        }
        if (value instanceof Enum<?> constant) {
            return mix(mixLong(hash, 5), constant.name());
        }
        if (value instanceof Instant instant) {
            return mixLong(mixLong(mixLong(hash, 6), instant.getEpochSecond()), instant.getNano());
        }
        if (value instanceof byte[] bytes) {
            long h = mixLong(hash, 7);
            for (final byte b : bytes) {
                h = (h ^ (b & 0xff)) * PRIME;
            }
            return mixLong(h, bytes.length);
        }
        // Lists only: a set's order follows hash codes, which are identity-based for enums.
        if (value instanceof List<?> items) {
            long h = mixLong(hash, 8);
            for (final Object item : items) {
                h = mix(h, item);
            }
            return mixLong(h, items.size());
        }
        if (value instanceof Record record) {
            long h = mix(mixLong(hash, 9), record.getClass().getName());
            for (final MethodHandle accessor : accessors(record.getClass())) {
                h = mix(h, read(accessor, record));
            }
            return h;
        }
        throw new IllegalArgumentException("no stable fingerprint for " + value.getClass().getName());
    }

    private static long mixLong(final long hash, final long value) {
        long h = hash;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            h = (h ^ ((value >>> shift) & 0xff)) * PRIME;
        }
        return h;
    }

    private static MethodHandle[] accessors(final Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, t -> Arrays.stream(t.getRecordComponents())
                .map(Fingerprint::unreflect)
                .toArray(MethodHandle[]::new));
    }

    private static MethodHandle unreflect(final RecordComponent component) {
        try {
            final Method accessor = component.getAccessor();
            // A record declared in a non-public class has no publicly callable accessors.
            accessor.setAccessible(true);
            // Typed (Object)Object once, so each call is an invokeExact with no per-call type adaptation.
            return MethodHandles.lookup().unreflect(accessor).asType(GENERIC_ACCESSOR);
        } catch (final IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("record component not readable: " + component, e);
        }
    }

    private static Object read(final MethodHandle accessor, final Record record) {
        try {
            return (Object) accessor.invokeExact((Object) record);
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
