package heaplab.app.freelists;

import heaplab.engine.Arch;
import heaplab.engine.diff.HeapDiff;

import java.util.List;
import java.util.Map;

/**
 * What the free-lists diagram draws, immutable: for each heap the 128-bit FreeListsInUse bitmap and the non-empty
 * lists with their entries, the link checks already made, then the LFH buckets in use with their UserBlocks; and
 * the blocks the Diff view found changed, to mark them.
 */
public record FreeListsModel(Arch arch, List<HeapFreeLists> heaps, long selected, String message,
                             Map<Long, HeapDiff.Kind> changes, ProcessLists process) {

    public static final FreeListsModel EMPTY = new FreeListsModel(Arch.X86, List.of(), 0, "No session.", Map.of());

    public FreeListsModel(Arch arch, List<HeapFreeLists> heaps, long selected, String message) {
        this(arch, heaps, selected, message, Map.of());
    }

    public FreeListsModel(Arch arch, List<HeapFreeLists> heaps, long selected, String message,
                          Map<Long, HeapDiff.Kind> changes) {
        this(arch, heaps, selected, message, changes, ProcessLists.NONE);
    }

    public FreeListsModel withSelected(long address) {
        return new FreeListsModel(arch, heaps, address, message, changes, process);
    }

    /** The lists that belong to the process rather than to one heap: the CRT's blocks, the page heaps' queues. */
    public record ProcessLists(List<CrtRow> crtBlocks, List<PageHeapRow> pageHeaps) {
        public static final ProcessLists NONE = new ProcessLists(List.of(), List.of());
    }

    /**
     * A block on the debug CRT's list (newest first).
     *
     * @param origin "file.c(12)", or "" without a file
     */
    public record CrtRow(long user, long size, int request, String type, String origin, boolean damaged) {
    }

    /**
     * A page heap's lists of freed blocks.
     *
     * @param delayed     light blocks in the delayed-free queue, oldest first (each 0xF0-filled, checked when it
     *                    leaves the queue)
     * @param freedFull   full-page blocks freed and made no-access
     */
    public record PageHeapRow(long handle, List<FreedBlock> delayed, List<FreedBlock> freedFull) {
    }

    /** A freed page-heap block: its user address and requested size. */
    public record FreedBlock(long user, long size) {
    }

    /** How the block whose user data starts at `user` changed since the Diff view's base step, or null. */
    public HeapDiff.Kind change(long user) {
        return changes.get(user);
    }

    /**
     * One heap's free lists.
     *
     * @param bits       bit n of FreeListsInUse, n = 0..127
     * @param mismatched bit n disagrees with whether FreeList[n] is empty (a corrupted or stale bitmap)
     * @param lists      the lists to show: non-empty ones and ones whose bit is set
     * @param note       how list indexes map to sizes on this architecture
     */
    public record HeapFreeLists(long heap, String title, boolean[] bits, boolean[] mismatched,
                                List<FreeListRow> lists, String note, List<LfhBucketRow> buckets) {
    }

    /**
     * An LFH bucket in use: its chunk size and its UserBlocks in list order.
     *
     * @param sizeClass "0x20 bytes (requests of 0x19 to 0x20)"
     */
    public record LfhBucketRow(int bucket, String sizeClass, List<UserBlocksBox> userBlocks) {
    }

    /**
     * One UserBlocks: a back-end busy block cut into equal chunks.
     *
     * @param busy       a flag per chunk, from the busy bitmap
     * @param chunkUsers each chunk's user address, to select it
     * @param active     the UserBlocks the bucket's next request takes a chunk from
     */
    public record UserBlocksBox(long address, long stride, int busyCount, boolean[] busy, long[] chunkUsers,
                                boolean active) {
    }

    /**
     * FreeList[index]: its head inside _HEAP and the free blocks linked from it.
     *
     * @param sizeClass "0x18 bytes", or "1024 bytes and more, sorted" for FreeList[0]
     */
    public record FreeListRow(int index, long head, long flink, long blink, String sizeClass,
                              List<FreeEntry> entries) {
    }

    /**
     * One free block on a list.
     *
     * @param flinkOk its Flink points at the next block's LIST_ENTRY (the head after the last)
     * @param blinkOk its Blink points at the previous block's LIST_ENTRY (the head before the first)
     */
    public record FreeEntry(long entry, long size, long flink, long blink, boolean flinkOk, boolean blinkOk) {
        public boolean contains(long address) {
            return address >= entry && address < entry + size;
        }
    }
}
