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
        Arrays.fill(data, (byte) 0);
        return data;
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
