package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.pageheap.DphLayout;

import java.util.List;

import static heaplab.engine.nt.HeapConstants.HEAP_DISABLE_COALESCE_ON_FREE;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_EXTRA_PRESENT;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_FILL_PATTERN;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC;
import static heaplab.engine.nt.HeapConstants.HEAP_FREE_CHECKING_ENABLED;
import static heaplab.engine.nt.HeapConstants.HEAP_GROWABLE;
import static heaplab.engine.nt.HeapConstants.HEAP_SETTABLE_USER_FLAGS;
import static heaplab.engine.nt.HeapConstants.HEAP_TAIL_CHECKING_ENABLED;
import static heaplab.engine.nt.HeapConstants.HEAP_ZERO_MEMORY;

/**
 * The classic NT heap back end (heap-facts.md 1.4, 1.5, modelled on ReactOS' RtlAllocateHeap / RtlFreeHeap):
 * every structure lives in simulated memory and is read back from it. Callers have checked the heap handle.
 */
final class NtHeap {
    static final int PAGE = AddressSpace.PAGE_SIZE;
    static final long ARENA_INUSE_FILLER = 0xBAADF00DL;
    static final long ARENA_FREE_FILLER = 0xFEEEFEEEL;
    static final int TAIL_FILL = 0xAB;

    private final AddressSpace mem;
    private final HeapLayout l;
    private final HeapEntries e;
    private final FreeLists lists;

    /**
     * Called with a free block's entry before the heap reuses it (taken by an allocation, coalesced by a free or a
     * split, grown into by a re-allocation), while memory is still unchanged: HeapManager checks the free fill there
     * and breaks (heap-facts.md 1.5, 1.9).
     */
    private java.util.function.LongConsumer freeCheck = entry -> { };

    NtHeap(AddressSpace mem, HeapLayout layout) {
        this.mem = mem;
        this.l = layout;
        this.e = new HeapEntries(mem, layout);
        this.lists = new FreeLists(mem, layout, e);
        this.lists.reuseCheck = entry -> freeCheck.accept(entry);
    }

    void onFreeBlockReuse(java.util.function.LongConsumer check) { this.freeCheck = check; }

    /** Runs the free check on `entry` when it is a free block with the free fill (only those can show damage). */
    private void checkIfFree(long entry) {
        int flags = e.flags(entry);
        if ((flags & HEAP_ENTRY_BUSY) == 0 && (flags & HEAP_ENTRY_FILL_PATTERN) != 0) {
            freeCheck.accept(entry);
        }
    }

    /**
     * The first byte of a FILL_PATTERN free block's body (after its LIST_ENTRY) that no longer holds 0xFEEEFEEE, or 0
     * when the fill is intact or the block has no fill.
     */
    long freeFillDamage(long entry) {
        int flags = e.flags(entry);
        if ((flags & HEAP_ENTRY_FILL_PATTERN) == 0 || (flags & HEAP_ENTRY_BUSY) != 0) {
            return 0;
        }
        long body = entry + l.g + 2L * l.p;
        long end = entry + e.bytes(e.size(entry));
        for (long at = body; at < end; at++) {
            if (!mem.isReadable(at, 1)) {
                return at;
            }
            int expected = (int) (ARENA_FREE_FILLER >>> (8 * ((at - body) & 3))) & 0xFF;
            if (mem.peekByte(at) != expected) {
                return at;
            }
        }
        return 0;
    }

    HeapEntries entries() { return e; }

    FreeLists freeLists() { return lists; }

    long flags(long heap) { return memo(heap) ? memoFlags : mem.readU32(heap + l.heapFlags); }

    long forceFlags(long heap) { return memo(heap) ? memoForceFlags : mem.readU32(heap + l.heapForceFlags); }

    /*
     * The last heap a call found to be a normal heap of the process's list (every heap call checks its handle: the
     * PEB's list, the heap's place in it, its ForceFlags for a page heap). Memory stays the truth: the memo stands
     * while the PEB has not been written (it is guarded: every write to it counts, trusted or not), no foreign write
     * or restore happened and the heap code changed no heap list ({@link #heapsChanged}); the heap's
     * ProcessHeapsListIndex and its ForceFlags' page-heap bit are read again at each use, unless nothing but the
     * heap code ever wrote a heap ({@link AddressSpace#untouched}).
     */
    private long knownHeap;
    private long knownStamp = -1;
    private int knownListIndex;

    /*
     * The known heap's fields that only its creation and a few calls write, read once by {@link #know} while nothing
     * but the heap code ever wrote a heap: then no write of the heap code went astray through a damaged link, and
     * the heap code's own writes to these fields call {@link #heapsChanged}. Each use checks that the stamp stands.
     */
    private long memoHeap;
    private long memoFlags;
    private long memoForceFlags;
    private int memoMaxBlockUnits;
    private long memoAlignRound;
    private long memoAlignMask;
    private long memoMaximumAllocationSize;
    private int memoFrontEndHeapType;
    private long memoPseudoTagEntries;
    private final long[] memoSegments = new long[HeapConstants.HEAP_SEGMENTS];
    /** Each segment's FirstEntry and LastValidEntry (written once, when the segment is made). */
    private final long[] memoFirstEntries = new long[HeapConstants.HEAP_SEGMENTS];
    private final long[] memoLastValidEntries = new long[HeapConstants.HEAP_SEGMENTS];
    /** Each segment's BaseAddress and NumberOfPages (written once, when the segment is made). */
    private final long[] memoBases = new long[HeapConstants.HEAP_SEGMENTS];
    private final long[] memoPages = new long[HeapConstants.HEAP_SEGMENTS];
    /**
     * Each segment's NumberOfUnCommittedPages and LargestUnCommittedRange, which the heap code writes at every commit
     * and decommit ({@link #recountUncommitted}, which keeps them here too): an extension reads them in every
     * segment (2.1 reads a call of random-bal).
     */
    private final long[] memoUncommittedPages = new long[HeapConstants.HEAP_SEGMENTS];
    private final long[] memoLargestUncommitted = new long[HeapConstants.HEAP_SEGMENTS];
    /** Each segment's LastEntryInSegment, which only updateLastEntry writes. */
    private final long[] memoLastEntries = new long[HeapConstants.HEAP_SEGMENTS];

    private long stamp() {
        return mem.changes(); // foreign and guarded writes; the heap code's own changes clear the memo
    }

    /** Whether `heap` is the heap {@link #know} recorded, with nothing changed since. */
    boolean isKnown(long heap) {
        if (heap != knownHeap || knownStamp != stamp()) {
            return false;
        }
        return memoHeap == heap || mem.readU16(heap + l.heapProcessHeapsListIndex) == knownListIndex
            && (mem.readU32(heap + l.heapForceFlags) & DphLayout.HEAP_FLAG_PAGE_ALLOCS) == 0;
    }

    /** Records a heap just checked to be a normal heap of the process's list. */
    void know(long heap) {
        knownListIndex = mem.readU16(heap + l.heapProcessHeapsListIndex);
        knownHeap = heap;
        knownStamp = stamp();
        memoHeap = 0;
        if (mem.untouched()) {
            memoFlags = mem.readU32(heap + l.heapFlags);
            memoForceFlags = mem.readU32(heap + l.heapForceFlags);
            memoMaxBlockUnits = (int) mem.readU32(heap + l.heapVirtualMemoryThreshold);
            memoAlignRound = mem.readPtr(heap + l.heapAlignRound);
            memoAlignMask = mem.readPtr(heap + l.heapAlignMask);
            memoMaximumAllocationSize = mem.readPtr(heap + l.heapMaximumAllocationSize);
            memoFrontEndHeapType = mem.readByte(heap + l.heapFrontEndHeapType);
            memoPseudoTagEntries = mem.readPtr(heap + l.heapPseudoTagEntries);
            mem.readPtrs(heap + l.segmentSlot(0), memoSegments);
            for (int i = 0; i < HeapConstants.HEAP_SEGMENTS; i++) {
                long seg = memoSegments[i];
                memoFirstEntries[i] = seg == 0 ? 0 : mem.readPtr(seg + l.segFirstEntry);
                memoLastValidEntries[i] = seg == 0 ? 0 : mem.readPtr(seg + l.segLastValidEntry);
                memoBases[i] = seg == 0 ? 0 : mem.readPtr(seg + l.segBaseAddress);
                memoPages[i] = seg == 0 ? 0 : mem.readU32(seg + l.segNumberOfPages);
                memoUncommittedPages[i] = seg == 0 ? 0 : mem.readU32(seg + l.segNumberOfUnCommittedPages);
                memoLargestUncommitted[i] = seg == 0 ? 0 : mem.readPtr(seg + l.segLargestUnCommittedRange);
                memoLastEntries[i] = seg == 0 ? 0 : mem.readPtr(seg + l.segLastEntryInSegment);
            }
            memoHeap = heap;
        }
    }

    /** Whether the memo of {@link #know} holds for `heap`. */
    private boolean memo(long heap) {
        return heap == memoHeap && knownStamp == stamp();
    }

    /**
     * The heap code changed the process's heap list, created or destroyed a heap, or wrote a field the memo holds:
     * the next call checks its handle again.
     */
    void heapsChanged() {
        knownHeap = 0;
        memoHeap = 0;
    }

    /**
     * The heap's Segments array (its 64 slots, most of them empty), to read: the memo's own array when the heap is
     * remembered (a copy at each extension of random-bal's heap made 700 MB of garbage a replay second).
     */
    private long[] segments(long heap) {
        if (memo(heap)) {
            return memoSegments;
        }
        long[] segments = new long[HeapConstants.HEAP_SEGMENTS];
        mem.readPtrs(heap + l.segmentSlot(0), segments); // at once: one page lookup
        return segments;
    }

    /** HEAP_MAX_BLOCK_SIZE in units: the largest normal block, also the limit of coalescing. */
    int maxBlockUnits(long heap) {
        return memo(heap) ? memoMaxBlockUnits : (int) mem.readU32(heap + l.heapVirtualMemoryThreshold);
    }

    /** The heap's MaximumAllocationSize. */
    long maximumAllocationSize(long heap) {
        return memo(heap) ? memoMaximumAllocationSize : mem.readPtr(heap + l.heapMaximumAllocationSize);
    }

    /** The heap's FrontEndHeapType (its HeapCompatibilityInformation value). */
    int frontEndHeapType(long heap) {
        return memo(heap) ? memoFrontEndHeapType : mem.readByte(heap + l.heapFrontEndHeapType);
    }

    /** Whether the heap counts untagged blocks under pseudo-tags (its PseudoTagEntries is set). */
    boolean hasPseudoTags(long heap) {
        return (memo(heap) ? memoPseudoTagEntries : mem.readPtr(heap + l.heapPseudoTagEntries)) != 0;
    }

    long segment(long heap, int index) {
        return memo(heap) ? memoSegments[index] : mem.readPtr(heap + l.segmentSlot(index));
    }

    /** The FirstEntry of the heap's segment `index`, at `seg` (its Segments slot). */
    long firstEntry(long heap, int index, long seg) {
        return memo(heap) ? memoFirstEntries[index] : mem.readPtr(seg + l.segFirstEntry);
    }

    /** The LastValidEntry of the heap's segment `index`, at `seg` (its Segments slot). */
    long lastValidEntry(long heap, int index, long seg) {
        return memo(heap) ? memoLastValidEntries[index] : mem.readPtr(seg + l.segLastValidEntry);
    }

    /**
     * AllocationSize in bytes for a request: (Size + AlignRound) & AlignMask, with Size at least two pointers (room
     * for the LIST_ENTRY when the block is freed; heap-facts.md 1.11.8).
     */
    long allocationBytes(long heap, long size) {
        boolean memo = memo(heap);
        long round = memo ? memoAlignRound : mem.readPtr(heap + l.heapAlignRound);
        long mask = (memo ? memoAlignMask : mem.readPtr(heap + l.heapAlignMask)) | ~l.arch.pointerMask();
        return (Math.max(size, 2L * l.p) + round) & mask;
    }

    /**
     * True when the user data of a block carved as `units` from the free block at `entry` would run past the end
     * of the segment's committed part: on x64 without debug flags the data may end in the first 8 bytes of the next
     * header (PreviousBlockPrivateData), and the last block has no next header.
     */
    private boolean dataRunsPastLastEntry(long entry, int units, long size) {
        int blockUnits = e.size(entry);
        return (e.flags(entry) & HEAP_ENTRY_LAST_ENTRY) != 0 && blockUnits - units < 2
            && size + l.g > e.bytes(blockUnits);
    }

    // ------------------------------------------------------------------------------------------ creation

    /** Writes a new segment's structure at `segmentAddress` and turns its committed rest into free blocks. */
    void initSegment(long heap, int index, long base, long reserve, long commit, long segmentAddress,
                     int previousUnits) {
        int segUnits = l.segmentBlockSize / l.g;
        e.write(segmentAddress, segUnits, HEAP_ENTRY_BUSY, previousUnits, index, 0);
        long uncommittedPages = (reserve - commit) / PAGE;
        mem.writeU32(segmentAddress + l.segSignature, HeapConstants.HEAP_SEGMENT_SIGNATURE);
        mem.writeU32(segmentAddress + l.segFlags, 0);
        mem.writePtr(segmentAddress + l.segHeap, heap);
        mem.writePtr(segmentAddress + l.segLargestUnCommittedRange, reserve - commit);
        mem.writePtr(segmentAddress + l.segBaseAddress, base);
        mem.writeU32(segmentAddress + l.segNumberOfPages, reserve / PAGE);
        long first = segmentAddress + l.segmentBlockSize;
        mem.writePtr(segmentAddress + l.segFirstEntry, first);
        mem.writePtr(segmentAddress + l.segLastValidEntry, base + reserve);
        mem.writeU32(segmentAddress + l.segNumberOfUnCommittedPages, uncommittedPages);
        mem.writeU32(segmentAddress + l.segNumberOfUnCommittedRanges, uncommittedPages > 0 ? 1 : 0);
        mem.writePtr(segmentAddress + l.segUnCommittedRanges, 0);
        mem.writePtr(heap + l.segmentSlot(index), segmentAddress);
        heapsChanged(); // the memo holds the Segments array
        long lastIndex = heap + l.heapLastSegmentIndex;
        mem.writeByte(lastIndex, Math.max(mem.readByte(lastIndex), index));
        addFreeRun(heap, index, first, base + commit, segUnits);
    }

    /**
     * Turns [start, end) at the committed end of a segment into free blocks of at most HEAP_MAX_BLOCK_SIZE; the
     * last one carries LAST_ENTRY. Returns nothing; the segment's LastEntryInSegment is updated.
     */
    private void addFreeRun(long heap, int index, long start, long end, int previousUnits) {
        addFreeRun(heap, index, start, end, previousUnits, true);
    }

    /** As above; the run ends with LAST_ENTRY only when `lastEntry`. Returns the units of its last block. */
    private int addFreeRun(long heap, int index, long start, long end, int previousUnits, boolean lastEntry) {
        int max = maxBlockUnits(heap);
        long at = start;
        int prev = previousUnits;
        while (at < end) {
            int remaining = (int) ((end - at) >> l.arch.shift());
            int units = Math.min(max, remaining);
            if (remaining - units == 1) {
                units--;
            }
            boolean last = at + e.bytes(units) == end;
            e.write(at, units, last && lastEntry ? HEAP_ENTRY_LAST_ENTRY : 0, prev, index, 0);
            if (at == start && last && takenUnits != 0 && units >= takenUnits
                && units >= HeapConstants.HEAP_FREELISTS && mem.untouched()
                && (flags(heap) & HEAP_FREE_CHECKING_ENABLED) == 0) {
                long head = lists.head(heap, 0);
                long links = e.links(at);
                e.setFlink(links, head);
                e.setBlink(links, e.blink(head));
                taken = at;
                takenUnits = 0;
            } else {
                insertWritten(heap, at, units, last && lastEntry ? HEAP_ENTRY_LAST_ENTRY : 0);
            }
            if (last && lastEntry) {
                updateLastEntry(heap, index, start, end, at);
            }
            prev = units;
            at += e.bytes(units);
        }
        return prev;
    }

    // ------------------------------------------------------------------------------------------ allocation

    /** Allocates; returns the user address or 0 (the caller sets the error). `flags` include ForceFlags. */
    long allocate(long heap, long flags, long size) {
        return allocate(heap, flags, size, false);
    }

    /**
     * Allocates as {@link #allocate(long, long, long)}; with `extra` the block gets one more granule at its end for
     * a zeroed HEAP_ENTRY_EXTRA (tag index, back trace index) and the EXTRA_PRESENT flag (heap-facts.md 1.4 step 3).
     * A virtual-alloc block always has its ExtraStuff in the HEAP_VIRTUAL_ALLOC_ENTRY.
     */
    long allocate(long heap, long flags, long size, boolean extra) {
        long max = maximumAllocationSize(heap);
        if (Long.compareUnsigned(size, max) > 0) {
            return 0;
        }
        long bytes = allocationBytes(heap, size) + (extra ? l.g : 0);
        long units = bytes >> l.arch.shift();
        if (units > maxBlockUnits(heap)) {
            return (flags(heap) & HEAP_GROWABLE) != 0 ? allocateVirtual(heap, flags, size) : 0;
        }
        long entry = takeOrExtend(heap, (int) units);
        if (entry != 0 && dataRunsPastLastEntry(entry, (int) units, size)) {
            // Windows ends a committed range with a sentinel entry whose first 8 bytes can take this overlap; here
            // the segment's last block cannot, so the request takes one unit more (x64 only, an exact fit at the end),
            // or, for a block of the largest size, the page after it is committed: the free block there takes the
            // overlap in its first 8 bytes (PreviousBlockPrivateData), as the sentinel would.
            insertFree(heap, entry);
            if (units + 1 <= maxBlockUnits(heap)) {
                units++;
            } else if (!commitAfter(heap, segment(heap, e.segmentOffset(entry)), entry, PAGE)) {
                return (flags(heap) & HEAP_GROWABLE) != 0 ? allocateVirtual(heap, flags, size) : 0;
            }
            entry = takeOrExtend(heap, (int) units);
        }
        if (entry == 0) {
            return 0;
        }
        int finalUnits = carve(heap, entry, (int) units);
        finishBusy(heap, entry, finalUnits, flags, size, 0, extra);
        return entry + l.g;
    }

    /** A free block of at least `units` taken off its list, committing or adding memory when needed; or 0. */
    private long takeOrExtend(long heap, int units) {
        long entry = lists.take(heap, units);
        if (entry == 0) {
            takenUnits = units;
            taken = 0;
            boolean extended;
            try {
                extended = extend(heap, e.bytes(units));
            } finally {
                takenUnits = 0; // a fault in the extension (a damaged heap) must leave no request for a later one
            }
            if (taken != 0) {
                return taken;
            }
            if (extended) {
                entry = lists.take(heap, units);
            }
        }
        return entry;
    }

    /*
     * RtlpExtendHeap links the free block it makes into list 0 and RtlAllocateHeap's second search takes it straight
     * out again: no other entry is big enough (the first search found none, and the extension only unlinked the
     * fragments it merged), so list 0 is the largest entry at its tail. When the heap's lists are sound (nothing but
     * the heap code ever wrote a heap) and no free checking looks at the block, the two cancel out but for the
     * LIST_ENTRY left in the block: addFreeRun writes that and hands the block over unlinked (`taken`), sparing
     * four link writes and their reads in the blocks around the list's tail. `takenUnits` is the size wanted while
     * an extension for takeOrExtend runs, else 0.
     */
    private int takenUnits;
    private long taken;

    /**
     * Makes `entry` (unlinked, free) a busy block of `units`, splitting off the rest as a new free block when it
     * is at least 2 units (a 1-unit rest cannot hold a free entry and stays in the busy block). Returns the units.
     */
    private int carve(long heap, long entry, int units) {
        long header = e.header(entry);
        int blockUnits = HeapEntries.sizeOf(header);
        int last = HeapEntries.flagsOf(header) & HEAP_ENTRY_LAST_ENTRY;
        int seg = HeapEntries.segmentOffsetOf(header);
        int prev = HeapEntries.previousSizeOf(header);
        int rest = blockUnits - units;
        if (rest >= 2 && last == 0 && (flags(heap) & HEAP_DISABLE_COALESCE_ON_FREE) == 0) {
            checkIfFree(entry + e.bytes(blockUnits));
        }
        if (rest >= 2) {
            e.write(entry, units, HEAP_ENTRY_BUSY, prev, seg, 0);
            splitOff(heap, entry + e.bytes(units), rest, units, last, seg);
            return units;
        }
        e.write(entry, blockUnits, HEAP_ENTRY_BUSY | last, prev, seg, 0);
        return blockUnits;
    }

    /** Makes [at, at+rest units) a free block after a busy one, merged with a free block that follows. */
    private void splitOff(long heap, long at, int rest, int previousUnits, int last, int seg) {
        splitOff(heap, at, rest, previousUnits, last, seg, false, 0);
    }

    /**
     * As above; `detached` after {@link FreeLists#detach} (a remainder that ends the segment, so nothing to merge
     * with): the block is linked where the free block of `placeUnits` it was cut from was.
     */
    private void splitOff(long heap, long at, int rest, int previousUnits, int last, int seg, boolean detached,
                          int placeUnits) {
        int units = rest;
        int lastFlag = last;
        if (lastFlag == 0) {
            long next = at + e.bytes(units);
            long nextHeader = e.header(next);
            if ((HeapEntries.flagsOf(nextHeader) & HEAP_ENTRY_BUSY) == 0
                && units + HeapEntries.sizeOf(nextHeader) <= maxBlockUnits(heap)
                && (flags(heap) & HEAP_DISABLE_COALESCE_ON_FREE) == 0) {
                lists.remove(heap, next, HeapEntries.sizeOf(nextHeader));
                nextHeader = e.header(next); // the unlink through a damaged link may have written over it
                units += HeapEntries.sizeOf(nextHeader);
                lastFlag = HeapEntries.flagsOf(nextHeader) & HEAP_ENTRY_LAST_ENTRY;
            }
        }
        e.write(at, units, lastFlag, previousUnits, seg, 0);
        if (lastFlag == 0) {
            e.setPreviousSize(at + e.bytes(units), units);
        } else {
            updateLastEntry(heap, seg, at, at + e.bytes(units), at);
        }
        // insertFree, without reading back the header just written (no write since can reach it, short of a damaged
        // Segments[] slot or SegmentOffset aiming LastEntryInSegment at it)
        int fill = fillFree(flags(heap), at, units);
        if (fill != 0) {
            e.setFlags(at, lastFlag | fill);
        }
        if (detached) {
            lists.attach(heap, at, units, placeUnits);
        } else {
            lists.insert(heap, at, units);
        }
    }

    /**
     * Sets the busy header's flags and UnusedBytes and fills the user data (zero, 0xBAADF00D, tail 0xAB); with
     * `extra` the last granule is a zeroed HEAP_ENTRY_EXTRA and counts as unused bytes.
     */
    private void finishBusy(long heap, long entry, int units, long flags, long size, long keepBytes,
                            boolean extra) {
        finishBusy(heap, entry, units, flags, size, keepBytes, extra, e.flags(entry) & HEAP_ENTRY_LAST_ENTRY, -1);
    }

    /**
     * As above, with the LAST_ENTRY flag known; with a `header` (not -1: the 8 bytes from Size, right but for Size,
     * Flags and UnusedBytes) Size, Flags and UnusedBytes are written in one write with the bytes between.
     */
    private void finishBusy(long heap, long entry, int units, long flags, long size, long keepBytes,
                            boolean extra, int lastFlag, long header) {
        long blockBytes = e.bytes(units);
        int entryFlags = HEAP_ENTRY_BUSY | lastFlag | (int) ((flags & HEAP_SETTABLE_USER_FLAGS) >> 4);
        if (extra) {
            mem.fill(entry + blockBytes - l.g, l.g, 0);
            entryFlags |= HEAP_ENTRY_EXTRA_PRESENT;
        }
        long user = entry + l.g;
        if ((flags & HEAP_ZERO_MEMORY) != 0) {
            if (size > keepBytes) {
                mem.fill(user + keepBytes, size - keepBytes, 0);
            }
        } else if ((flags & HEAP_FREE_CHECKING_ENABLED) != 0 && size > keepBytes) {
            long from = AddressSpace.alignUp(keepBytes, 4);
            if ((size & ~3L) > from) {
                mem.fillPattern32(user + from, (size & ~3L) - from, ARENA_INUSE_FILLER);
            }
        }
        if ((flags & HEAP_TAIL_CHECKING_ENABLED) != 0) {
            mem.fill(user + size, l.g, TAIL_FILL);
            entryFlags |= HEAP_ENTRY_FILL_PATTERN;
        }
        if (header == -1) {
            e.setFlags(entry, entryFlags);
            e.setUnusedBytes(entry, (int) (blockBytes - size));
        } else {
            e.writeHeader(entry, header & KEPT_HEADER_BYTES | units | (long) entryFlags << 16
                | (blockBytes - size) << 56);
        }
    }

    /** SmallTagIndex, PreviousSize and SegmentOffset: the bytes of a header between Flags and UnusedBytes. */
    private static final long KEPT_HEADER_BYTES = 0x00FF_FFFF_FF00_0000L;

    /**
     * Commits more of a segment, or adds a segment to a growable heap (RtlpExtendHeap), leaving a free block big
     * enough for `bytes` on the free lists. Returns false when the heap cannot grow.
     */
    private boolean extend(long heap, long bytes) {
        long pages = AddressSpace.alignUp(bytes, PAGE);
        long[] segments = segments(heap);
        for (int i = 0; i < HeapConstants.HEAP_SEGMENTS; i++) {
            long seg = segments[i];
            if (seg == 0) {
                continue;
            }
            // RtlpExtendHeap tries a segment only when NumberOfUnCommittedPages and LargestUnCommittedRange both allow
            // the size (ReactOS heap.c; assumed the same in Windows XP), then looks for the range.
            boolean known = memo(heap);
            long uncommitted = known ? memoUncommittedPages[i] : mem.readU32(seg + l.segNumberOfUnCommittedPages);
            long start = uncommitted * PAGE >= pages
                && (known ? memoLargestUncommitted[i] : mem.readPtr(seg + l.segLargestUnCommittedRange)) >= pages
                ? findUncommitted(heap, i, seg, pages) : -1;
            if (start >= 0) {
                commitInSegment(heap, i, seg, start, pages);
                return true;
            }
        }
        if ((flags(heap) & HEAP_GROWABLE) == 0) {
            return false;
        }
        for (int i = 1; i < HeapConstants.HEAP_SEGMENTS; i++) {
            if (segments[i] == 0) { // nothing was written since the array was read
                return addSegment(heap, i, bytes);
            }
        }
        return false;
    }

    /**
     * Commits `pages` bytes at `commitStart`, the start of an uncommitted range of the segment, and turns them into
     * free blocks merged with the LAST_ENTRY block before the range and with the block after it when free.
     */
    private void commitInSegment(long heap, int index, long seg, long commitStart, long pages) {
        commitInSegment(heap, index, seg, commitStart, pages, blockEndingAt(heap, index, seg, commitStart));
    }

    /** As {@link #commitInSegment(long, int, long, long, long)}, with the block that ends at `commitStart` known. */
    private void commitInSegment(long heap, int index, long seg, long commitStart, long pages, long before) {
        long commitEnd = commitStart + pages;
        long lastValid = lastValidEntry(heap, index, seg);
        long after = commitEnd < lastValid && mem.isCommitted(commitEnd) ? commitEnd : 0;
        int max = maxBlockUnits(heap);
        if (before != 0) {
            checkIfFree(before);
        }
        if (after != 0) {
            checkIfFree(after);
        }
        mem.virtualAlloc(commitStart, pages, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        recountUncommitted(heap, index, seg);
        long start = commitStart;
        int prev = 0;
        if (before != 0) {
            prev = e.size(before);
            if ((e.flags(before) & HEAP_ENTRY_BUSY) == 0 && e.size(before) + (pages >> l.arch.shift()) <= max) {
                lists.remove(heap, before);
                start = before;
                prev = e.previousSize(before);
            } else {
                e.setFlags(before, e.flags(before) & ~HEAP_ENTRY_LAST_ENTRY);
            }
        }
        long end = commitEnd;
        boolean lastEntry = true;
        if (after != 0) {
            if ((e.flags(after) & HEAP_ENTRY_BUSY) == 0) {
                lists.remove(heap, after);
                end = after + e.bytes(e.size(after));
                lastEntry = (e.flags(after) & HEAP_ENTRY_LAST_ENTRY) != 0;
            } else {
                lastEntry = false;
            }
        }
        int lastUnits = addFreeRun(heap, index, start, end, prev, lastEntry);
        if (!lastEntry) {
            e.setPreviousSize(end, lastUnits);
        }
    }

    /** True when `entry` is a LAST_ENTRY block that ends at `address` and links back to the block before it. */
    private boolean isLastEntryEndingAt(long entry, long address) {
        long header = e.header(entry);
        int units = HeapEntries.sizeOf(header);
        if ((HeapEntries.flagsOf(header) & HEAP_ENTRY_LAST_ENTRY) == 0 || units == 0
            || entry + e.bytes(units) != address) {
            return false;
        }
        int previous = HeapEntries.previousSizeOf(header);
        long before = entry - e.bytes(previous);
        return previous == 0 ? (entry & (PAGE - 1)) == 0 : mem.isCommitted(before) && e.size(before) == previous;
    }

    /**
     * True when the block after a block of `units`, whose header is `header`, is a free LAST_ENTRY block too small to
     * grow that block to `wanted`.
     */
    private static boolean lastAndTooSmall(long header, int units, long wanted) {
        int flags = HeapEntries.flagsOf(header);
        return (flags & HEAP_ENTRY_BUSY) == 0 && (flags & HEAP_ENTRY_LAST_ENTRY) != 0
            && units + HeapEntries.sizeOf(header) < wanted;
    }

    /**
     * Commits pages right after the LAST_ENTRY block `tail` (busy or free) so that at least `bytes` more follow it,
     * merged into free blocks; false when the reserved, uncommitted pages there are too few.
     */
    private boolean commitAfter(long heap, long seg, long tail, long bytes) {
        long start = tail + e.bytes(e.size(tail));
        long pages = AddressSpace.alignUp(Math.max(bytes, 1), PAGE);
        long lastValid = mem.readPtr(seg + l.segLastValidEntry);
        if ((start & (PAGE - 1)) != 0 || start + pages > lastValid) {
            return false;
        }
        for (long page = start; page < start + pages; page += PAGE) {
            if (mem.isCommitted(page)) {
                return false;
            }
        }
        commitInSegment(heap, e.segmentOffset(tail), seg, start, pages, tail);
        return true;
    }

    /** The block of the segment that ends at `address` (walking across uncommitted ranges), or 0. */
    private long blockEndingAt(long heap, int index, long seg, long address) {
        long last = memo(heap) ? memoLastEntries[index] : mem.readPtr(seg + l.segLastEntryInSegment);
        if (last != 0 && last < address && mem.isCommitted(last) && isLastEntryEndingAt(last, address)) {
            return last; // the usual case: the heap grows at the end of its topmost committed range
        }
        // Else walk the committed run that ends at the address: it starts after the uncommitted range before it
        // (its first block begins on that page boundary), or at the segment's start.
        long first = index == 0 ? heap : seg;
        long at = mem.committedRunStart(address - 1, AddressSpace.alignDown(first, PAGE));
        if (at <= first) {
            at = first;
        }
        while (at < address) {
            if (!mem.isCommitted(at)) {
                at = AddressSpace.alignUp(at + 1, PAGE);
                continue;
            }
            int units = e.size(at);
            if (units == 0) {
                return 0;
            }
            if (at + e.bytes(units) == address) {
                return at;
            }
            at += e.bytes(units);
        }
        return 0;
    }

    private boolean addSegment(long heap, int index, long bytes) {
        long segmentReserve = mem.readPtr(heap + l.heapSegmentReserve);
        long least = AddressSpace.alignUp(bytes + PAGE, AddressSpace.ALLOCATION_GRANULARITY);
        long reserve = Math.max(segmentReserve, least);
        long base = mem.virtualAlloc(0, reserve, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        // RtlpExtendHeap halves the reservation on failure, down to Size + PAGE (heap-facts.md 1.4, "Extend heap").
        while (base == 0 && reserve > least) {
            reserve = Math.max(least, AddressSpace.alignUp(reserve / 2, AddressSpace.ALLOCATION_GRANULARITY));
            base = mem.virtualAlloc(0, reserve, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        }
        if (base == 0) {
            return false;
        }
        long commit = Math.min(reserve, Math.max(mem.readPtr(heap + l.heapSegmentCommit),
            AddressSpace.alignUp(bytes + PAGE, PAGE)));
        // Each new segment makes the next one bigger: Heap->SegmentReserve += the bytes reserved (1.4).
        mem.writePtr(heap + l.heapSegmentReserve, segmentReserve + reserve);
        mem.watch(base);
        mem.virtualAlloc(base, commit, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        initSegment(heap, index, base, reserve, commit, base, 0);
        return true;
    }

    /** A block above the virtual memory threshold gets its own VirtualAlloc region (heap-facts.md 1.4 step 7). */
    private long allocateVirtual(long heap, long flags, long size) {
        int header = l.virtualAllocEntry.size();
        long total = AddressSpace.alignUp(size + header, PAGE);
        long base = mem.virtualAlloc(0, total, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        if (base == 0) {
            return 0;
        }
        e.insertBefore(heap + l.heapVirtualAllocdBlocks, base);
        mem.writePtr(base + l.vaCommitSize, total);
        mem.writePtr(base + l.vaReserveSize, total);
        long busy = base + l.vaBusyBlock;
        // BusyBlock.Size of a virtual block holds the unused byte count, not a size in units.
        e.write(busy, (int) (total - size), HEAP_ENTRY_BUSY | HEAP_ENTRY_VIRTUAL_ALLOC | HEAP_ENTRY_EXTRA_PRESENT,
            0, 0, 0);
        return base + header;
    }

    // ------------------------------------------------------------------------------------------ free

    /** For tests: turns the list 0 mirror on or off; returns how many inserts and takes it has served. */
    long mirrorListZero(boolean on) {
        lists.mirror = on;
        return lists.mirrorUses;
    }

    /** Drops what the heap's code mirrors of its lists (a heap is created or destroyed at `heap`). */
    void forgetIndexes(long heap) {
        lists.forget(heap);
    }

    /** Links a free block, filling its body with 0xFEEEFEEE and setting FILL_PATTERN under free checking. */
    private void insertFree(long heap, long entry) {
        long header = e.header(entry);
        int units = HeapEntries.sizeOf(header);
        e.setFlags(entry, HeapEntries.flagsOf(header) & HEAP_ENTRY_LAST_ENTRY | fillFree(flags(heap), entry, units));
        e.setUnusedBytes(entry, 0);
        lists.insert(heap, entry, units);
    }

    /**
     * {@link #insertFree} of a block of `units` whose header the heap code has just written with the flags `written`
     * (LAST_ENTRY or none) and UnusedBytes 0: on a heap nothing but the heap code ever wrote (AddressSpace#untouched),
     * no write since can have reached it, so it is not read back.
     */
    private void insertWritten(long heap, long at, int units, int written) {
        if (!mem.untouched()) {
            insertFree(heap, at);
            return;
        }
        int fill = fillFree(flags(heap), at, units);
        if (fill != 0) {
            e.setFlags(at, written & HEAP_ENTRY_LAST_ENTRY | fill);
        }
        lists.insert(heap, at, units);
    }

    /**
     * Under free checking, fills the body of the free block at `entry` (after its LIST_ENTRY) with 0xFEEEFEEE and
     * returns HEAP_ENTRY_FILL_PATTERN for its flags; else 0.
     */
    private int fillFree(long heapFlags, long entry, int units) {
        if ((heapFlags & HEAP_FREE_CHECKING_ENABLED) == 0) {
            return 0;
        }
        long body = entry + l.g + 2L * l.p;
        long end = entry + e.bytes(units);
        if (end > body) {
            mem.fillPattern32(body, end - body, ARENA_FREE_FILLER);
        }
        return HEAP_ENTRY_FILL_PATTERN;
    }

    /** Frees a busy segment block: coalesces with free neighbours (unless disabled) and links the result. */
    void freeBlock(long heap, long entry) {
        freeBlock(heap, entry, e.header(entry));
    }

    /** {@link #freeBlock(long, long)} of a block whose header the caller has just read: `header`. */
    void freeBlock(long heap, long entry, long header) {
        int units = HeapEntries.sizeOf(header);
        int seg = HeapEntries.segmentOffsetOf(header);
        int prev = HeapEntries.previousSizeOf(header);
        int last = HeapEntries.flagsOf(header) & HEAP_ENTRY_LAST_ENTRY;
        long at = entry;
        if ((flags(heap) & HEAP_DISABLE_COALESCE_ON_FREE) == 0) {
            int max = maxBlockUnits(heap);
            if (prev != 0) {
                checkIfFree(at - e.bytes(prev));
            }
            if (last == 0) {
                checkIfFree(at + e.bytes(units));
            }
            if (prev != 0) {
                long before = at - e.bytes(prev);
                if ((e.flags(before) & HEAP_ENTRY_BUSY) == 0 && prev + units <= max) {
                    lists.remove(heap, before);
                    units += prev;
                    at = before;
                    prev = e.previousSize(before);
                }
            }
            if (last == 0) {
                long next = at + e.bytes(units);
                if ((e.flags(next) & HEAP_ENTRY_BUSY) == 0 && units + e.size(next) <= max) {
                    lists.remove(heap, next);
                    units += e.size(next);
                    last = e.flags(next) & HEAP_ENTRY_LAST_ENTRY;
                }
            }
        }
        long total = lists.totalFree(heap);
        // Choice (sources silent on why): a fixed heap keeps the committed pages at its end, so that Windows' 1.11.12
        // holds (after HeapAlloc(0) + HeapFree, 3 * alloc_size still fails in HeapCreate(0, 2 * a, 5 * a)).
        boolean keepsTail = last != 0 && (flags(heap) & HEAP_GROWABLE) == 0;
        if (!keepsTail && units >= mem.readPtr(heap + l.heapDeCommitFreeBlockThreshold)
            && total + units >= mem.readPtr(heap + l.heapDeCommitTotalFreeThreshold)
            && decommit(heap, seg, at, units, prev, last)) {
            return;
        }
        e.write(at, units, last, prev, seg, 0);
        if (last == 0) {
            e.setPreviousSize(at + e.bytes(units), units);
        } else {
            updateLastEntry(heap, seg, at, at + e.bytes(units), at);
        }
        insertWritten(heap, at, units, last);
    }

    /**
     * Decommits the whole pages inside the free block [at, at + units) (RtlpDeCommitFreeBlock, heap-facts.md 1.5):
     * the fragment before the hole (kept at least two units, so one page more stays committed when it would be
     * smaller) is a free block with LAST_ENTRY; the fragment after it, if any (likewise at least two units), is a free
     * block with PreviousSize 0, as after any uncommitted range. Returns false (nothing done) when no whole page fits.
     */
    private boolean decommit(long heap, int seg, long at, int units, int prev, int last) {
        long end = at + e.bytes(units);
        long holeStart = AddressSpace.alignUp(at, PAGE);
        if (holeStart - at < 2L * l.g) {
            holeStart += PAGE;
        }
        long holeEnd = AddressSpace.alignDown(end, PAGE);
        if (end - holeEnd == l.g) {
            holeEnd -= PAGE;
        }
        if (holeEnd <= holeStart) {
            return false;
        }
        int leading = (int) ((holeStart - at) >> l.arch.shift());
        e.write(at, leading, HEAP_ENTRY_LAST_ENTRY, prev, seg, 0);
        insertWritten(heap, at, leading, HEAP_ENTRY_LAST_ENTRY);
        int trailing = (int) ((end - holeEnd) >> l.arch.shift());
        if (trailing > 0) {
            e.write(holeEnd, trailing, last, 0, seg, 0);
            insertWritten(heap, holeEnd, trailing, last);
            if (last == 0) {
                e.setPreviousSize(end, trailing);
            }
        } else if (last == 0) {
            e.setPreviousSize(end, 0);
        }
        mem.virtualFree(holeStart, holeEnd - holeStart, AddressSpace.MEM_DECOMMIT);
        if (last != 0) {
            updateLastEntry(heap, seg, at, end, trailing > 0 ? holeEnd : at);
        }
        recountUncommitted(heap, seg, segment(heap, seg));
        return true;
    }

    /** LastEntryInSegment follows the topmost LAST_ENTRY block (a block before a hole in the middle is not it). */
    private void updateLastEntry(long heap, int index, long blockStart, long blockEnd, long entry) {
        long field = segment(heap, index) + l.segLastEntryInSegment;
        boolean known = memo(heap);
        long current = known ? memoLastEntries[index] : mem.readPtr(field);
        if (current == 0 || current >= blockStart && current < blockEnd || blockStart > current) {
            mem.writePtr(field, entry);
            if (known) {
                memoLastEntries[index] = entry & l.arch.pointerMask();
            }
        }
    }

    /** NumberOfUnCommittedPages/Ranges and LargestUnCommittedRange from the segment's pages. */
    private void recountUncommitted(long heap, int index, long seg) {
        boolean known = memo(heap);
        long[] counts = mem.uncommittedCounts(known ? memoBases[index] : mem.readPtr(seg + l.segBaseAddress),
            known ? memoPages[index] : mem.readU32(seg + l.segNumberOfPages));
        mem.writeU32(seg + l.segNumberOfUnCommittedPages, counts[0]);
        mem.writeU32(seg + l.segNumberOfUnCommittedRanges, counts[1]);
        mem.writePtr(seg + l.segLargestUnCommittedRange, counts[2] * PAGE);
        if (known) {
            memoUncommittedPages[index] = counts[0] & 0xFFFF_FFFFL;
            memoLargestUncommitted[index] = counts[2] * PAGE & l.arch.pointerMask();
        }
    }

    /** The first uncommitted range of at least `pages` bytes in the segment (first fit by address), or -1. */
    private long findUncommitted(long heap, int index, long seg, long bytes) {
        boolean known = memo(heap);
        return mem.firstUncommittedRun(known ? memoBases[index] : mem.readPtr(seg + l.segBaseAddress),
            known ? memoPages[index] : mem.readU32(seg + l.segNumberOfPages), bytes);
    }

    /**
     * HeapCompact on a heap that does not coalesce on free (HEAP_DISABLE_COALESCE_ON_FREE): merges each run of
     * adjacent free blocks of a segment into one, up to the largest block size, as MS's HeapCompact page says it does
     * under that flag. Assumed: it decommits nothing (the page speaks of coalescing only).
     */
    void coalesceFreeBlocks(long heap, HeapInfo info) {
        int max = maxBlockUnits(heap);
        for (HeapSegmentInfo segment : info.segments()) {
            List<HeapBlock> blocks = segment.blocks();
            for (int i = 0; i < blocks.size(); ) {
                int j = i;
                long units = blocks.get(i).size() >> l.arch.shift();
                while (j + 1 < blocks.size() && blocks.get(i).kind() == HeapBlock.Kind.FREE
                    && blocks.get(j + 1).kind() == HeapBlock.Kind.FREE
                    && blocks.get(j).entry() + blocks.get(j).size() == blocks.get(j + 1).entry()
                    && units + (blocks.get(j + 1).size() >> l.arch.shift()) <= max) {
                    j++;
                    units += blocks.get(j).size() >> l.arch.shift();
                }
                if (j > i) {
                    merge(heap, blocks.subList(i, j + 1), (int) units);
                }
                i = j + 1;
            }
        }
    }

    /** Unlinks the adjacent free blocks and links them back as one of `units`. */
    private void merge(long heap, List<HeapBlock> run, int units) {
        HeapBlock first = run.get(0);
        HeapBlock last = run.get(run.size() - 1);
        for (HeapBlock b : run) {
            checkIfFree(b.entry()); // a modified fill is reported (and breaks) before the merge refills it
        }
        for (HeapBlock b : run) {
            lists.remove(heap, b.entry());
        }
        int lastFlag = last.flags() & HEAP_ENTRY_LAST_ENTRY;
        e.write(first.entry(), units, lastFlag, (int) (first.previousSize() >> l.arch.shift()), first.segmentIndex(),
            0);
        long end = first.entry() + e.bytes(units);
        if (lastFlag == 0) {
            e.setPreviousSize(end, units);
        } else {
            updateLastEntry(heap, first.segmentIndex(), first.entry(), end, first.entry());
        }
        insertFree(heap, first.entry());
    }

    /** Releases a virtual-alloc block: unlink from VirtualAllocdBlocks, VirtualFree(MEM_RELEASE). */
    void freeVirtual(long heap, long busyEntry) {
        long base = busyEntry - l.vaBusyBlock;
        e.unlink(base);
        mem.virtualFree(base, 0, AddressSpace.MEM_RELEASE);
    }

    /**
     * The size in bytes of the largest committed free block (what HeapCompact returns): the last entry of the
     * size-sorted FreeLists[0], else the highest dedicated list in use; 0 when nothing is free.
     */
    long largestFreeBlockBytes(long heap) {
        long head = lists.head(heap, 0);
        long largest = e.blink(head);
        if (largest != head) {
            return e.bytes(e.size(largest - l.g));
        }
        for (int i = HeapConstants.HEAP_FREELISTS - 1; i > 0; i--) {
            if (lists.bit(heap, i)) {
                return e.bytes(i);
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ size, realloc

    /** The requested size of a busy block (HeapSize). */
    long requestedSize(long entry) {
        if ((e.flags(entry) & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            long base = entry - l.vaBusyBlock;
            return mem.readPtr(base + l.vaCommitSize) - e.size(entry);
        }
        return e.bytes(e.size(entry)) - e.unusedBytes(entry);
    }

    /**
     * Resizes in place when the block itself or the free block after it is big enough (shrinking always works);
     * returns false when it cannot (the caller moves the block unless HEAP_REALLOC_IN_PLACE_ONLY).
     */
    boolean resizeInPlace(long heap, long entry, long head, long flags, long size) {
        int entryFlags = HeapEntries.flagsOf(head);
        if ((entryFlags & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            long oldSize = requestedSize(entry);
            long base = entry - l.vaBusyBlock;
            long header = l.virtualAllocEntry.size();
            long commit = mem.readPtr(base + l.vaCommitSize);
            if (size > commit - header) {
                return false;
            }
            // Shrinking decommits the whole pages past the new end (heap-facts.md 1.11.10), which also keeps the
            // unused byte count in BusyBlock.Size (a USHORT) below a page plus the header.
            long needed = AddressSpace.alignUp(size + header, PAGE);
            if (needed < commit) {
                mem.virtualFree(base + needed, commit - needed, AddressSpace.MEM_DECOMMIT);
                mem.writePtr(base + l.vaCommitSize, needed);
                commit = needed;
            }
            if ((flags & HEAP_ZERO_MEMORY) != 0 && size > oldSize) {
                mem.fill(entry + l.g + oldSize, size - oldSize, 0);
            }
            e.setSize(entry, (int) (commit - size));
            return true;
        }
        int units = HeapEntries.sizeOf(head);
        long oldSize = e.bytes(units) - HeapEntries.unusedBytesOf(head);
        boolean extra = (entryFlags & HEAP_ENTRY_EXTRA_PRESENT) != 0;
        long bytes = allocationBytes(heap, size) + (extra ? l.g : 0);
        long wanted = bytes >> l.arch.shift();
        if (wanted > maxBlockUnits(heap)) {
            return false;
        }
        byte[] extraStuff = extra ? mem.readBytes(entry + e.bytes(units) - l.g, l.g) : null;
        int seg = HeapEntries.segmentOffsetOf(head);
        int last = entryFlags & HEAP_ENTRY_LAST_ENTRY;
        long next = entry + e.bytes(units);
        // The next block is merged with on a split, or grown into
        boolean reachesNext = last == 0 && (wanted > units || units - wanted >= 2);
        long nextHeader = reachesNext ? e.header(next) : 0;
        // The free-fill check looks only at a free block with FILL_PATTERN (freeFillDamage): its flags are read here
        if (reachesNext && (HeapEntries.flagsOf(nextHeader) & (HEAP_ENTRY_BUSY | HEAP_ENTRY_FILL_PATTERN))
            == HEAP_ENTRY_FILL_PATTERN) {
            freeCheck.accept(next);
        }
        int keepFlags = entryFlags & ~HEAP_ENTRY_LAST_ENTRY;
        int finalUnits;
        boolean oneWrite = false;
        if (wanted <= units) {
            int rest = units - (int) wanted;
            if (rest >= 2) {
                e.setSize(entry, (int) wanted);
                e.setFlags(entry, keepFlags);
                splitOff(heap, entry + e.bytes((int) wanted), rest, (int) wanted, last, seg);
                finalUnits = (int) wanted;
            } else {
                if (last != 0 && size + l.g > e.bytes(units)) {
                    return false; // the data would run past the segment's last block (x64 overlap)
                }
                finalUnits = units;
            }
        } else {
            if (last != 0 || lastAndTooSmall(nextHeader, units, wanted)) {
                // As RtlpGrowBlockInPlace: a block that ends its committed range grows into the uncommitted range
                // after it, which is committed for it (ReactOS; this keeps a growing last block where it is).
                long tail = last != 0 ? entry : next;
                if (!commitAfter(heap, segment(heap, seg), tail,
                    e.bytes((int) wanted) - (tail - entry) - e.bytes(e.size(tail)))) {
                    return false;
                }
                last = 0;
                nextHeader = e.header(next); // the commit made or grew the block there
            }
            int nextFlags = HeapEntries.flagsOf(nextHeader);
            if ((nextFlags & HEAP_ENTRY_BUSY) != 0 || units + HeapEntries.sizeOf(nextHeader) < wanted) {
                return false;
            }
            int combined = units + HeapEntries.sizeOf(nextHeader);
            int nextLast = nextFlags & HEAP_ENTRY_LAST_ENTRY;
            int rest = combined - (int) wanted;
            if (rest < 2 && nextLast != 0 && size + l.g > e.bytes(combined)) {
                return false; // the data would run past the segment's last block (x64 overlap)
            }
            int nextUnits = HeapEntries.sizeOf(nextHeader);
            // A remainder that ends the segment (so nothing to merge with) may take the free block's place in its list
            // (FreeLists#detach): the same lists as remove then insert.
            boolean detached = rest >= 2 && nextLast != 0 && lists.detach(heap, next, nextUnits, rest);
            if (!detached) {
                lists.remove(heap, next, nextUnits);
            }
            if (rest >= 2) {
                // While nothing but the heap code wrote the heap, nothing below writes the header read at the start:
                // then Size, Flags and UnusedBytes are written at the end, in one write (finishBusy).
                oneWrite = mem.untouched();
                if (!oneWrite) {
                    e.setSize(entry, (int) wanted);
                    e.setFlags(entry, keepFlags);
                }
                splitOff(heap, entry + e.bytes((int) wanted), rest, (int) wanted, nextLast, seg, detached, nextUnits);
                finalUnits = (int) wanted;
            } else {
                e.setSize(entry, combined);
                e.setFlags(entry, keepFlags | nextLast);
                if (nextLast == 0) {
                    e.setPreviousSize(entry + e.bytes(combined), combined);
                } else {
                    updateLastEntry(heap, seg, entry, entry + e.bytes(combined), entry);
                }
                finalUnits = combined;
            }
        }
        if (oneWrite) { // not LAST_ENTRY: the remainder follows
            finishBusy(heap, entry, finalUnits, flags, size, Math.min(oldSize, size), extra, 0, head);
        } else {
            finishBusy(heap, entry, finalUnits, flags, size, Math.min(oldSize, size), extra);
        }
        if (extra) {
            mem.writeBytes(entry + e.bytes(finalUnits) - l.g, extraStuff); // the tag and trace move with the end
        }
        return true;
    }
}
