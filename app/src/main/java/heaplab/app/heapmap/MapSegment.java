package heaplab.app.heapmap;

import java.util.List;

/**
 * A heap segment (or a virtual-alloc block's own region) as the map lays it out: a reserved range, the blocks in
 * its committed part and its uncommitted ranges, in address order.
 */
public record MapSegment(String title, long base, long end, List<MapBlock> blocks, List<MapRange> uncommitted) {

    /** A reserved but uncommitted range. */
    public record MapRange(long address, long size) {
        public long end() {
            return address + size;
        }
    }
}
