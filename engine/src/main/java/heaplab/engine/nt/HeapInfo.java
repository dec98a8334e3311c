package heaplab.engine.nt;

import java.util.List;

/**
 * A heap decoded from simulated memory: the fields of _HEAP, its segments, free lists and virtual blocks.
 * Everything here is read back from bytes; nothing is kept on the side.
 */
public record HeapInfo(long address, int index, long flags, long forceFlags, long segmentReserve,
                       long segmentCommit, long deCommitFreeBlockThreshold, long deCommitTotalFreeThreshold,
                       long totalFreeSize, long maximumAllocationSize, long virtualMemoryThreshold,
                       long[] freeListsInUse, List<HeapSegmentInfo> segments, List<FreeListInfo> freeLists,
                       List<HeapBlock> virtualBlocks) {

    /** Every block of every segment and every virtual block, in address order per segment. */
    public List<HeapBlock> allBlocks() {
        java.util.ArrayList<HeapBlock> all = new java.util.ArrayList<>();
        for (HeapSegmentInfo s : segments) {
            all.addAll(s.blocks());
        }
        all.addAll(virtualBlocks);
        return all;
    }

    /** The block containing the address, or null. */
    public HeapBlock blockAt(long address) {
        for (HeapBlock b : allBlocks()) {
            if (b.contains(address)) {
                return b;
            }
        }
        return null;
    }
}
