package heaplab.app.steps;

/**
 * The heaps' totals after a position: bytes in busy blocks (virtual ones included, the heaps' own headers not)
 * and bytes in free blocks.
 */
public record TimelinePoint(int position, long busyBytes, long freeBytes) {
}
