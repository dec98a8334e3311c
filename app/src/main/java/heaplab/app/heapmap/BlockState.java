package heaplab.app.heapmap;

import heaplab.engine.nt.HeapBlock;

/** What a stretch of a heap is, as the map colours it and the tooltips name it. */
public enum BlockState {
    /** The _HEAP or _HEAP_SEGMENT structure: a busy block the heap owns. */
    INTERNAL("heap header"),
    BUSY("busy"),
    FREE("free"),
    /** A block above the virtual-memory threshold, with its own VirtualAlloc region. */
    VIRTUAL("virtual alloc"),
    /** Reserved pages of a segment that hold no blocks yet. */
    UNCOMMITTED("uncommitted");

    private final String displayName;

    BlockState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static BlockState of(HeapBlock.Kind kind) {
        return switch (kind) {
            case INTERNAL -> INTERNAL;
            case BUSY -> BUSY;
            case FREE -> FREE;
            case VIRTUAL -> VIRTUAL;
        };
    }
}
