package heaplab.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every byte of a stretch of memory with what it is and whether it breaks what its layer expects; made by
 * {@link ByteClassifier}.
 */
public final class BlockBytes {
    private final long start;
    private final int[] values;
    private final ByteKind[] kinds;
    private final int[] expected;

    BlockBytes(long start, int[] values, ByteKind[] kinds, int[] expected) {
        this.start = start;
        this.values = values;
        this.kinds = kinds;
        this.expected = expected;
    }

    public long start() {
        return start;
    }

    public int length() {
        return values.length;
    }

    /** The byte at an offset, -1 when it cannot be read. */
    public int value(int offset) {
        return values[offset];
    }

    public ByteKind kind(int offset) {
        return kinds[offset];
    }

    /** Whether the byte differs from what its layer expects there. */
    public boolean damaged(int offset) {
        return expected[offset] >= 0;
    }

    /** The stretches of damaged bytes, in address order; a stretch ends where the kind changes. */
    public List<Damage> damages() {
        List<Damage> out = new ArrayList<>();
        int i = 0;
        while (i < values.length) {
            if (!damaged(i)) {
                i++;
                continue;
            }
            int from = i;
            StringBuilder want = new StringBuilder();
            StringBuilder found = new StringBuilder();
            while (i < values.length && damaged(i) && kinds[i] == kinds[from]) {
                want.append(want.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", expected[i]));
                found.append(found.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", values[i]));
                i++;
            }
            out.add(new Damage(start + from, start + i, kinds[from], want.toString(), found.toString()));
        }
        return out;
    }

    /**
     * Bytes that break an expected fill.
     *
     * @param from     first damaged address
     * @param to       end (exclusive)
     * @param kind     what the bytes should be
     * @param expected the expected bytes in hex ("fd fd")
     * @param found    what memory holds ("41 00")
     */
    public record Damage(long from, long to, ByteKind kind, String expected, String found) {
    }
}
