package heaplab.engine.nt;

import java.util.List;

/**
 * One FreeLists[n] head and the free blocks linked from it, read by following the LIST_ENTRY links in memory.
 *
 * @param index   n (0 for the sorted list of large blocks)
 * @param head    address of the LIST_ENTRY head inside _HEAP
 * @param flink   head's Flink
 * @param blink   head's Blink
 * @param entries the linked free blocks from Flink onward
 */
public record FreeListInfo(int index, long head, long flink, long blink, List<Entry> entries) {

    /**
     * One free block on a list.
     *
     * @param entry address of the block's _HEAP_ENTRY
     * @param size  size in bytes read from its header
     * @param flink its LIST_ENTRY Flink (points at the next block's LIST_ENTRY or at the head)
     * @param blink its LIST_ENTRY Blink
     * @param flags its flags byte
     */
    public record Entry(long entry, long size, long flink, long blink, int flags) {
    }
}
