package heaplab.engine.memory;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-level bit tricks of the run tree, against a bit-by-bit scan. */
class UncommittedRunTreeTest {
    private static int naiveLongest(long x) {
        int longest = 0;
        for (int i = 0, run = 0; i < 64; i++) {
            run = (x >>> i & 1) != 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static long naiveStarts(long x, int n) {
        long starts = 0;
        for (int i = 0; i + n <= 64; i++) {
            long mask = n == 64 ? -1L : ((1L << n) - 1) << i;
            if ((x & mask) == mask) {
                starts |= 1L << i;
            }
        }
        return starts;
    }

    @Test
    void longestRunAndRunStartsMatchABitByBitScan() {
        SplittableRandom random = new SplittableRandom(42);
        long[] fixed = {0, -1L, 1, 1L << 63, 0x5555_5555_5555_5555L, 0x7FFF_FFFF_FFFF_FFFFL, 0xFFFF_0000_0000_FFFFL};
        for (int k = 0; k < 20_000; k++) {
            long x = k < fixed.length ? fixed[k] : random.nextLong() & random.nextLong() | random.nextLong() << 40;
            assertEquals(naiveLongest(x), UncommittedRunTree.longestRun(x), Long.toHexString(x));
            int n = 1 + random.nextInt(64);
            assertEquals(naiveStarts(x, n), UncommittedRunTree.runStarts(x, n), Long.toHexString(x) + " n " + n);
        }
        for (int n = 1; n <= 64; n++) {
            assertEquals(naiveStarts(-1L, n), UncommittedRunTree.runStarts(-1L, n), "all ones, n " + n);
        }
    }

    /** Every word of one run, and of two runs (the second at every third length), whatever their place and length. */
    @Test
    void longestRunOfOneAndTwoRunsAnywhere() {
        for (int a = 0; a <= 64; a++) {
            for (int b = a; b <= 64; b++) {
                long first = b == a ? 0 : b - a == 64 ? -1L : ((1L << (b - a)) - 1) << a;
                assertEquals(naiveLongest(first), UncommittedRunTree.longestRun(first), Long.toHexString(first));
                for (int c = b + 1; c < 64; c++) {
                    for (int d = c + 1; d <= 64; d += 3) {
                        long x = first | ((1L << (d - c)) - 1) << c;
                        assertEquals(naiveLongest(x), UncommittedRunTree.longestRun(x), Long.toHexString(x));
                    }
                }
            }
        }
    }
}
