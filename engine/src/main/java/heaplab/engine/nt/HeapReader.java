package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_FILL_PATTERN;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC;

/**
 * Decodes heaps from simulated memory, as a debugger extension does: it follows the segment array, walks entries
 * by their Size fields, follows LIST_ENTRY links, and never trusts them blindly (walks stop at damage).
 */
final class HeapReader {
    private static final int PAGE = AddressSpace.PAGE_SIZE;
    private static final int MAX_LIST_WALK = 1_000_000;
    /** A page of 0xFEEEFEEE, to compare free blocks' bodies with. */
    private static final byte[] FREE_FILL = new byte[PAGE];

    static {
        for (int i = 0; i < FREE_FILL.length; i++) {
            FREE_FILL[i] = (byte) (NtHeap.ARENA_FREE_FILLER >>> (8 * (i & 3)));
        }
    }

    private final AddressSpace mem;
    private final HeapLayout l;
    private final NtHeap nt;
    private final HeapEntries e;

    HeapReader(AddressSpace mem, HeapLayout layout, NtHeap nt) {
        this.mem = mem;
        this.l = layout;
        this.nt = nt;
        this.e = nt.entries();
    }

    HeapInfo read(long heap, int index) {
        long[] inUse = new long[4];
        for (int i = 0; i < 4; i++) {
            inUse[i] = mem.readU32(heap + l.heapFreeListsInUse + 4L * i);
        }
        List<HeapSegmentInfo> segments = new ArrayList<>();
        for (int i = 0; i < HeapConstants.HEAP_SEGMENTS; i++) {
            long seg = nt.segment(heap, i);
            if (seg != 0) {
                segments.add(readSegment(heap, i, seg));
            }
        }
        return new HeapInfo(heap, index, mem.readU32(heap + l.heapFlags), mem.readU32(heap + l.heapForceFlags),
            mem.readPtr(heap + l.heapSegmentReserve), mem.readPtr(heap + l.heapSegmentCommit),
            mem.readPtr(heap + l.heapDeCommitFreeBlockThreshold), mem.readPtr(heap + l.heapDeCommitTotalFreeThreshold),
            mem.readPtr(heap + l.heapTotalFreeSize), mem.readPtr(heap + l.heapMaximumAllocationSize),
            mem.readU32(heap + l.heapVirtualMemoryThreshold), inUse, segments, readFreeLists(heap),
            readVirtualBlocks(heap));
    }

    private HeapSegmentInfo readSegment(long heap, int index, long seg) {
        long base = mem.readPtr(seg + l.segBaseAddress);
        long first = mem.readPtr(seg + l.segFirstEntry);
        long lastValid = mem.readPtr(seg + l.segLastValidEntry);
        List<HeapBlock> blocks = new ArrayList<>();
        List<HeapSegmentInfo.UncommittedRange> ucrs = new ArrayList<>();
        long at = index == 0 ? heap : seg;
        long damaged = 0;
        while (at < lastValid) {
            if (!mem.isCommitted(at)) {
                at = addUncommitted(ucrs, at, lastValid);
                continue;
            }
            int units = e.size(at);
            long bytes = e.bytes(units);
            if (units == 0 || at + bytes > lastValid || !mem.isReadable(at, l.g)) {
                damaged = at; // a damaged header: a debugger stops its walk here too
                break;
            }
            int flags = e.flags(at);
            boolean busy = (flags & HEAP_ENTRY_BUSY) != 0;
            HeapBlock.Kind kind = at < first ? HeapBlock.Kind.INTERNAL
                : busy ? HeapBlock.Kind.BUSY : HeapBlock.Kind.FREE;
            int unused = e.unusedBytes(at);
            long requested = busy ? bytes - unused : 0;
            blocks.add(new HeapBlock(at, at + l.g, bytes, e.bytes(e.previousSize(at)), flags, unused, requested,
                e.segmentOffset(at), kind));
            at += bytes;
        }
        if (damaged != 0) {
            // The entries past the damage cannot be found, but the uncommitted ranges are the pages' own state.
            for (long page = AddressSpace.alignUp(damaged + 1, PAGE); page < lastValid; ) {
                page = mem.isCommitted(page) ? page + PAGE : addUncommitted(ucrs, page, lastValid);
            }
        }
        return new HeapSegmentInfo(index, seg, base, first, lastValid, mem.readU32(seg + l.segNumberOfPages),
            mem.readU32(seg + l.segNumberOfUnCommittedPages), blocks, ucrs, damaged);
    }

    /** Adds the uncommitted range that starts at `at` (within its page) and returns where it ends. */
    private long addUncommitted(List<HeapSegmentInfo.UncommittedRange> ucrs, long at, long lastValid) {
        long next = AddressSpace.alignDown(at, PAGE);
        while (next < lastValid && !mem.isCommitted(next)) {
            next += PAGE;
        }
        ucrs.add(new HeapSegmentInfo.UncommittedRange(at, next - at));
        return next;
    }

    private List<FreeListInfo> readFreeLists(long heap) {
        List<FreeListInfo> lists = new ArrayList<>();
        for (int i = 0; i < HeapConstants.HEAP_FREELISTS; i++) {
            long head = heap + l.freeListHead(i);
            long flink = e.flink(head);
            long blink = e.blink(head);
            List<FreeListInfo.Entry> entries = new ArrayList<>();
            long cur = flink;
            int guard = 0;
            while (cur != head && guard++ < MAX_LIST_WALK && mem.isReadable(cur - l.g, l.g + 2L * l.p)) {
                long entry = cur - l.g;
                entries.add(new FreeListInfo.Entry(entry, e.bytes(e.size(entry)), e.flink(cur), e.blink(cur),
                    e.flags(entry)));
                cur = e.flink(cur);
            }
            lists.add(new FreeListInfo(i, head, flink, blink, entries));
        }
        return lists;
    }

    private List<HeapBlock> readVirtualBlocks(long heap) {
        List<HeapBlock> blocks = new ArrayList<>();
        long head = heap + l.heapVirtualAllocdBlocks;
        int guard = 0;
        for (long cur = e.flink(head); cur != head && guard++ < MAX_LIST_WALK && mem.isReadable(cur, l.p);
             cur = e.flink(cur)) {
            long busy = cur + l.vaBusyBlock;
            long commit = mem.readPtr(cur + l.vaCommitSize);
            long unused = e.size(busy);
            blocks.add(new HeapBlock(busy, cur + l.virtualAllocEntry.size(), commit - l.vaBusyBlock, 0,
                e.flags(busy), (int) unused, commit - unused, -1, HeapBlock.Kind.VIRTUAL));
        }
        return blocks;
    }

    /** True unless the block has FILL_PATTERN (tail checking) and a byte of its 0xAB tail was changed. */
    boolean tailIntact(long entry) {
        return tailDamage(entry) == 0;
    }

    /**
     * The address of the first byte of a FILL_PATTERN busy block's 0xAB tail (the granularity bytes after the
     * requested size) that was changed, or 0 when the tail is intact or the block has none.
     */
    long tailDamage(long entry) {
        return tailDamage(entry, e.flags(entry));
    }

    /** {@link #tailDamage(long)} of a block whose Flags are `flags`. */
    long tailDamage(long entry, int flags) {
        if ((flags & HEAP_ENTRY_FILL_PATTERN) == 0 || (flags & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            return 0;
        }
        long tail = entry + l.g + nt.requestedSize(entry);
        for (int i = 0; i < l.g; i++) {
            if (mem.peekByte(tail + i) != NtHeap.TAIL_FILL) {
                return tail + i;
            }
        }
        return 0;
    }

    /**
     * The first byte of a FILL_PATTERN free block's body (after its LIST_ENTRY) that no longer holds 0xFEEEFEEE, or 0
     * when the fill is intact or the block has no fill.
     */
    long freeFillDamage(HeapBlock block) {
        if ((block.flags() & HEAP_ENTRY_FILL_PATTERN) == 0) {
            return 0;
        }
        long body = block.entry() + l.g + 2L * l.p;
        long end = block.entry() + block.size();
        if (end <= body) {
            return 0;
        }
        if (!mem.isReadable(body, end - body)) {
            return body;
        }
        byte[] bytes = mem.readBytes(body, (int) (end - body));
        for (int from = 0; from < bytes.length; from += FREE_FILL.length) {
            int n = Math.min(FREE_FILL.length, bytes.length - from);
            int i = Arrays.mismatch(bytes, from, from + n, FREE_FILL, 0, n);
            if (i >= 0) {
                return body + from + i;
            }
        }
        return 0;
    }

    /** Whole-heap validation (heap-facts.md 1.10): the list of problems, empty when sound. */
    List<String> validate(long heap) {
        List<String> errors = new ArrayList<>();
        if (mem.readU32(heap + l.heapSignature) != HeapConstants.HEAP_SIGNATURE) {
            errors.add("bad heap signature");
            return errors;
        }
        HeapInfo info = read(heap, 0);
        long listed = 0;
        long listedUnits = 0;
        for (FreeListInfo list : info.freeLists()) {
            int i = list.index();
            boolean bit = i > 0 && (info.freeListsInUse()[i >>> 5] & (1L << (i & 31))) != 0;
            if (i > 0 && bit != !list.entries().isEmpty()) {
                errors.add("FreeListsInUse bit " + i + " does not match FreeList[" + i + "]");
            }
            long previousSize = 0;
            long previousLink = list.head();
            for (FreeListInfo.Entry entry : list.entries()) {
                long link = entry.entry() + l.g;
                // The links both ways, as safe unlinking checks them (a damaged Blink breaks the next unlink).
                if (entry.blink() != previousLink) {
                    errors.add("FreeList[" + i + "] entry " + Long.toHexString(entry.entry()) + ": Blink "
                        + Long.toHexString(entry.blink()) + " is not the entry before it ("
                        + Long.toHexString(previousLink) + ")");
                }
                previousLink = link;
                long units = entry.size() >> l.arch.shift();
                if ((entry.flags() & HEAP_ENTRY_BUSY) != 0) {
                    errors.add("busy block " + Long.toHexString(entry.entry()) + " on FreeList[" + i + "]");
                }
                if (i > 0 && units != i) {
                    errors.add("block " + Long.toHexString(entry.entry()) + " of " + units + " units on FreeList["
                        + i + "]");
                }
                if (i == 0 && (units < HeapConstants.HEAP_FREELISTS || units < previousSize)) {
                    errors.add("FreeList[0] out of order at " + Long.toHexString(entry.entry()));
                }
                previousSize = units;
                listed++;
                listedUnits += units;
            }
            if (list.entries().size() < MAX_LIST_WALK && list.blink() != previousLink) {
                errors.add("FreeList[" + i + "] head's Blink " + Long.toHexString(list.blink())
                    + " is not its last entry (" + Long.toHexString(previousLink) + ")");
            }
        }
        long found = 0;
        for (HeapSegmentInfo seg : info.segments()) {
            long previous = 0;
            long expectedEnd = seg.lastValidEntry();
            for (HeapBlock b : seg.blocks()) {
                if (b.previousSize() != previous && b.kind() != HeapBlock.Kind.INTERNAL) {
                    errors.add("PreviousSize of " + Long.toHexString(b.entry()) + " does not match");
                }
                if (b.segmentIndex() != seg.index()) {
                    errors.add("SegmentOffset of " + Long.toHexString(b.entry()) + " is " + b.segmentIndex()
                        + ", not " + seg.index());
                }
                if (b.kind() == HeapBlock.Kind.FREE) {
                    found++;
                    long modified = freeFillDamage(b);
                    if (modified != 0) {
                        errors.add("free block " + Long.toHexString(b.entry()) + " modified at "
                            + Long.toHexString(modified) + " after it was freed");
                    }
                } else if (b.kind() == HeapBlock.Kind.BUSY && !tailIntact(b.entry())) {
                    errors.add("tail of " + Long.toHexString(b.entry()) + " modified");
                }
                previous = b.size();
                if ((b.flags() & HEAP_ENTRY_LAST_ENTRY) != 0) {
                    previous = 0;
                }
            }
            long walked = seg.blocks().isEmpty() ? 0
                : seg.blocks().get(seg.blocks().size() - 1).entry() + seg.blocks().get(seg.blocks().size() - 1).size();
            long uncommitted = seg.uncommitted().stream().filter(r -> r.address() >= walked)
                .mapToLong(HeapSegmentInfo.UncommittedRange::size).sum();
            if (walked + uncommitted != expectedEnd && walked != expectedEnd) {
                errors.add("segment " + seg.index() + " walk ends at " + Long.toHexString(walked));
            }
            long uncommittedPages = seg.uncommitted().stream().mapToLong(HeapSegmentInfo.UncommittedRange::size)
                .sum() / AddressSpace.PAGE_SIZE;
            if (uncommittedPages != seg.uncommittedPages()) {
                errors.add("segment " + seg.index() + " counts " + seg.uncommittedPages() + " uncommitted pages, "
                    + uncommittedPages + " found");
            }
        }
        if (found != listed) {
            errors.add(found + " free blocks in segments but " + listed + " on free lists");
        }
        if (listedUnits != info.totalFreeSize()) {
            errors.add("TotalFreeSize " + Long.toHexString(info.totalFreeSize()) + " but free lists hold "
                + Long.toHexString(listedUnits));
        }
        return errors;
    }
}
