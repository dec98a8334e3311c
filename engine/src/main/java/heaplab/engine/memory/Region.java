package heaplab.engine.memory;

import java.util.Arrays;

/** One reservation (allocation base to end), its pages' commit state, protections and bytes. */
public final class Region {
    private final long base;
    private final long size;
    private final int allocationProtect;
    /** One bit per page, set when committed (a bitset, so that segments' page scans go 64 pages at a time). */
    private final long[] committed;
    private final int pageCount;
    /**
     * The committed pages' protections, one per page, once they differ; null while every committed page has
     * {@link #uniformProtect} (a heap segment's pages are all read-write: its commits and decommits then touch no
     * protection array). A page's entry means nothing while it is not committed.
     */
    private int[] protect;
    /** The protection of every committed page while {@link #protect} is null; -1 before the first commit. */
    private int uniformProtect = -1;
    private final Page[] pages;
    /** Whether foreign writes here move {@link AddressSpace#foreignWrites} (a heap segment's region). */
    boolean watched;
    /** Whether every write here moves {@link AddressSpace#guardedWrites} (the PEB's region). */
    boolean guarded;
    /** Who reserved the region ({@link AddressSpace#setOrigin}). */
    RegionOrigin origin = RegionOrigin.SYSTEM;
    /**
     * The whole region's uncommitted runs (their pages, number and longest, and first fit), kept as pages are
     * committed and decommitted from the first time the whole region is asked about (a heap segment: it recounts after
     * every commit and decommit, and a fragmented segment has hundreds of runs); null before, and in a copy.
     */
    private UncommittedRunTree runTree;

    Region(long base, long size, int allocationProtect) {
        this.base = base;
        this.size = size;
        this.allocationProtect = allocationProtect;
        int n = (int) (size / AddressSpace.PAGE_SIZE);
        this.committed = new long[(n + 63) >>> 6];
        this.pageCount = n;
        this.pages = new Page[n];
    }

    private Region(Region other) {
        this.base = other.base;
        this.size = other.size;
        this.allocationProtect = other.allocationProtect;
        this.committed = other.committed.clone();
        this.pageCount = other.pageCount;
        this.protect = other.protect == null ? null : other.protect.clone();
        this.uniformProtect = other.uniformProtect;
        this.pages = other.pages.clone();
        this.watched = other.watched;
        this.guarded = other.guarded;
        this.origin = other.origin;
        // runTree stays null: a copy (a snapshot's, a restore's) counts its runs again when first asked
    }

    Region copy() {
        return new Region(this);
    }

    public long base() { return base; }

    public long size() { return size; }

    public long end() { return base + size; }

    public int allocationProtect() { return allocationProtect; }

    public int pageCount() { return pageCount; }

    public RegionOrigin origin() { return origin; }

    private int index(long address) {
        return (int) ((address - base) >>> 12);
    }

    public boolean isCommitted(long address) {
        return committedAt(index(address));
    }

    public int protectAt(long address) {
        return protectAt(index(address));
    }

    private int protectAt(int i) {
        int[] perPage = protect;
        return perPage == null ? uniformProtect : perPage[i];
    }

    /** Gives every page its own protection entry (a page is about to get a protection the others have not). */
    private int[] perPageProtect() {
        if (protect == null) {
            protect = new int[pageCount];
            Arrays.fill(protect, uniformProtect);
        }
        return protect;
    }

    private boolean committedAt(int i) {
        return (committed[i >>> 6] & 1L << i) != 0;
    }

    /**
     * The first page from `address` to `end` (inside this region) that is not committed or whose protection does not
     * allow the access (write, else read), as an address: `address` itself for its own page, else the page's start;
     * -1 when every page allows it. A word of commit bits at a time, and one protection check per run of pages with
     * the same protection (a copy of a large block checks hundreds of pages).
     */
    long firstDenied(long address, long end, boolean write) {
        int from = index(address);
        int to = index(end - 1) + 1;
        int uncommitted = next(from, to, false);
        int checkedProtect = 0;
        boolean allowed = false;
        for (int i = from; i < uncommitted; i++) {
            int p = protectAt(i);
            if (p != checkedProtect || i == from) {
                checkedProtect = p;
                allowed = write ? Protection.writable(p) : Protection.readable(p);
            }
            if (!allowed) {
                return i == from ? address : base + ((long) i << 12);
            }
        }
        return uncommitted == to ? -1 : uncommitted == from ? address : base + ((long) uncommitted << 12);
    }

    /**
     * The region's pages as VirtualQuery gives them, run by run (reserved, or committed with one protection): a word
     * of commit bits at a time over reserved runs, so that a big, mostly reserved region costs little.
     */
    public java.util.List<MemoryInfo> runs() {
        java.util.List<MemoryInfo> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < pageCount) {
            boolean on = committedAt(i);
            int end = next(i, pageCount, !on);
            if (!on) {
                out.add(new MemoryInfo(base + ((long) i << 12), base, (long) (end - i) << 12, AddressSpace.MEM_RESERVE,
                    0, allocationProtect));
                i = end;
                continue;
            }
            while (i < end) {
                int p = protectAt(i);
                int j = i + 1;
                while (j < end && protectAt(j) == p) {
                    j++;
                }
                out.add(new MemoryInfo(base + ((long) i << 12), base, (long) (j - i) << 12, AddressSpace.MEM_COMMIT, p,
                    allocationProtect));
                i = j;
            }
        }
        return out;
    }

    /** Number of committed pages. */
    public int committedPages() {
        int n = 0;
        for (long word : committed) {
            n += Long.bitCount(word);
        }
        return n;
    }

    /** The first page index in [i, to) whose bit is `set`, or `to`. */
    private int next(int i, int to, boolean set) {
        while (i < to) {
            int w = i >>> 6;
            long word = set ? committed[w] : ~committed[w];
            word &= -1L << (i & 63);
            if (word != 0) {
                return Math.min(to, (w << 6) + Long.numberOfTrailingZeros(word));
            }
            i = (w + 1) << 6;
        }
        return to;
    }

    /** As {@link AddressSpace#firstUncommittedRun}, for [start, end) inside this region and a run of `pages`. */
    long firstUncommittedRun(long start, long end, long pages) {
        if (start == base && end == base + size && pages >= 1) {
            int page = pages > pageCount ? -1 : runTree().firstFit((int) pages);
            return page < 0 ? -1 : base + ((long) page << 12);
        }
        int to = index(end);
        for (int i = index(start); i < to; ) {
            int runStart = next(i, to, false);
            int runEnd = next(runStart, to, true);
            if (runStart < to && runEnd - runStart >= pages) {
                return base + ((long) runStart << 12);
            }
            i = runEnd;
        }
        return -1;
    }

    private UncommittedRunTree runTree() {
        if (runTree == null) {
            runTree = new UncommittedRunTree(committed, pageCount);
        }
        return runTree;
    }

    /**
     * As {@link AddressSpace#uncommittedCounts}, for [start, end) inside this region: the kept counts for the whole
     * region, else runs found a word at a time.
     */
    long[] uncommittedCounts(long start, long end) {
        if (start == base && end == base + size) {
            return runTree().counts();
        }
        long count = 0;
        long ranges = 0;
        long largest = 0;
        int to = index(end);
        for (int i = index(start); i < to; ) {
            int runStart = next(i, to, false);
            if (runStart >= to) {
                break;
            }
            int runEnd = next(runStart, to, true);
            count += runEnd - runStart;
            ranges++;
            largest = Math.max(largest, runEnd - runStart);
            i = runEnd;
        }
        return new long[] {count, ranges, largest};
    }

    void setProtect(long address, int value) {
        if (protect != null || value != uniformProtect) {
            perPageProtect()[index(address)] = value;
        }
    }

    void commit(long start, long length, int prot, int generation) {
        if (length <= 0) {
            return;
        }
        int from = index(start);
        int to = index(start + length - 1) + 1;
        if (uniformProtect == -1) {
            uniformProtect = prot;
        }
        if (protect != null || prot != uniformProtect) {
            Arrays.fill(perPageProtect(), from, to, prot);
        }
        // Pages already committed keep their bytes; the others read as zeros until written (an uncommitted page has no
        // Page, and a committed page without one is the zero page: a 50 MB commit writes no page table).
        for (int i = from; i < to; ) {
            int run = next(i, to, false);
            if (run >= to) {
                break;
            }
            int end = next(run, to, true);
            change(run, end, true);
            i = end;
        }
    }

    void decommit(long start, long length, int generation, PagePool pool) {
        if (length <= 0) {
            return;
        }
        int from = index(start);
        int to = index(start + length - 1) + 1;
        recycle(from, to, generation, pool);
        change(from, to, false);
    }

    /** Commits or decommits pages [from, to), and updates the kept runs. */
    private void change(int from, int to, boolean commit) {
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        if (runTree == null) {
            setBits(from, to, commit);
        } else if (first == last) {
            long old = committed[first];
            setBits(from, to, commit);
            runTree.wordChanged(first, old);
        } else {
            runTree.wordsChanging(first, last);
            setBits(from, to, commit);
            runTree.wordsChanged(first, last);
        }
    }

    /**
     * Drops the bytes of pages [from, to), giving the pool the arrays that this region alone holds: those written
     * since the last snapshot or restore (their generation is the current one), as every copy of a region shares its
     * pages and moves the generation on.
     */
    private void recycle(int from, int to, int generation, PagePool pool) {
        for (int i = from; i < to; i++) {
            Page p = pages[i];
            if (p == null) {
                continue;
            }
            pages[i] = null;
            if (p.generation == generation) {
                pool.give(p.data);
            } else {
                unshare(p, generation);
            }
        }
    }

    /**
     * A page of this region stops holding `p` (decommitted, released, written over by a copy of its own): when `p` is
     * a page live regions share, it has one holder fewer, and the one region left holding it owns it again if nothing
     * else can hold its bytes (shared from a page written since the last snapshot or restore, and no snapshot or
     * restore since).
     */
    private static void unshare(Page p, int generation) {
        if (p != null && p.generation == SHARED && --p.holders == 1 && p.sharedAt == generation) {
            p.generation = generation;
        }
    }

    /** Gives the pool the arrays this region alone holds, as it is released. */
    void release(int generation, PagePool pool) {
        for (int i = next(0, pageCount, true); i < pageCount; i = next(i + 1, pageCount, true)) {
            Page p = pages[i];
            if (p != null && p.generation == generation) {
                pool.give(p.data);
            } else {
                unshare(p, generation);
            }
        }
    }

    /** The first page of the committed run holding the (committed) page at `address`. */
    long committedRunStart(long address) {
        int i = index(address);
        int w = i >>> 6;
        long word = ~committed[w] & -1L >>> (63 - (i & 63));
        while (word == 0) {
            if (--w < 0) {
                return base;
            }
            word = ~committed[w];
        }
        return base + ((long) ((w << 6) + 64 - Long.numberOfLeadingZeros(word)) << 12);
    }

    /** The last committed page at or before page i, or -1; a word at a time. */
    private int previousCommitted(int i) {
        int w = i >>> 6;
        long word = committed[w] & -1L >>> (63 - (i & 63));
        while (word == 0) {
            if (--w < 0) {
                return -1;
            }
            word = committed[w];
        }
        return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
    }

    /** Sets or clears the committed bits of pages [from, to), a word at a time. */
    private void setBits(int from, int to, boolean on) {
        for (int i = from; i < to; ) {
            int w = i >>> 6;
            int upTo = Math.min(to, (w + 1) << 6);
            long mask = (upTo - i == 64 ? -1L : ((1L << (upTo - i)) - 1)) << (i & 63);
            committed[w] = on ? committed[w] | mask : committed[w] & ~mask;
            i = upTo;
        }
    }

    /** The bytes of a committed page (a page never written is {@link #ZERO_PAGE}'s, shared). */
    byte[] pageData(long address) {
        Page p = pages[index(address)];
        return p == null ? ZERO_PAGE.data : p.data;
    }

    /** Whether the page at `address` has bytes that this region alone holds (written since the last snapshot). */
    boolean ownsPage(long address, int generation) {
        Page p = pages[index(address)];
        return p != null && p.generation == generation;
    }

    /** Gives the (committed) page at `address` new bytes of its own: `data`, which the caller has filled. */
    void installPage(long address, byte[] data, int generation) {
        int i = index(address);
        unshare(pages[i], generation);
        pages[i] = new Page(data, generation);
    }

    byte[] writablePageData(long address, int generation, PagePool pool) {
        int i = index(address);
        Page p = pages[i];
        if (p == null) {
            p = ZERO_PAGE;
        }
        if (p.generation != generation) {
            // The zero page's copy is a zeroed array (no copy of 4 KB of zeros), from the pool when it has one.
            Page shared = p == ZERO_PAGE ? null : p;
            p = new Page(p == ZERO_PAGE ? pool.take() : Arrays.copyOf(p.data, p.data.length), generation);
            pages[i] = p;
            unshare(shared, generation);
        }
        return p.data;
    }

    /**
     * Makes the `count` pages from `address` share the bytes of `source`'s pages from `sourceAddress`, copy-on-write
     * for both (a page copy without copying: realloc of a large block moves whole pages).
     */
    void sharePages(long address, Region source, long sourceAddress, int count, int generation) {
        int s = source.index(sourceAddress);
        int d = index(address);
        for (int i = 0; i < count; i++) {
            Page from = source.pages[s + i];
            Page old = pages[d + i];
            if (from != null) {
                if (from.generation == generation) {
                    // Written since the last snapshot or restore, so no snapshot holds it: shared as it is.
                    from.generation = SHARED;
                    from.sharedAt = generation;
                    from.holders = 2;
                } else if (from.generation == SHARED) {
                    from.holders++;
                }
                // else bytes a snapshot holds too: nobody writes them in place, and nobody will own them again
            }
            pages[d + i] = from; // null is the zero page
            unshare(old, generation);
        }
    }

    /** The generation of pages that are never written in place: the zero page and pages two regions share. */
    private static final int SHARED = -1;
    /**
     * What a freshly committed page (a committed page with no Page) reads as; its first write makes a fresh array
     * (demand-zero, as Windows commits).
     */
    private static final Page ZERO_PAGE = new Page(new byte[AddressSpace.PAGE_SIZE], SHARED);

    private static final class Page {
        final byte[] data;
        /** The generation it was written in; SHARED while live regions share it (then owned again, see unshare). */
        int generation;
        /** For a shared page: the generation it was shared in when nothing else could hold its bytes, else SHARED. */
        int sharedAt;
        /** For a shared page: how many pages of live regions hold it (at least; a restore drops holders uncounted). */
        int holders;

        Page(byte[] data, int generation) {
            this.data = data;
            this.generation = generation;
            this.sharedAt = SHARED;
        }
    }
}
