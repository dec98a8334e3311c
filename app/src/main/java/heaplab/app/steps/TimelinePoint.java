package heaplab.app.steps;

/**
 * The heaps' totals after a position, summed over every NT heap (virtual-alloc blocks included; the heaps' own
 * _HEAP and segment headers are neither busy nor free).
 *
 * @param position         steps run
 * @param busyBytes        bytes in busy blocks, headers included
 * @param freeBytes        bytes in free blocks
 * @param committedBytes   bytes of committed pages: the segments' committed pages plus the virtual-alloc blocks
 * @param largestFreeBytes the largest single free block
 */
public record TimelinePoint(int position, long busyBytes, long freeBytes, long committedBytes,
                            long largestFreeBytes) {

    /** A point with only the busy and free totals known. */
    public TimelinePoint(int position, long busyBytes, long freeBytes) {
        this(position, busyBytes, freeBytes, busyBytes + freeBytes, freeBytes);
    }

    /**
     * External fragmentation, 0 to 1: {@code 1 - largest free block / free bytes}, the share of the free bytes that a
     * single request could not get at once. 0 with no free bytes, or when all of them are one block.
     */
    public double fragmentation() {
        return freeBytes == 0 ? 0 : 1 - (double) largestFreeBytes / freeBytes;
    }
}
