package heaplab.app.heapmap;

import heaplab.engine.process.HeapAnatomy;

import java.util.List;

/**
 * One heap block as the map, the tooltips and the inspector show it: the decoded header in bytes plus what the
 * view model worked out around it (the variables that point at it, a caption, its parts and damaged bytes).
 *
 * @param heap        the heap's handle
 * @param entry       address of the _HEAP_ENTRY (an LFH chunk's header, a page heap block's first data page)
 * @param user        address of the user data; user - entry is the header
 * @param size        block size in bytes, header included
 * @param previousSize previous block's size in bytes
 * @param flags       the HEAP_ENTRY_* flags byte
 * @param unusedBytes the UnusedBytes field
 * @param requested   the bytes the caller asked for (0 for free blocks)
 * @param segmentIndex the SegmentOffset field, -1 for virtual blocks
 * @param state       what the block is
 * @param caption     short text to draw inside it (`a`, `_HEAP`, ""), never null
 * @param crtData     for a debug CRT block: the address of its data (after _CrtMemBlockHeader), else 0
 * @param crtSize     for a debug CRT block: the data's size
 * @param anatomy     the block's parts (header, CRT header, no-man's land, data, tail fill, ...) and damaged bytes,
 *                    as the engine read them ({@link HeapAnatomy}); NONE when unknown
 */
public record MapBlock(long heap, long entry, long user, long size, long previousSize, int flags, int unusedBytes,
                       long requested, int segmentIndex, BlockState state, String caption, long crtData,
                       long crtSize, HeapAnatomy.Anatomy anatomy) {

    public MapBlock {
        anatomy = anatomy == null ? HeapAnatomy.Anatomy.NONE : anatomy;
    }

    /** A block whose parts were not read. */
    public MapBlock(long heap, long entry, long user, long size, long previousSize, int flags, int unusedBytes,
                    long requested, int segmentIndex, BlockState state, String caption, long crtData, long crtSize) {
        this(heap, entry, user, size, previousSize, flags, unusedBytes, requested, segmentIndex, state, caption,
            crtData, crtSize, HeapAnatomy.Anatomy.NONE);
    }

    /** A block that holds no debug CRT block. */
    public MapBlock(long heap, long entry, long user, long size, long previousSize, int flags, int unusedBytes,
                    long requested, int segmentIndex, BlockState state, String caption) {
        this(heap, entry, user, size, previousSize, flags, unusedBytes, requested, segmentIndex, state, caption, 0, 0);
    }

    /** The same block under another caption. */
    public MapBlock withCaption(String text) {
        return new MapBlock(heap, entry, user, size, previousSize, flags, unusedBytes, requested, segmentIndex, state,
            text, crtData, crtSize, anatomy);
    }

    public long headerSize() {
        return user - entry;
    }

    public long end() {
        return entry + size;
    }

    /**
     * The first byte the map draws for the block: its _HEAP_ENTRY, or where the engine's first part of it starts when
     * that is earlier (a virtual block's _HEAP_VIRTUAL_ALLOC_ENTRY, at the start of its region).
     */
    public long start() {
        long start = entry;
        for (HeapAnatomy.Part part : anatomy.parts()) {
            start = Math.min(start, part.start());
        }
        return start;
    }

    public boolean contains(long address) {
        return address >= start() && address < entry + size;
    }

    public List<HeapAnatomy.Part> parts() {
        return anatomy.parts();
    }

    public List<HeapAnatomy.Damage> damage() {
        return anatomy.damage();
    }

    /** True when some of the block's bytes no longer hold what their layer wrote. */
    public boolean isDamaged() {
        return !anatomy.damage().isEmpty();
    }
}
