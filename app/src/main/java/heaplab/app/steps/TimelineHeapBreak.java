package heaplab.app.steps;

/**
 * A place on the timeline where a run stops at a heap breakpoint ({@code !heap -b}): before a step that calls a heap
 * function the breakpoint watches; or at an address watch ({@code ba w4 Address}): after a step that changed the
 * watched bytes.
 *
 * @param position the position the run stops at: before step position + 1 (after step position)
 * @param what     what the step hits: {@code alloc}, {@code free Strings}, {@code address 00360688}; for a watch
 *                 {@code data breakpoint 0 (ba w4 00360688)}
 * @param watch    true for an address watch
 */
public record TimelineHeapBreak(int position, String what, boolean watch) {

    /** A heap breakpoint's stop. */
    public TimelineHeapBreak(int position, String what) {
        this(position, what, false);
    }
}
