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
    UNCOMMITTED("uncommitted"),
    /** The start of an LFH UserBlocks (its _HEAP_USERDATA_HEADER), or its bytes after the last chunk. */
    LFH_USER_BLOCKS("LFH UserBlocks"),
    /** A chunk of an LFH UserBlocks that holds an allocation. */
    LFH_BUSY("busy LFH chunk"),
    /** A chunk of an LFH UserBlocks waiting in its bitmap. */
    LFH_FREE("free LFH chunk"),
    /** The data pages of a full page heap block, on a virtual block of its own. */
    PAGE_HEAP("page heap block"),
    /** The PAGE_NOACCESS page after a full page heap block: any touch is an access violation. */
    GUARD("guard page"),
    /** Committed pages of a region the program reserved with VirtualAlloc (or the debugger with .dvalloc). */
    PAGES("committed pages"),
    /**
     * From a header whose Size leads nowhere to the end of its committed run: the heap's walk stops at it (as
     * !heap -a's does), so the bytes after it belong to no block the heap can find.
     */
    DAMAGED("damaged");

    private final String displayName;

    BlockState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** True for the states of blocks that hold a program's allocation (busy, virtual, LFH busy, page heap). */
    public boolean holdsData() {
        return this == BUSY || this == VIRTUAL || this == LFH_BUSY || this == PAGE_HEAP;
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
