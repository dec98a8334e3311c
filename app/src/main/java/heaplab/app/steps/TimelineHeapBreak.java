package heaplab.app.steps;

/**
 * A place on the timeline where a run stops at a heap breakpoint ({@code !heap -b}): before a step that calls a heap
 * function the breakpoint watches.
 *
 * @param position the position the run stops at: before step position + 1
 * @param what     what the step hits: {@code alloc}, {@code free Strings}, {@code address 00360688}
 */
public record TimelineHeapBreak(int position, String what) {
}
