package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;

/** Reads and writes _HEAP_ENTRY fields and free-list links in simulated memory. Sizes here are in units. */
final class HeapEntries {
    private final AddressSpace mem;
    private final HeapLayout l;

    HeapEntries(AddressSpace mem, HeapLayout layout) {
        this.mem = mem;
        this.l = layout;
    }

    int size(long entry) { return mem.readU16(entry + l.entrySize); }

    int previousSize(long entry) { return mem.readU16(entry + l.entryPreviousSize); }

    int flags(long entry) { return mem.readByte(entry + l.entryFlags); }

    int segmentOffset(long entry) { return mem.readByte(entry + l.entrySegmentOffset); }

    int unusedBytes(long entry) { return mem.readByte(entry + l.entryUnusedBytes); }

    void setSize(long entry, int units) { mem.writeU16(entry + l.entrySize, units); }

    void setPreviousSize(long entry, int units) { mem.writeU16(entry + l.entryPreviousSize, units); }

    void setFlags(long entry, int flags) { mem.writeByte(entry + l.entryFlags, flags); }

    void setUnusedBytes(long entry, int unused) { mem.writeByte(entry + l.entryUnusedBytes, unused); }

    /**
     * Writes a whole header: Size, Flags, SmallTagIndex 0, PreviousSize, SegmentOffset, UnusedBytes. The six
     * fields are the 8 contiguous bytes at Size on both architectures (HeapLayout checks it), written at once;
     * they never cross a page, since a header is 8-byte aligned.
     */
    void write(long entry, int units, int flags, int previousUnits, int segmentIndex, int unused) {
        mem.writeU64(entry + l.entrySize, (units & 0xFFFFL) | (flags & 0xFFL) << 16 | (previousUnits & 0xFFFFL) << 32
            | (segmentIndex & 0xFFL) << 48 | (unused & 0xFFL) << 56);
    }

    /**
     * The 8 bytes of a header from Size to UnusedBytes, read at once; take the fields with the static getters. An
     * unreadable header faults at its Size, whichever field the caller wanted first (assumed: which byte of a header
     * Windows' code touches first is not documented, and the whole header lies in one page).
     */
    long header(long entry) { return mem.readU64(entry + l.entrySize); }

    /** Writes the 8 bytes of a header from Size to UnusedBytes at once (as {@link #header} reads them). */
    void writeHeader(long entry, long header) { mem.writeU64(entry + l.entrySize, header); }

    static int sizeOf(long header) { return (int) (header & 0xFFFF); }

    static int flagsOf(long header) { return (int) (header >>> 16) & 0xFF; }

    static int previousSizeOf(long header) { return (int) (header >>> 32) & 0xFFFF; }

    static int segmentOffsetOf(long header) { return (int) (header >>> 48) & 0xFF; }

    static int unusedBytesOf(long header) { return (int) (header >>> 56) & 0xFF; }

    long bytes(int units) { return (long) units << l.arch.shift(); }

    /** The LIST_ENTRY of a free block sits right after its header. */
    long links(long entry) { return entry + l.g; }

    long flink(long listEntry) { return mem.readPtr(listEntry); }

    long blink(long listEntry) { return mem.readPtr(listEntry + l.p); }

    void setFlink(long listEntry, long value) { mem.writePtr(listEntry, value); }

    void setBlink(long listEntry, long value) { mem.writePtr(listEntry + l.p, value); }

    /** Makes a LIST_ENTRY an empty list head (Flink = Blink = itself). */
    void initHead(long head) {
        setFlink(head, head);
        setBlink(head, head);
    }

    /** Inserts a LIST_ENTRY before another one (at the tail when `before` is the head). */
    void insertBefore(long before, long item) {
        long last = blink(before);
        setFlink(item, before);
        setBlink(item, last);
        setFlink(last, item);
        setBlink(before, item);
    }

    /** Unlinks a LIST_ENTRY; returns true when its list is now empty. */
    boolean unlink(long item) {
        long f = flink(item);
        long b = blink(item);
        setFlink(b, f);
        setBlink(f, b);
        return f == b;
    }
}
