package heaplab.app.steps;

/**
 * A place on the timeline where a run stops by itself: after a step that faulted or whose expect failed.
 *
 * @param stepIndex the step (0-based); the run stops at position stepIndex + 1
 * @param fault     true for a fault (nothing can run after it), false for a failed expect
 */
public record TimelineStop(int stepIndex, boolean fault) {

    /** The position the run stops at. */
    public int position() {
        return stepIndex + 1;
    }
}
