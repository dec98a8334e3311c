package heaplab.engine.inspect;

import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Says what each byte of a stretch of memory is, from the spans the layers own: a pure function of the spans and of
 * the bytes read through a debugger-style peek (-1 = unreadable), so it is tested without a process or a toolkit.
 */
public final class ByteClassifier {
    private ByteClassifier() {
    }

    /**
     * @param start  first address
     * @param length bytes to classify
     * @param spans  what the layers own, later spans over earlier ones; bytes of no span are {@link ByteKind#DATA}
     * @param peek   reads a byte, -1 where memory cannot be read (those bytes are {@link ByteKind#UNREADABLE},
     *               never damage: a guard page is where it should be)
     */
    public static BlockBytes classify(long start, int length, List<ByteSpan> spans, LongToIntFunction peek) {
        int[] values = new int[length];
        ByteKind[] kinds = new ByteKind[length];
        int[] expected = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = peek.applyAsInt(start + i);
            kinds[i] = ByteKind.DATA;
            expected[i] = -1;
        }
        for (ByteSpan span : spans) {
            long from = Math.max(span.from(), start);
            long to = Math.min(span.to(), start + length);
            for (long at = from; at < to; at++) {
                int i = (int) (at - start);
                expected[i] = -1;
                kinds[i] = span.kind();
                if (span.expect() == ByteSpan.Expect.STRICT && values[i] >= 0 && values[i] != span.expectedAt(at)) {
                    expected[i] = span.expectedAt(at);
                } else if (span.expect() == ByteSpan.Expect.FILL && !holdsFill(span, at, peek)) {
                    kinds[i] = span.otherwise();
                }
            }
        }
        for (int i = 0; i < length; i++) {
            if (values[i] < 0) {
                kinds[i] = ByteKind.UNREADABLE;
                expected[i] = -1;
            }
        }
        return new BlockBytes(start, values, kinds, expected);
    }

    /**
     * Whether the whole repetition of the pattern around `at` holds the fill: a 0x0d the program wrote is data, not
     * a piece of 0xBAADF00D. A repetition cut by the span's end is checked byte by byte.
     */
    private static boolean holdsFill(ByteSpan span, long at, LongToIntFunction peek) {
        int unit = span.pattern().length;
        long first = at - (at - span.from()) % unit;
        for (long a = first; a < first + unit && a < span.to(); a++) {
            if (peek.applyAsInt(a) != span.expectedAt(a)) {
                return false;
            }
        }
        return true;
    }
}
