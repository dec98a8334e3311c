package heaplab.engine.console;

/**
 * The display commands' memory of where they stopped: a bare {@code db} continues after the last range shown, and a
 * bare {@code d} repeats the last display format. One per console (not static), as WinDbg keeps one per session.
 */
final class DisplayPosition {
    private Long next;
    private DisplayFormat lastFormat = DisplayFormat.BYTES;

    /** The address after the last displayed range, or null before the first display. */
    Long next() { return next; }

    DisplayFormat lastFormat() { return lastFormat; }

    void moveTo(long address, DisplayFormat format) {
        this.next = address;
        this.lastFormat = format;
    }
}
