package heaplab.app.heapmap;

import java.util.List;

/**
 * A heap segment (or a virtual-alloc block's own region, or a region of the program's) as the map lays it out: a
 * reserved range, the blocks in its committed part and its uncommitted ranges, in address order.
 *
 * @param label the region's short name in the address space overview, or "" to name it after its heap
 */
public record MapSegment(String title, long base, long end, List<MapBlock> blocks, List<MapRange> uncommitted,
                         String label) {

    /** A segment named after its heap in the overview. */
    public MapSegment(String title, long base, long end, List<MapBlock> blocks, List<MapRange> uncommitted) {
        this(title, base, end, blocks, uncommitted, "");
    }

    /** A reserved but uncommitted range. */
    public record MapRange(long address, long size) {
        public long end() {
            return address + size;
        }
    }
}
