package heaplab.engine.nt;

import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HeapWalk (heap-facts.md 1.11.13 to 1.11.15): the entries of a heap in Windows' order, decoded from simulated
 * memory through {@link HeapInfo}, and one step of a walk over them. For each segment: a PROCESS_HEAP_REGION entry,
 * then its blocks and uncommitted ranges in address order; after the last segment, the virtual-alloc blocks.
 *
 * <p>As in Windows, the walk's position lives only in the caller's PROCESS_HEAP_ENTRY: a NULL lpData starts a walk,
 * otherwise the entry after the one whose lpData (and PROCESS_HEAP_REGION bit) it holds is written over it. So a
 * scenario walks with repeated {@code HeapWalk(h, &e)} steps. What each entry holds:
 * <ul>
 *   <li>region: lpData = the segment's base (the heap for segment 0), cbData = the bytes of the heap and segment
 *       headers before its first block, cbOverhead 0, iRegionIndex = the segment's index, Region.dwCommittedSize /
 *       dwUnCommittedSize, lpFirstBlock = the first block's data, lpLastBlock = the end of the segment;</li>
 *   <li>busy block: PROCESS_HEAP_ENTRY_BUSY, lpData = the user pointer, cbData = the requested size, cbOverhead =
 *       the block's bytes after its header less the requested size;</li>
 *   <li>free block: wFlags 0, lpData = after its header, cbData = the bytes after its header (less two headers
 *       for the last block of a committed range), cbOverhead = the header's size;</li>
 *   <li>uncommitted range: PROCESS_HEAP_UNCOMMITTED_RANGE, lpData = its start, cbData = its size, cbOverhead 0;</li>
 *   <li>virtual-alloc block: PROCESS_HEAP_ENTRY_BUSY, lpData = the user pointer, cbData = the requested size,
 *       cbOverhead 0, iRegionIndex 64;</li>
 *   <li>LFH chunks (section 2, 1.11.17 and 18): a UserBlocks' back-end block is replaced by its chunks in address
 *       order, a busy one as PROCESS_HEAP_ENTRY_BUSY with lpData = the user pointer, cbData = the requested size,
 *       cbOverhead 8 (1.11.18), a free one with wFlags 0, cbData = the chunk's bytes after its header and
 *       cbOverhead 8 (choice: whether Windows lists free chunks is unconfirmed).</li>
 * </ul>
 * The union of a block entry (Block.hMem, dwReserved) is zeroed (choice: what Windows leaves there is undocumented).
 */
final class HeapWalker {
    static final int PROCESS_HEAP_REGION = 0x0001;
    static final int PROCESS_HEAP_UNCOMMITTED_RANGE = 0x0002;
    static final int PROCESS_HEAP_ENTRY_BUSY = 0x0004;
    /** iRegionIndex of the virtual-alloc blocks: one past the 64 segments. */
    static final int VIRTUAL_REGION_INDEX = HeapConstants.HEAP_SEGMENTS;

    private final AddressSpace mem;
    private final HeapLayout l;
    // PROCESS_HEAP_ENTRY offsets (the same as the call language's structure, script.StructureType).
    private final int cbData;
    private final int cbOverhead;
    private final int iRegionIndex;
    private final int wFlags;
    private final int union;
    private final int size;

    /**
     * One entry as HeapWalk reports it.
     *
     * @param data        lpData
     * @param bytes       cbData
     * @param overhead    cbOverhead
     * @param regionIndex iRegionIndex
     * @param flags       wFlags
     * @param committed   Region.dwCommittedSize (regions only)
     * @param uncommitted Region.dwUnCommittedSize (regions only)
     * @param firstBlock  Region.lpFirstBlock (regions only)
     * @param lastBlock   Region.lpLastBlock (regions only)
     */
    record Entry(long data, long bytes, int overhead, int regionIndex, int flags, long committed, long uncommitted,
                 long firstBlock, long lastBlock) {

        boolean isRegion() { return (flags & PROCESS_HEAP_REGION) != 0; }
    }

    HeapWalker(AddressSpace mem, HeapLayout layout) {
        this.mem = mem;
        this.l = layout;
        int p = layout.p;
        this.cbData = p;
        this.cbOverhead = p + 4;
        this.iRegionIndex = p + 5;
        this.wFlags = p + 6;
        this.union = p + 8;
        this.size = union + 8 + 2 * p;
    }

    /** sizeof(PROCESS_HEAP_ENTRY): 28 on x86, 40 on x64. */
    int entrySize() { return size; }

    /** Every entry of the heap, in the order HeapWalk returns them; `chunks` are the heap's LFH chunks. */
    List<Entry> entries(HeapInfo heap, List<LowFragmentationHeap.Chunk> chunks) {
        Map<Long, List<LowFragmentationHeap.Chunk>> byUserBlocks = new LinkedHashMap<>();
        for (LowFragmentationHeap.Chunk chunk : chunks) {
            byUserBlocks.computeIfAbsent(chunk.userBlocks(), k -> new ArrayList<>()).add(chunk);
        }
        List<Entry> out = new ArrayList<>();
        for (HeapSegmentInfo segment : heap.segments()) {
            int index = segment.index();
            out.add(new Entry(segment.base(), segment.firstEntry() - segment.base(), 0, index, PROCESS_HEAP_REGION,
                segment.committedBytes(), segment.uncommittedPages() * AddressSpace.PAGE_SIZE,
                segment.firstEntry() + l.g, segment.lastValidEntry()));
            List<HeapSegmentInfo.UncommittedRange> ranges = segment.uncommitted();
            int r = 0;
            for (HeapBlock block : segment.blocks()) {
                while (r < ranges.size() && ranges.get(r).address() < block.entry()) {
                    out.add(range(ranges.get(r++), index));
                }
                List<LowFragmentationHeap.Chunk> inside = block.isBusy() ? byUserBlocks.get(block.user()) : null;
                if (inside != null) {
                    for (LowFragmentationHeap.Chunk chunk : inside) {
                        // Busy: cbOverhead 8 (1.11.18); free: 2 * sizeof(void *) of overhead, as Wine's test asserts
                        // for Windows (the same 8 on x86, 16 on x64).
                        long overhead = chunk.busy() ? LowFragmentationHeap.CHUNK_HEADER : 2L * l.p;
                        out.add(new Entry(chunk.user(), chunk.busy() ? chunk.requested() : chunk.stride() - overhead,
                            (int) overhead, index, chunk.busy() ? PROCESS_HEAP_ENTRY_BUSY : 0, 0, 0, 0, 0));
                    }
                } else if (block.kind() != HeapBlock.Kind.INTERNAL) {
                    out.add(block(block, index));
                }
            }
            // A walk that broke at a damaged entry ends there, as HeapWalk's does; the ranges past it are not reached.
            while (r < ranges.size()
                && (segment.damagedEntry() == 0 || ranges.get(r).address() < segment.damagedEntry())) {
                out.add(range(ranges.get(r++), index));
            }
        }
        // Windows 10's large entries (1.11.15); Windows 7 adds DDESHARE and reports cbOverhead 8 * sizeof(void *).
        for (HeapBlock block : heap.virtualBlocks()) {
            out.add(new Entry(block.user(), block.requested(), 0, VIRTUAL_REGION_INDEX, PROCESS_HEAP_ENTRY_BUSY,
                0, 0, 0, 0));
        }
        return out;
    }

    private Entry block(HeapBlock block, int index) {
        long data = block.entry() + l.g;
        if (block.isBusy()) {
            // 1.11.14: the next block's data = lpData + cbData + cbOverhead + 2 pointers (one header). On x64 the
            // data may reach into the next header's first 8 bytes: Windows' value is unknown there, 0 here.
            long overhead = Math.max(0, block.size() - l.g - block.requested());
            return new Entry(data, block.requested(), (int) Math.min(overhead, 0xFF), index,
                PROCESS_HEAP_ENTRY_BUSY, 0, 0, 0, 0);
        }
        long bytes = block.size() - l.g;
        if (block.isLast()) {
            // 1.11.13: an uncommitted range starts at lpData + cbData + 2 * cbOverhead of the free block before it,
            // so the last free block of a committed range leaves two headers' worth out of cbData (Windows 10 ends
            // each committed range with entries of its own; this engine's last block runs to the end).
            bytes = Math.max(0, bytes - 2L * l.g);
        }
        return new Entry(data, bytes, l.g, index, 0, 0, 0, 0, 0);
    }

    private static Entry range(HeapSegmentInfo.UncommittedRange range, int index) {
        // The whole range, as Windows 7 reports it; Windows 10 leaves out a last page that this engine does not keep.
        return new Entry(range.address(), range.size(), 0, index, PROCESS_HEAP_UNCOMMITTED_RANGE, 0, 0, 0, 0);
    }

    /**
     * One HeapWalk call: reads the PROCESS_HEAP_ENTRY at `at`, writes the next entry over it. Returns 0, or the
     * error HeapWalk fails with: ERROR_NO_MORE_ITEMS after the last entry, ERROR_INVALID_PARAMETER when lpData is
     * not an entry of this heap (choice: Windows' result for a stale or foreign entry is undocumented).
     */
    int step(HeapInfo heap, List<LowFragmentationHeap.Chunk> chunks, long at) {
        long current = mem.readPtr(at) & l.arch.pointerMask();
        boolean region = (mem.readU16(at + wFlags) & PROCESS_HEAP_REGION) != 0;
        List<Entry> entries = entries(heap, chunks);
        int next = -1;
        if (current == 0) {
            next = 0;
        } else {
            for (int i = 0; i < entries.size() && next < 0; i++) {
                if (entries.get(i).data() == current && entries.get(i).isRegion() == region) {
                    next = i + 1;
                }
            }
            if (next < 0) {
                return HeapConstants.ERROR_INVALID_PARAMETER;
            }
        }
        if (next >= entries.size()) {
            return HeapConstants.ERROR_NO_MORE_ITEMS;
        }
        write(at, entries.get(next));
        return HeapConstants.ERROR_SUCCESS;
    }

    private void write(long at, Entry entry) {
        mem.writeBytes(at, new byte[size]);
        mem.writePtr(at, entry.data());
        mem.writeU32(at + cbData, entry.bytes() & 0xFFFF_FFFFL);
        mem.writeByte(at + cbOverhead, entry.overhead());
        mem.writeByte(at + iRegionIndex, entry.regionIndex());
        mem.writeU16(at + wFlags, entry.flags());
        if (entry.isRegion()) {
            mem.writeU32(at + union, entry.committed());
            mem.writeU32(at + union + 4, entry.uncommitted());
            mem.writePtr(at + union + 8, entry.firstBlock());
            mem.writePtr(at + union + 8 + l.p, entry.lastBlock());
        }
    }
}
