package heaplab.engine.nt;

import heaplab.engine.memory.AccessViolation;
import heaplab.engine.memory.AddressSpace;

/**
 * A mirror of one heap's FreeLists[0], so that inserting and taking need not walk a list of thousands of blocks.
 * List 0 is sorted by size, and a block is inserted before the first entry at least as big, so the entries of one
 * size form a run that starts with the newest: the mirror keeps, for each size present, the first entry of its run,
 * and a bitmap of the sizes present. Memory stays the truth: the mirror is valid only while
 * {@link AddressSpace#foreignWrites} has not moved since it was built (nothing but the heap's code changed the heap),
 * every use checks its answer against the neighbours in memory (unless nothing but the heap code ever wrote a heap,
 * AddressSpace#untouched: then list 0 is as the mirror follows it), and any disagreement drops the mirror so that the
 * caller walks the list as Windows does.
 */
final class ListZeroIndex {
    private static final int SIZES = 1 << 16; // a HEAP_ENTRY's Size is a USHORT
    private final AddressSpace mem;
    private final HeapLayout l;
    private final HeapEntries e;
    private final long head;
    private final long totalFree;
    /** By size (units): the LIST_ENTRY of the run's first entry; 1024 sizes per page, allocated on demand. */
    private final long[][] first = new long[SIZES >>> 10][];
    /** Sizes present, a bit per size, and a summary bit per nonzero word. */
    private long[] present;
    private long[] summary;
    /** The foreign-write stamp the mirror is valid for; -1 when it is not built. */
    private long validAt = -1;
    /** The stamp at the last list 0 operation that walked memory (FreeLists decides when to rebuild). */
    long seen = -1;
    /** How many entries that walk passed. */
    int walked;
    /** The stamp at which a rebuild found list 0 unsound (it stays so until the next foreign write); -1 if none. */
    long unsoundAt = -1;

    /**
     * @param head      the list 0 head (LIST_ENTRY in the _HEAP)
     * @param totalFree the address of the heap's TotalFreeSize (units), which bounds the length of a sound list
     */
    ListZeroIndex(AddressSpace mem, HeapLayout layout, HeapEntries entries, long head, long totalFree) {
        this.mem = mem;
        this.l = layout;
        this.e = entries;
        this.head = head;
        this.totalFree = totalFree;
    }

    boolean isCurrent() {
        return validAt == mem.foreignWrites();
    }

    private void drop() {
        if (validAt == -1) {
            return;
        }
        validAt = -1;
        for (int w = 0; w < summary.length; w++) {
            long bits = summary[w];
            while (bits != 0) {
                int word = w << 6 | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                present[word] = 0;
            }
            summary[w] = 0;
        }
    }

    private int size(long links) {
        return e.size(links - l.g);
    }

    private void setFirst(int units, long links) {
        long[] page = first[units >>> 10];
        if (page == null) {
            page = new long[1024];
            first[units >>> 10] = page;
        }
        page[units & 1023] = links;
        present[units >>> 6] |= 1L << units;
        summary[units >>> 12] |= 1L << (units >>> 6);
    }

    private void clear(int units) {
        present[units >>> 6] &= ~(1L << units);
        if (present[units >>> 6] == 0) {
            summary[units >>> 12] &= ~(1L << (units >>> 6));
        }
    }

    private boolean isPresent(int units) {
        return (present[units >>> 6] & 1L << units) != 0;
    }

    private long firstOf(int units) {
        return first[units >>> 10][units & 1023];
    }

    /** The smallest size present that is at least `units`, or -1. */
    private int nextPresent(int units) {
        if (units >= SIZES) {
            return -1;
        }
        int w = units >>> 6;
        long bits = present[w] & -1L << units;
        if (bits != 0) {
            return w << 6 | Long.numberOfTrailingZeros(bits);
        }
        int next = w + 1;
        if (next >= present.length) {
            return -1;
        }
        int s = next >>> 6;
        long words = summary[s] & -1L << next;
        while (words == 0) {
            if (++s >= summary.length) {
                return -1;
            }
            words = summary[s];
        }
        int word = s << 6 | Long.numberOfTrailingZeros(words);
        return word << 6 | Long.numberOfTrailingZeros(present[word]);
    }

    /** Reads list 0 from memory; false (no mirror) unless it is a sound ascending list of at most TotalFreeSize. */
    boolean rebuild() {
        drop();
        if (present == null) { // made at the first rebuild: most heaps' list 0 never needs a mirror
            present = new long[SIZES >>> 6];
            summary = new long[SIZES >>> 12];
        }
        long stamp = mem.foreignWrites();
        long limit = mem.readPtr(totalFree) / HeapConstants.HEAP_FREELISTS + 1;
        long prev = head;
        int prevUnits = 0;
        long count = 0;
        try {
            for (long cur = e.flink(head); cur != head; cur = e.flink(cur)) {
                int units = size(cur);
                if (e.blink(cur) != prev || units < prevUnits || units < HeapConstants.HEAP_FREELISTS
                    || ++count > limit) {
                    return unsound(stamp);
                }
                if (units != prevUnits) {
                    setFirst(units, cur);
                }
                prev = cur;
                prevUnits = units;
            }
            if (e.blink(head) != prev) {
                return unsound(stamp);
            }
        } catch (AccessViolation fault) {
            return unsound(stamp);
        }
        validAt = stamp;
        return true;
    }

    /** A failed rebuild: clears what it set and remembers the stamp, so that no rebuild is tried again before it moves. */
    private boolean unsound(long stamp) {
        validAt = stamp; // so that drop() clears what was set
        drop();
        unsoundAt = stamp;
        return false;
    }

    /**
     * Whether `cur` (the head for the end) is where the first entry of at least `units` belongs, by its neighbours
     * in memory.
     */
    private boolean fits(long cur, int units) {
        if (mem.untouched()) {
            return true; // nothing but the heap code ever wrote a heap: list 0 is as the mirror follows it
        }
        long prev = e.blink(cur);
        return e.flink(prev) == cur && (cur == head || size(cur) >= units) && (prev == head || size(prev) < units);
    }

    /** The LIST_ENTRY to insert an entry of `units` before (the head at the end); 0 when memory disagrees. */
    long insertionPoint(int units) {
        int s = nextPresent(units);
        long cur = s < 0 ? head : firstOf(s);
        if (!fits(cur, units) || s >= 0 && !mem.untouched() && size(cur) != s) {
            drop();
            return 0;
        }
        return cur;
    }

    /** Records an entry just linked before the first entry at least as big. */
    void inserted(long links, int units) {
        setFirst(units, links);
    }

    /** Records that an entry of list 0 is about to be unlinked (its links still read from memory). */
    void removed(long links, int units) {
        if (!isPresent(units)) {
            drop();
            return;
        }
        if (firstOf(units) != links) {
            return;
        }
        long next = e.flink(links);
        if (next != head && size(next) == units) {
            setFirst(units, next);
        } else {
            clear(units);
        }
    }

    /** The first entry of at least `units` (0 when none), checked in memory; -1 when memory disagrees. */
    long firstFit(int units) {
        int s = nextPresent(units);
        if (s < 0) {
            return e.blink(head) == head || size(e.blink(head)) < units ? 0 : drop(-1);
        }
        long cur = firstOf(s);
        return fits(cur, units) && (mem.untouched() || size(cur) == s) ? cur : drop(-1);
    }

    private long drop(long result) {
        drop();
        return result;
    }
}
