package heaplab.engine.inspect;

/** What a byte of a block is, by the layer that owns it (heap-facts.md 1.4, 1.8, 2, 3.2, 3.3, 4.1, 4.2). */
public enum ByteKind {
    /** A busy block's _HEAP_ENTRY (or a virtual block's _HEAP_VIRTUAL_ALLOC_ENTRY). */
    HEAP_ENTRY("_HEAP_ENTRY"),
    /** A free block's _HEAP_ENTRY. */
    FREE_ENTRY("free _HEAP_ENTRY"),
    /** The HEAP_ENTRY_EXTRA in the last granule of a block with EXTRA_PRESENT. */
    ENTRY_EXTRA("HEAP_ENTRY_EXTRA"),
    /** A free block's LIST_ENTRY (Flink, Blink). */
    FREE_LINKS("free-list links"),
    LFH_HEADER("LFH chunk header"),
    DPH_INFO("DPH_BLOCK_INFORMATION"),
    /** A page heap's own pages: its handle's page, its _DPH_HEAP_ROOT, its node pages. */
    DPH_ROOT("page heap's own structures"),
    CRT_HEADER("_CrtMemBlockHeader"),
    /** Bytes the program asked for (and wrote, or that hold no known fill). */
    DATA("user data"),
    /** A free block's or a free chunk's bytes beyond its links, with no fill to check. */
    FREE_DATA("free bytes"),
    /** Bytes of a busy block the program did not ask for (alignment, rounding). */
    SLACK("unused"),
    NO_MANS_LAND("no-man's land fd"),
    CLEAN_FILL("clean cd"),
    DEAD_FILL("dead dd"),
    TAIL_FILL("tail ab"),
    FREE_FILL("free fill feeefeee"),
    BUSY_FILL("fresh baadf00d"),
    /** A page heap block's fresh user data: 0xC0 (full) or 0xE0 (light). */
    PAGE_HEAP_FILL("page heap fill c0/e0"),
    /** The bytes after a page heap block's data: 0xD0 up to the guard page (full), 0xA0 (light). */
    PAGE_HEAP_SUFFIX("page heap suffix d0/a0"),
    /** A freed light page heap block's data: 0xF0. */
    PAGE_HEAP_FREED("page heap freed f0"),
    /** No readable memory: a guard page, decommitted or no-access pages (shown as ??). */
    UNREADABLE("guard / no access ??");

    private final String label;

    ByteKind(String label) {
        this.label = label;
    }

    /** A short name for legends and damage lines. */
    public String label() {
        return label;
    }
}
