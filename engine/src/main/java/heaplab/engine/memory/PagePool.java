package heaplab.engine.memory;

import java.util.Arrays;

/**
 * Byte arrays of decommitted and released pages that nothing else holds, for the next pages written for the first
 * time after a commit: a heap that decommits and commits again at every few calls (a free of a big block, then an
 * allocation in its place) would otherwise make a new 4 KB array at each, and the garbage collector would sweep
 * hundreds of megabytes a second. An array taken is zeroed, as a fresh commit reads.
 */
final class PagePool {
    /**
     * At most this many arrays are kept (4 MB); the rest are left to the garbage collector. random-bal gives back up
     * to 1,200 pages and takes as many in a replay: with 256 kept, a fifth of its fresh pages were new arrays.
     */
    private static final int CAPACITY = 1024;
    private final byte[][] arrays = new byte[CAPACITY][];
    private int count;

    /** A zeroed page array: a kept one, or a new one. */
    byte[] take() {
        byte[] data = takeForOverwrite();
        if (data == null) {
            return new byte[AddressSpace.PAGE_SIZE];
        }
        zero(data);
        return data;
    }

    private static final int LINE = 64;
    /** Past this many written lines, the rest of a page is zeroed whole: the page is being filled, not sparse. */
    private static final int SPARSE_LINES = 8;
    private static final byte[] ZEROS = new byte[AddressSpace.PAGE_SIZE];

    /**
     * Zeroes a recycled array by clearing the 64-byte lines that are not zero already: a heap writes a header or two
     * in most pages it decommits (random-bal's), and writing all 4 KB of an array the CPU's caches no longer hold costs
     * more than reading it. A page with more written lines is zeroed whole from the first line past them.
     */
    static void zero(byte[] data) {
        int from = 0;
        int written = 0;
        while (from < data.length) {
            int i = Arrays.mismatch(data, from, data.length, ZEROS, from, data.length);
            if (i < 0) {
                return;
            }
            int line = (from + i) & -LINE;
            if (++written > SPARSE_LINES) {
                System.arraycopy(ZEROS, line, data, line, data.length - line); // 20% faster than a fill in cold memory
                return;
            }
            Arrays.fill(data, line, line + LINE, (byte) 0);
            from = line + LINE;
        }
    }

    /** A kept array with its old bytes, for a caller that writes all of it; null when none is kept. */
    byte[] takeForOverwrite() {
        if (count == 0) {
            return null;
        }
        byte[] data = arrays[--count];
        arrays[count] = null;
        return data;
    }

    /** Keeps the array of a page that is gone and that no other page, snapshot or cache entry holds. */
    void give(byte[] data) {
        if (count < CAPACITY) {
            arrays[count++] = data;
        }
    }
}
