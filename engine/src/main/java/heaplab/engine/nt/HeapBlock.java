package heaplab.engine.nt;

/**
 * One heap entry decoded from memory, as `!heap -a` lists it. Sizes are in bytes.
 *
 * @param entry         address of the _HEAP_ENTRY
 * @param user          address of the user data (entry + header size; for virtual blocks after the VA header)
 * @param size          block size in bytes, header included
 * @param previousSize  previous block's size in bytes
 * @param flags         HEAP_ENTRY_* flags byte
 * @param unusedBytes   UnusedBytes field (size minus requested bytes)
 * @param requested     bytes the caller asked for (busy blocks), 0 for free blocks
 * @param segmentIndex  SegmentOffset field (index into Heap->Segments), -1 for virtual blocks
 * @param kind          what the block is
 */
public record HeapBlock(long entry, long user, long size, long previousSize, int flags, int unusedBytes,
                        long requested, int segmentIndex, Kind kind) {

    /** What a block is, for colouring and for the flag words of `!heap -x`. */
    public enum Kind {
        /** The _HEAP or _HEAP_SEGMENT structure itself (a busy block owned by the heap). */
        INTERNAL,
        BUSY,
        FREE,
        /** A virtual-alloc block (above the virtual memory threshold). */
        VIRTUAL
    }

    public boolean isBusy() { return (flags & HeapConstants.HEAP_ENTRY_BUSY) != 0; }

    public boolean isLast() { return (flags & HeapConstants.HEAP_ENTRY_LAST_ENTRY) != 0; }

    public boolean contains(long address) { return address >= entry && address < entry + size; }

    /** The names of the bits set in a HEAP_ENTRY flags byte, as {@code !heap -a} words them: `busy last`, or `none`. */
    public static String flagNames(int flags) {
        String[] names = {"busy", "extra", "fill", "virtual", "last", "user_flag1", "user_flag2", "user_flag3"};
        StringBuilder set = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                set.append(set.isEmpty() ? "" : " ").append(names[bit]);
            }
        }
        return set.isEmpty() ? "none" : set.toString();
    }
}
