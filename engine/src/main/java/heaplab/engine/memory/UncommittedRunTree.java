package heaplab.engine.memory;

/**
 * A segment tree over a region's committed-page bitset that finds the first run of at least n uncommitted pages in
 * O(log words) (a growing heap looks for one at every commit, first fit by address, and a fragmented segment has
 * hundreds of runs). Each node keeps, for its pages, the uncommitted run at its start, the one at its end and the
 * longest one, and how many uncommitted pages and runs it has; a leaf is one 64-page word of the bitset.
 */
final class UncommittedRunTree {
    private final long[] committed;
    private final int pageCount;
    private final int leaves;
    private final int[] length;
    private final int[] prefix;
    private final int[] suffix;
    private final int[] best;
    private final int[] pages;
    private final int[] runs;

    UncommittedRunTree(long[] committed, int pageCount) {
        this.committed = committed;
        this.pageCount = pageCount;
        int words = Math.max(1, committed.length);
        int n = 1;
        while (n < words) {
            n <<= 1;
        }
        this.leaves = n;
        this.length = new int[2 * n];
        this.prefix = new int[2 * n];
        this.suffix = new int[2 * n];
        this.best = new int[2 * n];
        this.pages = new int[2 * n];
        this.runs = new int[2 * n];
        for (int w = 0; w < committed.length; w++) {
            leaf(w);
        }
        for (int node = n - 1; node >= 1; node--) {
            combine(node);
        }
    }

    /** The word's uncommitted pages as one bits (pages past the region's end count as committed). */
    private long free(int w) {
        int valid = Math.min(64, pageCount - (w << 6));
        long mask = valid == 64 ? -1L : (1L << valid) - 1;
        return ~committed[w] & mask;
    }

    private void leaf(int w) {
        int node = leaves + w;
        int valid = Math.min(64, pageCount - (w << 6));
        long x = free(w);
        length[node] = valid;
        prefix[node] = Long.numberOfTrailingZeros(~x);
        suffix[node] = Long.numberOfLeadingZeros(~(x << (64 - valid)));
        best[node] = longestRun(x);
        pages[node] = Long.bitCount(x);
        runs[node] = Long.bitCount(x & ~(x << 1)); // the pages that start a run
    }

    private void combine(int node) {
        int l = 2 * node;
        int r = l + 1;
        length[node] = length[l] + length[r];
        prefix[node] = prefix[l] == length[l] ? length[l] + prefix[r] : prefix[l];
        suffix[node] = suffix[r] == length[r] ? length[r] + suffix[l] : suffix[r];
        best[node] = Math.max(Math.max(best[l], best[r]), suffix[l] + prefix[r]);
        pages[node] = pages[l] + pages[r];
        runs[node] = runs[l] + runs[r] - (suffix[l] > 0 && prefix[r] > 0 ? 1 : 0); // a run across the halves
    }

    /** The region's uncommitted pages, runs and longest run. */
    long[] counts() {
        return new long[] {pages[1], runs[1], best[1]};
    }

    /** The bits of words [fromWord, toWord] changed. */
    void wordsChanged(int fromWord, int toWord) {
        for (int w = fromWord; w <= toWord; w++) {
            leaf(w);
        }
        for (int lo = (leaves + fromWord) >>> 1, hi = (leaves + toWord) >>> 1; lo >= 1; lo >>>= 1, hi >>>= 1) {
            for (int node = lo; node <= hi; node++) {
                combine(node);
            }
        }
    }

    /** The first page of the first run of at least `pages` uncommitted pages, or -1. */
    int firstFit(int pages) {
        if (pages <= 0 || best[1] < pages) {
            return -1;
        }
        int node = 1;
        int start = 0; // first page of the node: every leaf before the last real one is a whole word
        int span = leaves << 6;
        while (node < leaves) {
            int l = 2 * node;
            span >>= 1;
            if (best[l] >= pages) {
                node = l;
            } else if (suffix[l] + prefix[l + 1] >= pages) {
                return start + span - suffix[l];
            } else {
                node = l + 1;
                start += span;
            }
        }
        long starts = runStarts(free(node - leaves), pages);
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
