package heaplab.app.steps;

/**
 * The heaps' totals after a position, summed over every NT heap (virtual-alloc blocks included; the heaps' own
 * _HEAP and segment headers are neither busy nor free), and the fragmentation of the most fragmented heap.
 *
 * @param position         steps run
 * @param busyBytes        bytes in busy blocks, headers included
 * @param freeBytes        bytes in free blocks
 * @param committedBytes   bytes of committed pages: the segments' committed pages plus the virtual-alloc blocks
 * @param largestFreeBytes the largest single free block
 * @param fragmentation    external fragmentation, 0 to 1, of the heap where it is highest: {@code 1 - largest free
 *                         block / free bytes} of that heap, the share of its free bytes that a single request could not
 *                         get at once. Per heap, as a request is served from one heap: summed over all heaps, an
 *                         untouched process heap's one big free block would read as fragmentation of the heap the
 *                         lesson uses.
 */
public record TimelinePoint(int position, long busyBytes, long freeBytes, long committedBytes,
                            long largestFreeBytes, double fragmentation) {

    /** A point of one heap: its fragmentation from its free bytes and its largest free block. */
    public TimelinePoint(int position, long busyBytes, long freeBytes, long committedBytes, long largestFreeBytes) {
        this(position, busyBytes, freeBytes, committedBytes, largestFreeBytes,
            fragmentation(freeBytes, largestFreeBytes));
    }

    /** A point with only the busy and free totals known. */
    public TimelinePoint(int position, long busyBytes, long freeBytes) {
        this(position, busyBytes, freeBytes, busyBytes + freeBytes, freeBytes);
    }

    /** {@code 1 - largest / free}: 0 with no free bytes, or when all of them are one block. */
    public static double fragmentation(long freeBytes, long largestFreeBytes) {
        return freeBytes == 0 ? 0 : 1 - (double) largestFreeBytes / freeBytes;
    }
}
