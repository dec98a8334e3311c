package heaplab.engine.memory;

import java.util.Arrays;

/** One reservation (allocation base to end), its pages' commit state, protections and bytes. */
public final class Region {
    private final long base;
    private final long size;
    private final int allocationProtect;
    private final boolean[] committed;
    private final int[] protect;
    private final Page[] pages;

    Region(long base, long size, int allocationProtect) {
        this.base = base;
        this.size = size;
        this.allocationProtect = allocationProtect;
        int n = (int) (size / AddressSpace.PAGE_SIZE);
        this.committed = new boolean[n];
        this.protect = new int[n];
        this.pages = new Page[n];
    }

    private Region(Region other) {
        this.base = other.base;
        this.size = other.size;
        this.allocationProtect = other.allocationProtect;
        this.committed = other.committed.clone();
        this.protect = other.protect.clone();
        this.pages = other.pages.clone();
    }

    Region copy() {
        return new Region(this);
    }

    public long base() { return base; }

    public long size() { return size; }

    public long end() { return base + size; }

    public int allocationProtect() { return allocationProtect; }

    public int pageCount() { return committed.length; }

    private int index(long address) {
        return (int) ((address - base) >>> 12);
    }

    public boolean isCommitted(long address) {
        return committed[index(address)];
    }

    public int protectAt(long address) {
        return protect[index(address)];
    }

    /** Number of committed pages. */
    public int committedPages() {
        int n = 0;
        for (boolean c : committed) {
            if (c) {
                n++;
            }
        }
        return n;
    }

    void setProtect(long address, int value) {
        protect[index(address)] = value;
    }

    void commit(long start, long length, int prot, int generation) {
        for (long a = start; a < start + length; a += AddressSpace.PAGE_SIZE) {
            int i = index(a);
            if (!committed[i]) {
                committed[i] = true;
                pages[i] = ZERO_PAGE;
            }
            protect[i] = prot;
        }
    }

    void decommit(long start, long length) {
        for (long a = start; a < start + length; a += AddressSpace.PAGE_SIZE) {
            int i = index(a);
            committed[i] = false;
            protect[i] = 0;
            pages[i] = null;
        }
    }

    byte[] pageData(long address) {
        return pages[index(address)].data;
    }

    byte[] writablePageData(long address, int generation) {
        int i = index(address);
        Page p = pages[i];
        if (p.generation != generation) {
            p = new Page(Arrays.copyOf(p.data, p.data.length), generation);
            pages[i] = p;
        }
        return p.data;
    }

    /**
     * Makes the page at `address` share the bytes of `source`'s page at `sourceAddress`, copy-on-write for both (a
     * page copy without copying: realloc of a large block moves whole pages).
     */
    void sharePage(long address, Region source, long sourceAddress) {
        int s = source.index(sourceAddress);
        Page shared = source.pages[s].generation == SHARED ? source.pages[s] : new Page(source.pages[s].data, SHARED);
        source.pages[s] = shared;
        pages[index(address)] = shared;
    }

    /** The generation of pages that are never written in place: the zero page and pages two regions share. */
    private static final int SHARED = -1;
    /** What a freshly committed page reads as; its first write copies it (demand-zero, as Windows commits). */
    private static final Page ZERO_PAGE = new Page(new byte[AddressSpace.PAGE_SIZE], SHARED);

    private static final class Page {
        final byte[] data;
        final int generation;

        Page(byte[] data, int generation) {
            this.data = data;
            this.generation = generation;
        }
    }
}
