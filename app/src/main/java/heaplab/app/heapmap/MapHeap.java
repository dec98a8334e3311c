package heaplab.app.heapmap;

import java.util.List;

/** One heap of the map: a title, its segments, and its virtual-alloc blocks as one-block segments. */
public record MapHeap(long address, String title, List<MapSegment> segments, List<MapSegment> virtualBlocks) {

    /** The same heap under another title. */
    public MapHeap withTitle(String newTitle) {
        return new MapHeap(address, newTitle, segments, virtualBlocks);
    }
}
