package heaplab.engine.console;

/**
 * What a console remembers between commands, as WinDbg keeps it per session: where the display commands stopped (a
 * bare {@code db} continues after the last range shown, a bare {@code d} repeats the last display format), and the
 * heap context that {@code !heap -i Heap} sets. One per console (not static).
 */
final class DisplayPosition {
    private Long next;
    private DisplayFormat lastFormat = DisplayFormat.BYTES;
    private Long heapContext;

    /** The address after the last displayed range, or null before the first display. */
    Long next() { return next; }

    DisplayFormat lastFormat() { return lastFormat; }

    void moveTo(long address, DisplayFormat format) {
        this.next = address;
        this.lastFormat = format;
    }

    /** The heap {@code !heap -i} decodes blocks against, or null until one is set. */
    Long heapContext() { return heapContext; }

    void setHeapContext(long heap) { this.heapContext = heap; }
}
