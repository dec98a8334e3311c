package heaplab.app.heapmap;

import java.util.List;

/**
 * One heap of the map: a title, its segments, and its virtual-alloc blocks as one-block segments. The program's own
 * VirtualAlloc regions are drawn as one more such group ({@link Kind#PROGRAM}, address 0), a region per segment.
 */
public record MapHeap(long address, Kind kind, String title, List<MapSegment> segments,
                      List<MapSegment> virtualBlocks) {

    /** What the group is. */
    public enum Kind {
        /** An NT heap (with its LFH). */
        HEAP,
        /** A full page heap: each block on pages of its own. */
        PAGE_HEAP,
        /** The regions the program reserved with VirtualAlloc and the debugger with .dvalloc. */
        PROGRAM
    }

    /** An NT heap. */
    public MapHeap(long address, String title, List<MapSegment> segments, List<MapSegment> virtualBlocks) {
        this(address, Kind.HEAP, title, segments, virtualBlocks);
    }

    /** The same heap under another title. */
    public MapHeap withTitle(String newTitle) {
        return new MapHeap(address, kind, newTitle, segments, virtualBlocks);
    }
}
