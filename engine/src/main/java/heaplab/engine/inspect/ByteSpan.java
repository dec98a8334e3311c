package heaplab.engine.inspect;

import java.util.Arrays;

/**
 * A stretch of a block that one layer owns, and what the layer expects there. Later spans of a list override
 * earlier ones, so a layer inside another (a CRT block in an NT block) is listed after it.
 *
 * @param from      first address
 * @param to        end address (exclusive)
 * @param kind      what the bytes are
 * @param expect    how the bytes are checked against {@code pattern}
 * @param pattern   the expected bytes, repeated from {@code from} (empty for {@link Expect#LABEL})
 * @param otherwise for {@link Expect#FILL}: the kind of bytes that do not hold the fill
 */
public record ByteSpan(long from, long to, ByteKind kind, Expect expect, byte[] pattern, ByteKind otherwise) {

    /** How a span's bytes relate to its pattern. */
    public enum Expect {
        /** The bytes are {@code kind} whatever they hold. */
        LABEL,
        /** Bytes that hold the fill are {@code kind}, the others {@code otherwise}: writing over a fill is normal. */
        FILL,
        /** The layer relies on the pattern: a byte that differs is damage (a stamp, no-man's land, a suffix). */
        STRICT
    }

    public ByteSpan {
        pattern = pattern.clone();
    }

    public static ByteSpan label(long from, long to, ByteKind kind) {
        return new ByteSpan(from, to, kind, Expect.LABEL, new byte[0], kind);
    }

    public static ByteSpan fill(long from, long to, ByteKind kind, byte[] pattern, ByteKind otherwise) {
        return new ByteSpan(from, to, kind, Expect.FILL, pattern, otherwise);
    }

    public static ByteSpan strict(long from, long to, ByteKind kind, byte[] pattern) {
        return new ByteSpan(from, to, kind, Expect.STRICT, pattern, kind);
    }

    /** One byte value repeated. */
    public static byte[] repeat(int value) {
        return new byte[] {(byte) value};
    }

    /** A little-endian value of {@code bytes} bytes, as memory holds it (0xFEEEFEEE is ee fe ee fe). */
    public static byte[] littleEndian(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    public boolean contains(long address) {
        return address >= from && address < to;
    }

    /** The byte the pattern expects at an address of the span. */
    public int expectedAt(long address) {
        return pattern[(int) ((address - from) % pattern.length)] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSpan s && s.from == from && s.to == to && s.kind == kind && s.expect == expect
            && Arrays.equals(s.pattern, pattern) && s.otherwise == otherwise;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(from) * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return kind + "[" + Long.toHexString(from) + ".." + Long.toHexString(to) + ") " + expect;
    }
}
