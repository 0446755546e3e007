package io.pacewatch.wire;

import io.pacewatch.domain.AmountUnit;
import io.pacewatch.domain.Basis;
import io.pacewatch.domain.CumulativeCurve;
import io.pacewatch.domain.ReferencePeriod;
import io.pacewatch.domain.Release;
import io.pacewatch.domain.ReleaseHistory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The series state store's own binary layout: a small versioned record written field by field. Every
 * release decodes and re-encodes its series' state, and Smile through Jackson's data binding spent
 * about a ninth of the stream thread's time on it in the benchmark (reflection, a decimal and an
 * instant object per field); this layout costs a few microseconds a value.
 * <p>
 * A value starts with {@link #MAGIC} and a layout version, so it is told apart from the Smile values
 * earlier builds wrote ({@code :)\n}), which still read. The readers' part ({@link SeriesVersions}: every
 * version, then last year's curve) comes first, so a reader stops there; the judge writes what it keeps
 * beside it after, with the same primitives. Strings are written once per value and referred to by
 * index after that (the region, indicator and source repeat in every version). Writing the same state
 * twice gives the same bytes: readers tell an unchanged series by its bytes.
 */
public final class StateBytes {

    /** Neither {@code {} (JSON) nor {@code :} (Smile) nor anything else a text or Smile value starts with. */
    static final byte MAGIC = (byte) 0xB5;
    static final byte VERSION = 1;

    private static final int NULL = 0;
    private static final int LONG = 1;
    private static final int BIG = 2;

    private StateBytes() {
    }

    public static boolean isBinary(final byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == MAGIC;
    }

    public static Writer writer() {
        return new Writer();
    }

    /**
     * A reader positioned after the header; a value of another layout version is refused, not misread,
     * with an {@link UnreadableStateException} that stops the stream thread (a newer build wrote it).
     */
    public static Reader reader(final byte[] bytes) {
        if (!isBinary(bytes)) {
            throw new SerializationException("not a binary series state");
        }
        if (bytes[1] != VERSION) {
            throw new UnreadableStateException("series state in binary layout version " + bytes[1]
                    + ", which this build does not read (it reads version " + VERSION + "): run the build that wrote it,"
                    + " or reset as docs/topics.md (\"Upgrading\") says");
        }
        return new Reader(ByteBuffer.wrap(bytes, 2, bytes.length - 2));
    }

    /** Appends fields in order; {@link #bytes()} ends it. */
    public static final class Writer {
        /**
         * A byte array of our own rather than a ByteArrayOutputStream: every write of that is a
         * synchronized call, and the varints are written a byte at a time (5% of the stream thread's
         * samples in the 3,000-region backfill were in those writes).
         */
        private byte[] out = new byte[512];
        private int size;
        private final Map<String, Integer> strings = new HashMap<>();

        private Writer() {
            put(MAGIC);
            put(VERSION);
        }

        private void put(final int b) {
            if (size == out.length) {
                out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = (byte) b;
        }

        private void put(final byte[] bytes) {
            if (size + bytes.length > out.length) {
                out = Arrays.copyOf(out, Math.max(size * 2, size + bytes.length));
            }
            System.arraycopy(bytes, 0, out, size, bytes.length);
            size += bytes.length;
        }

        /** The readers' part: every version, then last year's curve (or none). */
        public Writer versions(final ReleaseHistory history, final CumulativeCurve priorYear) {
            unsigned(history.versions().size());
            for (final Release release : history.versions()) {
                release(release);
            }
            present(priorYear != null);
            if (priorYear != null) {
                signed(priorYear.year());
                unsigned(priorYear.points().size());
                for (final CumulativeCurve.Point point : priorYear.points()) {
                    unsigned(point.month());
                    decimal(point.cumulative());
                }
                instant(priorYear.updatedAt());
            }
            return this;
        }

        private void release(final Release release) {
            string(release.region());
            string(release.indicator());
            final ReferencePeriod period = release.period();
            signed(period.year());
            unsigned(period.firstMonth());
            unsigned(period.lastMonth());
            constant(release.basis());
            decimal(release.value());
            constant(release.unit());
            decimal(release.growthPercent());
            instant(release.publishedAt());
            signed(release.revision());
            string(release.source());
            instant(release.embargoUntil());
        }

        public Writer present(final boolean present) {
            put(present ? 1 : 0);
            return this;
        }

        /** An enum constant by name (stable when constants are added or reordered), or null. */
        public Writer constant(final Enum<?> constant) {
            return string(constant == null ? null : constant.name());
        }

        /** A string, or null: index + 1 of a string written before, or 0 then the new string. */
        public Writer string(final String text) {
            present(text != null);
            if (text == null) {
                return this;
            }
            final Integer seen = strings.get(text);
            if (seen != null) {
                unsigned(seen + 1);
                return this;
            }
            strings.put(text, strings.size());
            unsigned(0);
            final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length);
            put(utf8);
            return this;
        }

        /** Unscaled value and scale, so 1.0 and 1.00 stay apart; null is a tag of its own. */
        public Writer decimal(final BigDecimal value) {
            if (value == null) {
                put(NULL);
                return this;
            }
            final BigInteger unscaled = value.unscaledValue();
            if (unscaled.bitLength() < Long.SIZE) {
                put(LONG);
                signed(unscaled.longValue());
            } else {
                put(BIG);
                final byte[] twosComplement = unscaled.toByteArray();
                unsigned(twosComplement.length);
                put(twosComplement);
            }
            signed(value.scale());
            return this;
        }

        public Writer instant(final Instant instant) {
            present(instant != null);
            if (instant != null) {
                signed(instant.getEpochSecond());
                unsigned(instant.getNano());
            }
            return this;
        }

        /** Zig-zag variable length: small values of either sign take few bytes. */
        public Writer signed(final long value) {
            return unsigned((value << 1) ^ (value >> (Long.SIZE - 1)));
        }

        /** A length or count, read back with {@link Reader#count()}. */
        public Writer count(final int count) {
            return unsigned(count);
        }

        /** Eight bytes, for values spread over the whole range (fingerprints). */
        public Writer fixed(final long value) {
            for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
                put((int) (value >>> shift));
            }
            return this;
        }

        private Writer unsigned(final long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                put((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            put((int) rest);
            return this;
        }

        public byte[] bytes() {
            return Arrays.copyOf(out, size);
        }
    }

    /** Reads fields in the order they were written; bytes that end early or do not parse raise a {@link SerializationException}. */
    public static final class Reader {
        private final ByteBuffer in;
        private final List<String> strings = new ArrayList<>();

        private Reader(final ByteBuffer in) {
            this.in = in;
        }

        public ReleaseHistory history() {
            final int count = count();
            final List<Release> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                versions.add(release());
            }
            return new ReleaseHistory(versions);
        }

        /** Last year's curve, or null; read after {@link #history()}. */
        public CumulativeCurve priorYear() {
            if (!present()) {
                return null;
            }
            final int year = (int) signed();
            final int count = count();
            final List<CumulativeCurve.Point> points = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                points.add(new CumulativeCurve.Point((int) unsigned(), decimal()));
            }
            return new CumulativeCurve(year, points, instant());
        }

        private Release release() {
            try {
                return new Release(string(), string(),
                        new ReferencePeriod((int) signed(), (int) unsigned(), (int) unsigned()),
                        constant(Basis.class), decimal(), constant(AmountUnit.class), decimal(), instant(),
                        (int) signed(), string(), instant());
            } catch (final RuntimeException e) {
                throw e instanceof SerializationException ? e : new SerializationException("series state: bad version", e);
            }
        }

        public boolean present() {
            return get() != 0;
        }

        public <E extends Enum<E>> E constant(final Class<E> type) {
            final String name = string();
            try {
                return name == null ? null : Enum.valueOf(type, name);
            } catch (final IllegalArgumentException e) {
                throw new SerializationException("series state: unknown " + type.getSimpleName() + " " + name, e);
            }
        }

        public String string() {
            if (!present()) {
                return null;
            }
            final long index = unsigned();
            if (index != 0) {
                if (index < 0 || index > strings.size()) {
                    throw new SerializationException("series state: string " + index + " referred to before it was written");
                }
                return strings.get((int) index - 1);
            }
            final byte[] utf8 = new byte[count()];
            get(utf8);
            final String text = new String(utf8, StandardCharsets.UTF_8);
            strings.add(text);
            return text;
        }

        public BigDecimal decimal() {
            final int tag = get();
            if (tag == NULL) {
                return null;
            }
            final BigInteger unscaled;
            if (tag == LONG) {
                unscaled = BigInteger.valueOf(signed());
            } else if (tag == BIG) {
                final byte[] twosComplement = new byte[count()];
                get(twosComplement);
                unscaled = new BigInteger(twosComplement);
            } else {
                throw new SerializationException("series state: unknown decimal tag " + tag);
            }
            return new BigDecimal(unscaled, (int) signed());
        }

        public Instant instant() {
            return present() ? Instant.ofEpochSecond(signed(), unsigned()) : null;
        }

        public long signed() {
            final long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        public long fixed() {
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << Byte.SIZE) | get();
            }
            return value;
        }

        /** A length or count: never negative, never more than the bytes left could hold. */
        public int count() {
            final long count = unsigned();
            if (count < 0 || count > in.remaining()) {
                throw new SerializationException("series state: a count of " + count + " with " + in.remaining()
                        + " bytes left");
            }
            return (int) count;
        }

        private long unsigned() {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                final int b = get();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new SerializationException("series state: a number longer than 64 bits");
        }

        private int get() {
            try {
                return in.get() & 0xFF;
            } catch (final BufferUnderflowException e) {
                throw new SerializationException("series state: value ends early", e);
            }
        }

        private void get(final byte[] into) {
            try {
                in.get(into);
            } catch (final BufferUnderflowException e) {
                throw new SerializationException("series state: value ends early", e);
            }
        }

        /** True when every byte was read: a reader of the whole value checks that nothing is left over. */
        public boolean atEnd() {
            return !in.hasRemaining();
        }
    }
}
