package heaplab.engine.nt;

import java.util.List;

/**
 * One heap segment decoded from memory.
 *
 * @param index            position in Heap->Segments
 * @param address          address of the _HEAP_SEGMENT structure
 * @param base             BaseAddress (reserved range start)
 * @param firstEntry       FirstEntry
 * @param lastValidEntry   LastValidEntry (end of the reserved range)
 * @param numberOfPages    NumberOfPages (reserved)
 * @param uncommittedPages NumberOfUnCommittedPages
 * @param blocks           entries in address order (committed parts only)
 * @param uncommitted      uncommitted ranges in address order
 */
public record HeapSegmentInfo(int index, long address, long base, long firstEntry, long lastValidEntry,
                              long numberOfPages, long uncommittedPages, List<HeapBlock> blocks,
                              List<UncommittedRange> uncommitted) {

    /** A reserved but uncommitted run of pages inside a segment. */
    public record UncommittedRange(long address, long size) {
    }

    public long committedBytes() {
        return (numberOfPages - uncommittedPages) * 0x1000L;
    }
}
