package heaplab.engine.memory;

/**
 * A segment tree over a region's committed-page bitset that finds the first run of at least n uncommitted pages in
 * O(log words) (a growing heap looks for one at every commit, first fit by address, and a fragmented segment has
 * hundreds of runs). Each node keeps, for its pages, the uncommitted run at its start, the one at its end and the
 * longest one; a leaf is one 64-page word of the bitset. The region's uncommitted pages and runs are counted apart.
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
    /** The last word of the bitset, and the mask of its bits that are pages of the region. */
    private final int lastWord;
    private final long lastMask;
    private final int leaves;
    private final int[] node;
    /** The region's uncommitted pages and runs, kept by the difference each change makes to the words it changes. */
    private long pages;
    private long runs;

    UncommittedRunTree(long[] committed, int pageCount) {
        this.committed = committed;
        this.pageCount = pageCount;
        this.lastWord = committed.length - 1;
        int lastValid = pageCount - (lastWord << 6);
        this.lastMask = lastValid >= 64 ? -1L : (1L << lastValid) - 1;
        int words = Math.max(1, committed.length);
        int n = 1;
        while (n < words) {
            n <<= 1;
        }
        this.leaves = n;
        this.node = new int[2 * n * STRIDE];
        for (int w = 0; w < committed.length; w++) {
            node[(n + w) * STRIDE + LENGTH] = Math.min(64, pageCount - (w << 6));
            leaf(w);
        }
        pages = pagesIn(0, committed.length - 1);
        runs = runsStartingIn(0, committed.length - 1);
        for (int i = n - 1; i >= 1; i--) {
            node[i * STRIDE + LENGTH] = node[2 * i * STRIDE + LENGTH] + node[(2 * i + 1) * STRIDE + LENGTH];
            combine(i);
        }
    }

    /** The word's uncommitted pages as one bits (pages past the region's end count as committed). */
    private long free(int w) {
        return free(w, committed[w]);
    }

    /** As {@link #free(int)}, for the word's bits `bits`. */
    private long free(int w, long bits) {
        return ~bits & (w == lastWord ? lastMask : -1L);
    }

    private void leaf(int w) {
        int at = (leaves + w) * STRIDE;
        int valid = node[at + LENGTH];
        long x = free(w);
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
            n += runsStarting(x, carry);
            carry = x >>> 63;
        }
        return n;
    }

    /** How many runs of the word's uncommitted pages `x` start in it, `carry` 1 when the page before is uncommitted. */
    private static int runsStarting(long x, long carry) {
        return Long.bitCount(x & ~(x << 1 | carry));
    }

    /** Recomputes a node from its children (its length is fixed); false when it is as it was. */
    private boolean combine(int i) {
        int at = i * STRIDE;
        int l = 2 * at;
        int r = l + STRIDE;
        int lLength = node[l + LENGTH];
        int rLength = node[r + LENGTH];
        int prefix = node[l + PREFIX] == lLength ? lLength + node[r + PREFIX] : node[l + PREFIX];
        int suffix = node[r + SUFFIX] == rLength ? rLength + node[l + SUFFIX] : node[r + SUFFIX];
        int best = Math.max(Math.max(node[l + BEST], node[r + BEST]), node[l + SUFFIX] + node[r + PREFIX]);
        if (node[at + PREFIX] == prefix && node[at + SUFFIX] == suffix && node[at + BEST] == best) {
            return false;
        }
        node[at + PREFIX] = prefix;
        node[at + SUFFIX] = suffix;
        node[at + BEST] = best;
        return true;
    }

    /** The region's uncommitted pages, runs and longest run. */
    long[] counts() {
        return new long[] {pages, runs, node[STRIDE + BEST]};
    }

    /**
     * The bits of word `w` changed from `old`, the usual change (a heap commits and decommits a few pages): the counts
     * move by what the word's own runs and the start of the next word's first run make of the change.
     */
    void wordChanged(int w, long old) {
        long before = free(w, old);
        long after = free(w);
        pages += Long.bitCount(after) - Long.bitCount(before);
        long carry = w == 0 ? 0 : free(w - 1) >>> 63;
        runs += runsStarting(after, carry) - runsStarting(before, carry);
        if (w < lastWord) {
            runs += (free(w + 1) & 1) * ((before >>> 63) - (after >>> 63)); // the next word's page 0 starts a run
        }
        leaf(w);
        int i = (leaves + w) >>> 1;
        while (i >= 1 && combine(i)) { // up to the first node that stays as it was
            i >>>= 1;
        }
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

    /**
     * The longest run of one bits in `x`, in six steps whatever the runs: `sk` marks the bits that start a run of at
     * least 2^k, and the length is built from the largest power down, keeping the bits where a run of the length so
     * far goes on for 2^k more.
     */
    static int longestRun(long x) {
        if (x == -1L) {
            return 64;
        }
        long s1 = x & x >>> 1;
        long s2 = s1 & s1 >>> 2;
        long s3 = s2 & s2 >>> 4;
        long s4 = s3 & s3 >>> 8;
        long s5 = s4 & s4 >>> 16;
        int length = 0;
        long at = s5; // the bits that start a run of `length` ones (32 when any)
        if (at != 0) {
            length = 32;
        } else {
            at = -1L;
        }
        long next = at & s4 >>> length;
        if (next != 0) {
            at = next;
            length += 16;
        }
        next = at & s3 >>> length;
        if (next != 0) {
            at = next;
            length += 8;
        }
        next = at & s2 >>> length;
        if (next != 0) {
            at = next;
            length += 4;
        }
        next = at & s1 >>> length;
        if (next != 0) {
            at = next;
            length += 2;
        }
        return (at & x >>> length) != 0 ? length + 1 : length;
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
