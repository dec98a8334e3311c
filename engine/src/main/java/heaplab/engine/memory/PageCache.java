package heaplab.engine.memory;

import java.util.Arrays;

/**
 * A small translation cache for {@link AddressSpace}, like a CPU's TLB: page number to the page's bytes, one table
 * for reads and one for writes, direct-mapped. It holds no state of its own: every entry is a page array the region
 * table would give for that address, and the address space flushes the cache whenever what it would give can change
 * (a region or page is added, freed or reprotected, a snapshot makes pages copy-on-write, a restore).
 */
final class PageCache {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;
    private static final long NONE = -1;

    /** Tags are the page number with the flush epoch in the top 12 bits, so that a flush is a counter increment. */
    private long epoch;
    private final long[] readTags = new long[SIZE];
    private final byte[][] readPages = new byte[SIZE][];
    private final long[] writeTags = new long[SIZE];
    private final byte[][] writePages = new byte[SIZE][];

    PageCache() {
        flush();
    }

    /**
     * The slot of a page: a multiplicative hash, as heap segments start on 64 KB boundaries and their first pages
     * would share a few slots if indexed by the low bits of the page number.
     */
    static int slot(long page) {
        return (int) ((page * 0x9E37_79B9_7F4A_7C15L) >>> (64 - BITS));
    }

    /**
     * The last page read and the last page written, in front of the tables: a heap operation reads and writes a few
     * fields of one header after another, mostly in one page. They hold the page number without the epoch, which
     * saves a hit a load: a flush clears them, and so does the removal of their entries from the tables. They are
     * kept as slots, not as the page arrays: a hit changes no reference field, and so costs no write barrier of the
     * garbage collector (G1's is a fence and a card mark, on every switch between two pages).
     */
    private long lastReadPage = NONE;
    private int lastReadSlot;
    private long lastWritePage = NONE;
    private int lastWriteSlot;

    /** The bytes of the readable page holding the address, or null when not cached. */
    byte[] forRead(long address) {
        long page = address >>> 12;
        if (page == lastReadPage) {
            return readPages[lastReadSlot];
        }
        int slot = slot(page);
        if (readTags[slot] != (page | epoch)) {
            return null;
        }
        lastReadPage = page;
        lastReadSlot = slot;
        return readPages[slot];
    }

    /** The bytes of the writable page holding the address (already copied on write), or null when not cached. */
    byte[] forWrite(long address) {
        long page = address >>> 12;
        if (page == lastWritePage) {
            return writePages[lastWriteSlot];
        }
        int slot = slot(page);
        if (writeTags[slot] != (page | epoch)) {
            return null;
        }
        lastWritePage = page;
        lastWriteSlot = slot;
        return writePages[slot];
    }

    void putRead(long address, byte[] data) {
        long page = address >>> 12;
        int slot = slot(page);
        readTags[slot] = page | epoch;
        readPages[slot] = data;
        lastReadPage = page;
        lastReadSlot = slot;
    }

    /**
     * Caches a writable page. Its read entry is replaced as well: the write may just have copied the page, and the
     * old copy now belongs to a snapshot.
     */
    void putWrite(long address, byte[] data, boolean readable) {
        long page = address >>> 12;
        int slot = slot(page);
        writeTags[slot] = page | epoch;
        writePages[slot] = data;
        lastWritePage = page;
        lastWriteSlot = slot;
        if (lastReadSlot == slot) {
            lastReadPage = NONE; // its slot now holds this page, or nothing: the last read page may have been another
        }
        if (readable) {
            readTags[slot] = page | epoch;
            readPages[slot] = data;
        } else if (readTags[slot] == (page | epoch)) {
            readTags[slot] = NONE;
            readPages[slot] = null;
        }
    }

    /** The most pages {@link #invalidate} clears one by one; a longer range is a flush. */
    private static final long INVALIDATE_LIMIT = SIZE;

    /**
     * Forgets the pages of [start, end): what changed there (a release, a decommit, a new protection, pages now
     * shared) cannot touch the translation of any other page.
     */
    void invalidate(long start, long end) {
        long first = start >>> 12;
        long last = (end - 1) >>> 12;
        if (end <= start) {
            return;
        }
        if (last - first >= INVALIDATE_LIMIT) {
            flush();
            return;
        }
        if (lastReadPage >= first && lastReadPage <= last) {
            lastReadPage = NONE;
        }
        if (lastWritePage >= first && lastWritePage <= last) {
            lastWritePage = NONE;
        }
        for (long page = first; page <= last; page++) {
            int slot = slot(page);
            if (readTags[slot] == (page | epoch)) {
                readTags[slot] = NONE;
                readPages[slot] = null;
            }
            if (writeTags[slot] == (page | epoch)) {
                writeTags[slot] = NONE;
                writePages[slot] = null;
            }
        }
    }

    /** Forgets every entry: a new epoch, and a real clear when the 12-bit epoch wraps (page numbers use 52 bits). */
    void flush() {
        epoch += 1L << 52;
        lastReadPage = NONE;
        lastWritePage = NONE;
        if (epoch != 0) {
            return;
        }
        Arrays.fill(readTags, NONE);
        Arrays.fill(readPages, null);
        Arrays.fill(writeTags, NONE);
        Arrays.fill(writePages, null);
    }
}
