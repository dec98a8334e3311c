package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;

/**
 * FreeLists[0..127] of one heap with its 128-bit FreeListsInUse bitmap, all in simulated memory (classic model,
 * heap-facts.md 1.3): list n &lt; 128 holds blocks of exactly n units; list 0 holds bigger blocks sorted by size.
 */
final class FreeLists {
    /** Called with a free block's entry before {@link #take} unlinks it (free checking, heap-facts.md 1.5). */
    java.util.function.LongConsumer reuseCheck = entry -> { };

    private final AddressSpace mem;
    private final HeapLayout l;
    private final HeapEntries e;

    FreeLists(AddressSpace mem, HeapLayout layout, HeapEntries entries) {
        this.mem = mem;
        this.l = layout;
        this.e = entries;
    }

    long head(long heap, int index) {
        return heap + l.freeListHead(index);
    }

    boolean bit(long heap, int index) {
        long word = mem.readU32(heap + l.heapFreeListsInUse + 4L * (index >>> 5));
        return (word & (1L << (index & 31))) != 0;
    }

    private void setBit(long heap, int index, boolean on) {
        long address = heap + l.heapFreeListsInUse + 4L * (index >>> 5);
        long word = mem.readU32(address);
        long mask = 1L << (index & 31);
        mem.writeU32(address, on ? word | mask : word & ~mask);
    }

    /** First list index &gt;= from (and &lt; 128) whose bit is set, or -1. */
    int nextSetBit(long heap, int from) {
        for (int word = from >>> 5; word < 4; word++) {
            long bits = mem.readU32(heap + l.heapFreeListsInUse + 4L * word);
            if (word == from >>> 5) {
                bits &= (0xFFFF_FFFFL << (from & 31)) & 0xFFFF_FFFFL;
            }
            if (bits != 0) {
                return word * 32 + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    private void addTotalFree(long heap, long delta) {
        long total = (totalFree(heap) + delta) & l.arch.pointerMask();
        mem.writePtr(heap + l.heapTotalFreeSize, total);
        totalHeap = heap;
        totalValue = total;
        totalStamp = mem.changes();
    }

    /*
     * The TotalFreeSize the heap code last wrote, and where: it changes at every link and unlink, and only the heap
     * code writes it, so while nothing but the heap code ever wrote a heap (AddressSpace#untouched: no damaged link
     * sent a write of the heap code astray) and no foreign or guarded write or restore happened since
     * (AddressSpace#changes), memory holds it still (1.9 reads a call of random-bal, 3 to 4.5% of its replay).
     */
    private long totalHeap;
    private long totalValue;
    private long totalStamp = -1;

    /** The heap's TotalFreeSize (units on its free lists). */
    long totalFree(long heap) {
        if (heap == totalHeap && totalStamp == mem.changes() && mem.untouched()) {
            return totalValue;
        }
        return mem.readPtr(heap + l.heapTotalFreeSize);
    }

    /**
     * Links a free block into its list. A dedicated list gets it at the tail; list 0 keeps ascending size order
     * (inserted before the first entry at least as big), as RtlpInsertFreeBlockHelper does. `units` is the block's
     * Size, which every caller has just read or written.
     */
    void insert(long heap, long entry, int units) {
        long links = e.links(entry);
        if (units < HeapConstants.HEAP_FREELISTS) {
            long head = head(heap, units);
            e.insertBefore(head, links);
            setBit(heap, units, true);
        } else {
            long head = head(heap, 0);
            ListZeroIndex index = listZero(heap);
            long cur = index == null ? 0 : index.insertionPoint(units);
            if (cur == 0) {
                index = null;
                cur = e.flink(head);
                int walked = 0;
                while (cur != head && e.size(cur - l.g) < units) {
                    cur = e.flink(cur);
                    walked++;
                }
                noteWalk(heap, walked);
            }
            e.insertBefore(cur, links);
            if (index != null) {
                index.inserted(links, units);
                mirrorUses++;
            }
        }
        addTotalFree(heap, units);
    }

    /** Unlinks a free block from its list, clearing the bitmap bit when a dedicated list becomes empty. */
    void remove(long heap, long entry) {
        remove(heap, entry, e.size(entry));
    }

    /** {@link #remove(long, long)} of a block whose Size the caller has just read: `units`. */
    void remove(long heap, long entry, int units) {
        long links = e.links(entry);
        if (units >= HeapConstants.HEAP_FREELISTS && mirror) {
            ListZeroIndex index = indexOf(heap);
            if (index.isCurrent()) {
                index.removed(links, units);
            }
        }
        boolean emptied = e.unlink(links);
        if (units < HeapConstants.HEAP_FREELISTS && emptied) {
            setBit(heap, units, false);
        }
        addTotalFree(heap, -units);
    }

    /**
     * The first half of replacing a list 0 entry by a smaller free block made from it (a block grown in place into
     * the free block after it): when `units` would be linked where the entry is (the entry before it, if any, is
     * smaller) and nothing but the heap code ever wrote a heap (so the list is sorted and sound), returns true and
     * keeps the entry's neighbours for {@link #attach}, the entry taken out of the list 0 mirror but its links left
     * for the caller to overwrite; else false, and the caller removes and inserts as usual.
     */
    boolean detach(long heap, long entry, int entryUnits, int units) {
        if (entryUnits < HeapConstants.HEAP_FREELISTS || units < HeapConstants.HEAP_FREELISTS || !mem.untouched()) {
            return false;
        }
        long links = e.links(entry);
        long previous = e.blink(links);
        if (previous != head(heap, 0) && e.size(previous - l.g) >= units) {
            return false;
        }
        if (mirror) {
            ListZeroIndex index = indexOf(heap);
            if (index.isCurrent()) {
                index.removed(links, entryUnits);
            }
        }
        detachedPrevious = previous;
        detachedNext = e.flink(links);
        return true;
    }

    /** The LIST_ENTRYs before and after the entry the last {@link #detach} took out. */
    private long detachedPrevious;
    private long detachedNext;

    /** Links the free block at `entry` (of `units`) where the last {@link #detach} took the entry of `oldUnits` out. */
    void attach(long heap, long entry, int units, int oldUnits) {
        long links = e.links(entry);
        e.setFlink(links, detachedNext);
        e.setBlink(links, detachedPrevious);
        e.setFlink(detachedPrevious, links);
        e.setBlink(detachedNext, links);
        if (mirror) {
            ListZeroIndex index = indexOf(heap);
            if (index.isCurrent()) {
                index.inserted(links, units);
                mirrorUses++;
            }
        }
        addTotalFree(heap, units - oldUnits);
    }

    // ---------------------------------------------------------------------------------------- list 0 index

    /** Per heap: the index of its list 0, kept while the list changes only through this class. */
    private final java.util.Map<Long, ListZeroIndex> zero = new java.util.HashMap<>();
    private long lastHeap;
    private ListZeroIndex lastIndex;

    /** Drops the list 0 index of a heap that is created or destroyed (a new heap may take the same address). */
    void forget(long heap) {
        zero.remove(heap);
        totalHeap = 0;
        lastHeap = 0;
        lastIndex = null;
    }

    private ListZeroIndex indexOf(long heap) {
        if (heap == lastHeap && lastIndex != null) {
            return lastIndex;
        }
        ListZeroIndex index = zero.get(heap);
        if (index == null) {
            index = new ListZeroIndex(mem, l, e, head(heap, 0), heap + l.heapTotalFreeSize);
            zero.put(heap, index);
        }
        lastHeap = heap;
        lastIndex = index;
        return index;
    }

    /** Whether list 0 is mirrored at all (tests compare against the plain walk), and how often the mirror served. */
    boolean mirror = true;
    long mirrorUses;

    /** How many entries a walk must pass before list 0 is worth a mirror (a short list is walked as fast). */
    static final int MIRROR_AFTER = 16;

    private void noteWalk(long heap, int walked) {
        if (mirror) {
            indexOf(heap).walked = walked;
        }
    }

    /**
     * The usable index of a heap's list 0, or null to walk the list in memory as Windows does. The index is rebuilt
     * from memory only at a list 0 operation that follows another with no foreign write between them (so a program
     * that writes into the heap at every step costs no rebuilds) after a walk of at least {@link #MIRROR_AFTER} entries,
     * not again on a list found unsound until a foreign write, and is dropped at the first foreign write.
     */
    private ListZeroIndex listZero(long heap) {
        if (!mirror) {
            return null;
        }
        ListZeroIndex index = indexOf(heap);
        if (index.isCurrent()) {
            return index;
        }
        long stamp = mem.foreignWrites();
        if (index.seen == stamp && index.walked >= MIRROR_AFTER && index.unsoundAt != stamp && index.rebuild()) {
            return index;
        }
        index.seen = stamp;
        return null;
    }

    /**
     * Takes a free block of at least `units` (heap-facts.md 1.4 steps 5-6): the exact list's last entry, else the
     * last entry of the next non-empty list found in the bitmap, else the best fit in list 0. Returns the entry
     * (unlinked) or 0.
     */
    long take(long heap, int units) {
        if (units < HeapConstants.HEAP_FREELISTS) {
            int index = nextSetBit(heap, units);
            if (index > 0) {
                return takeEntry(heap, e.blink(head(heap, index)) - l.g);
            }
        }
        long head = head(heap, 0);
        long largest = e.blink(head);
        if (largest == head || e.size(largest - l.g) < units) {
            return 0;
        }
        ListZeroIndex index = listZero(heap);
        long fit = index == null ? -1 : index.firstFit(units);
        if (fit > 0) {
            mirrorUses++;
            return takeEntry(heap, fit - l.g);
        }
        int walked = 0;
        for (long cur = e.flink(head); cur != head; cur = e.flink(cur), walked++) {
            if (e.size(cur - l.g) >= units) {
                noteWalk(heap, walked);
                return takeEntry(heap, cur - l.g);
            }
        }
        return 0;
    }

    /** Unlinks the free block a take chose, after the reuse check (free checking) has looked at it. */
    private long takeEntry(long heap, long entry) {
        reuseCheck.accept(entry);
        remove(heap, entry);
        return entry;
    }
}
