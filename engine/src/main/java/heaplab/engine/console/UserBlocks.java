package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks programs own: every busy block of every heap, segment blocks and virtual-alloc blocks, but not the
 * heaps' own internal blocks (the _HEAP and _HEAP_SEGMENT structures). In a heap with the LFH, its structure and
 * UserBlocks are the heap's own too: each busy LFH chunk stands in their place as a block of its own (its header
 * as the entry, the chunk stride as the size, flags 0x01, the UserBlocks' segment). Listed in heap order, then in
 * each heap's walk order; {@link #indexOf} finds the block whose user bytes contain an address in O(log n).
 *
 * <p>A block's user bytes run from its user pointer to the end of the block, or to the end of the requested bytes
 * when those reach further (an x64 block may use the next header's PreviousBlockPrivateData).
 */
final class UserBlocks {

    /** One busy block, its heap and the segment it lies in (null for a virtual-alloc block). */
    record Entry(HeapInfo heap, HeapSegmentInfo segment, HeapBlock block) {
        long start() { return block.user(); }

        long end() { return Math.max(block.entry() + block.size(), block.user() + block.requested()); }
    }

    private final List<HeapInfo> heaps;
    private final List<Entry> entries;
    private final int[] byStart;
    private final long[] starts;

    private UserBlocks(List<HeapInfo> heaps, List<Entry> entries) {
        this.heaps = heaps;
        this.entries = entries;
        Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> entries.get(i).start()));
        this.byStart = new int[order.length];
        this.starts = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            byStart[i] = order[i];
            starts[i] = entries.get(order[i]).start();
        }
    }

    /** Decodes every heap of the process once. */
    static UserBlocks of(Process process) {
        List<HeapInfo> heaps = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (long handle : process.heaps().heapHandles()) {
            HeapInfo info = process.heaps().read(handle);
            heaps.add(info);
            Map<Long, List<LowFragmentationHeap.Chunk>> chunks = new HashMap<>();
            for (LowFragmentationHeap.Chunk chunk : process.heaps().lfh().chunks(handle)) {
                List<LowFragmentationHeap.Chunk> list =
                    chunks.computeIfAbsent(chunk.userBlocks(), k -> new ArrayList<>());
                if (chunk.busy()) {
                    list.add(chunk);
                }
            }
            long lfhStructure = process.heaps().lfh().structure(handle);
            for (HeapSegmentInfo segment : info.segments()) {
                for (HeapBlock block : segment.blocks()) {
                    List<LowFragmentationHeap.Chunk> inside = block.isBusy() ? chunks.get(block.user()) : null;
                    if (inside != null) {
                        for (LowFragmentationHeap.Chunk chunk : inside) {
                            entries.add(new Entry(info, segment, chunkBlock(process.arch(), chunk,
                                block.segmentIndex())));
                        }
                    } else if (isUserBlock(block) && !(block.isBusy() && block.user() == lfhStructure)) {
                        entries.add(new Entry(info, segment, block));
                    }
                }
            }
            for (HeapBlock block : info.virtualBlocks()) {
                if (isUserBlock(block)) {
                    entries.add(new Entry(info, null, block));
                }
            }
        }
        return new UserBlocks(heaps, entries);
    }

    /** An LFH chunk as a block: its header as the entry, its stride as the size, flags 0x01 when busy, else 0. */
    static HeapBlock chunkBlock(Arch arch, LowFragmentationHeap.Chunk chunk, int segmentIndex) {
        long unused = chunk.stride() - LowFragmentationHeap.CHUNK_HEADER - chunk.requested();
        return new HeapBlock(LowFragmentationHeap.entryOf(arch, chunk), chunk.user(), chunk.stride(), chunk.stride(),
            chunk.busy() ? HeapConstants.HEAP_ENTRY_BUSY : 0, (int) unused, chunk.requested(), segmentIndex,
            chunk.busy() ? HeapBlock.Kind.BUSY : HeapBlock.Kind.FREE);
    }

    static boolean isUserBlock(HeapBlock block) {
        return block.isBusy() && block.kind() != HeapBlock.Kind.INTERNAL;
    }

    /** The decoded heaps, in the PEB's order. */
    List<HeapInfo> heaps() { return heaps; }

    List<Entry> entries() { return entries; }

    /** The index (in {@link #entries()}) of the block whose user bytes contain the address, or -1. */
    int indexOf(long address) {
        int i = Arrays.binarySearch(starts, address);
        if (i < 0) {
            i = -i - 2;
        }
        if (i < 0) {
            return -1;
        }
        Entry entry = entries.get(byStart[i]);
        return address < entry.end() ? byStart[i] : -1;
    }
}
