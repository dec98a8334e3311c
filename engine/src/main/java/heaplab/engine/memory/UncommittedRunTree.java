package heaplab.engine.memory;

/**
 * A segment tree over a region's committed-page bitset that finds the first run of at least n uncommitted pages in
 * O(log words) (a growing heap looks for one at every commit, first fit by address, and a fragmented segment has
 * hundreds of runs). Each node keeps, for its pages, the uncommitted run at its start, the one at its end and the
 * longest one, and how many uncommitted pages and runs it has; a leaf is one 64-page word of the bitset.
 */
final class UncommittedRunTree {
    /** A node's fields, side by side in one array so that a node and its sibling share a cache line. */
    private static final int PREFIX = 0;
    private static final int SUFFIX = 1;
    private static final int BEST = 2;
    private static final int LENGTH = 3;
    private static final int STRIDE = 4;

    private final long[] committed;
    private final int pageCount;
    private final int leaves;
    private final int[] node;
    /** The region's uncommitted pages and runs, kept by the difference each change makes to the words it changes. */
    private long pages;
    private long runs;

    UncommittedRunTree(long[] committed, int pageCount) {
        this.committed = committed;
        this.pageCount = pageCount;
        int words = Math.max(1, committed.length);
        int n = 1;
        while (n < words) {
            n <<= 1;
        }
        this.leaves = n;
        this.node = new int[2 * n * STRIDE];
        for (int w = 0; w < committed.length; w++) {
            leaf(w);
        }
        pages = pagesIn(0, committed.length - 1);
        runs = runsStartingIn(0, committed.length - 1);
        for (int i = n - 1; i >= 1; i--) {
            combine(i);
        }
    }

    /** The word's uncommitted pages as one bits (pages past the region's end count as committed). */
    private long free(int w) {
        int valid = Math.min(64, pageCount - (w << 6));
        long mask = valid == 64 ? -1L : (1L << valid) - 1;
        return ~committed[w] & mask;
    }

    private void leaf(int w) {
        int at = (leaves + w) * STRIDE;
        int valid = Math.min(64, pageCount - (w << 6));
        long x = free(w);
        node[at + LENGTH] = valid;
        node[at + PREFIX] = Long.numberOfTrailingZeros(~x);
        node[at + SUFFIX] = Long.numberOfLeadingZeros(~(x << (64 - valid)));
        node[at + BEST] = longestRun(x);
    }

    /** The uncommitted pages of words [from, to]. */
    private long pagesIn(int from, int to) {
        long n = 0;
        for (int w = from; w <= to; w++) {
            n += Long.bitCount(free(w));
        }
        return n;
    }

    /**
     * The uncommitted runs that start in words [from, to + 1] (a run starts at an uncommitted page after a committed
     * one or at page 0): the word after `to` too, as its first run may join the last of `to`.
     */
    private long runsStartingIn(int from, int to) {
        long n = 0;
        long carry = from == 0 ? 0 : free(from - 1) >>> 63; // whether the page before the word is uncommitted
        for (int w = from; w <= Math.min(to + 1, committed.length - 1); w++) {
            long x = free(w);
            n += Long.bitCount(x & ~(x << 1 | carry));
            carry = x >>> 63;
        }
        return n;
    }
    /** Recomputes a node from its children; false when it is as it was. */
    private boolean combine(int i) {
        int at = i * STRIDE;
        int l = 2 * at;
        int r = l + STRIDE;
        int lLength = node[l + LENGTH];
        int rLength = node[r + LENGTH];
        int prefix = node[l + PREFIX] == lLength ? lLength + node[r + PREFIX] : node[l + PREFIX];
        int suffix = node[r + SUFFIX] == rLength ? rLength + node[l + SUFFIX] : node[r + SUFFIX];
        int best = Math.max(Math.max(node[l + BEST], node[r + BEST]), node[l + SUFFIX] + node[r + PREFIX]);
        if (node[at + PREFIX] == prefix && node[at + SUFFIX] == suffix && node[at + BEST] == best
            && node[at + LENGTH] == lLength + rLength) {
            return false;
        }
        node[at + PREFIX] = prefix;
        node[at + SUFFIX] = suffix;
        node[at + BEST] = best;
        node[at + LENGTH] = lLength + rLength;
        return true;
    }

    /** The region's uncommitted pages, runs and longest run. */
    long[] counts() {
        return new long[] {pages, runs, node[STRIDE + BEST]};
    }

    /** The bits of words [fromWord, toWord] are about to change: their pages and runs leave the counts. */
    void wordsChanging(int fromWord, int toWord) {
        pages -= pagesIn(fromWord, toWord);
        runs -= runsStartingIn(fromWord, toWord);
    }

    /**
     * The bits of words [fromWord, toWord] changed (after {@link #wordsChanging}): their pages and runs join the
     * counts again, and the nodes above them are recomputed a level at a time until a level where none changed (a
     * node's fields depend only on its children's).
     */
    void wordsChanged(int fromWord, int toWord) {
        pages += pagesIn(fromWord, toWord);
        runs += runsStartingIn(fromWord, toWord);
        for (int w = fromWord; w <= toWord; w++) {
            leaf(w);
        }
        for (int lo = (leaves + fromWord) >>> 1, hi = (leaves + toWord) >>> 1; lo >= 1; lo >>>= 1, hi >>>= 1) {
            boolean changed = false;
            for (int i = lo; i <= hi; i++) {
                changed |= combine(i);
            }
            if (!changed) {
                return;
            }
        }
    }

    /** The first page of the first run of at least `pages` uncommitted pages, or -1. */
    int firstFit(int pages) {
        if (pages <= 0 || node[STRIDE + BEST] < pages) {
            return -1;
        }
        int at = 1;
        int start = 0; // first page of the node: every leaf before the last real one is a whole word
        int span = leaves << 6;
        while (at < leaves) {
            int l = 2 * at;
            span >>= 1;
            if (node[l * STRIDE + BEST] >= pages) {
                at = l;
            } else if (node[l * STRIDE + SUFFIX] + node[(l + 1) * STRIDE + PREFIX] >= pages) {
                return start + span - node[l * STRIDE + SUFFIX];
            } else {
                at = l + 1;
                start += span;
            }
        }
        long starts = runStarts(free(at - leaves), pages);
        if (starts == 0) {
            throw new IllegalStateException("the tree promised a run of " + pages + " pages");
        }
        return start + Long.numberOfTrailingZeros(starts);
    }

    /** The longest run of one bits in `x`, a run at a time. */
    static int longestRun(long x) {
        int longest = 0;
        long rest = x;
        while (rest != 0) {
            rest >>>= Long.numberOfTrailingZeros(rest);
            int run = Long.numberOfTrailingZeros(~rest); // 64 when rest is all ones
            longest = Math.max(longest, run);
            rest = run == 64 ? 0 : rest >>> run;
        }
        return longest;
    }

    /** The bits of `x` that start a run of at least `n` (1 to 64) one bits, by doubling the run checked. */
    static long runStarts(long x, int n) {
        long y = x;
        int have = 1;
        while (have < n) {
            int step = Math.min(have, n - have);
            y &= y >>> step;
            have += step;
        }
        return y;
    }
}
