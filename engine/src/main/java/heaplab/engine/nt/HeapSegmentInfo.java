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
 * @param uncommitted      uncommitted ranges in address order, past a damaged entry too (from the pages' state)
 * @param damagedEntry     where the walk of the entries stopped at a header whose Size leads nowhere (0, or past
 *                         LastValidEntry, or into memory that cannot be read); 0 when it reached the segment's end
 */
public record HeapSegmentInfo(int index, long address, long base, long firstEntry, long lastValidEntry,
                              long numberOfPages, long uncommittedPages, List<HeapBlock> blocks,
                              List<UncommittedRange> uncommitted, long damagedEntry) {

    /** A segment whose walk reached its end. */
    public HeapSegmentInfo(int index, long address, long base, long firstEntry, long lastValidEntry,
                           long numberOfPages, long uncommittedPages, List<HeapBlock> blocks,
                           List<UncommittedRange> uncommitted) {
        this(index, address, base, firstEntry, lastValidEntry, numberOfPages, uncommittedPages, blocks, uncommitted,
            0);
    }

    /** A reserved but uncommitted run of pages inside a segment. */
    public record UncommittedRange(long address, long size) {
    }

    /**
     * Where the bytes past a damaged entry end: the first uncommitted range after it, else the segment's end (0 when
     * the walk reached the end).
     */
    public long damagedRunEnd() {
        if (damagedEntry == 0) {
            return 0;
        }
        for (UncommittedRange u : uncommitted) {
            if (u.address() > damagedEntry) {
                return u.address();
            }
        }
        return lastValidEntry;
    }

    public long committedBytes() {
        return (numberOfPages - uncommittedPages) * 0x1000L;
    }
}
