package heaplab.app.steps;

/**
 * One step as the list shows it.
 *
 * @param index      0-based
 * @param text       Step.display(): the statement, `0:000> cmd`, `expect ...`
 * @param say        the narration, "" when none
 * @param breakpoint running stops before this step
 * @param status     where the step stands relative to the position
 * @param output     what it printed, shown for the current step only ("" otherwise)
 */
public record StepRow(int index, String text, String say, boolean breakpoint, Status status, String output) {

    public enum Status {
        /** Not run yet. */
        PENDING,
        /** Ran before the current step. */
        RAN,
        /** The last step that ran. */
        CURRENT,
        /** The last step that ran, and it faulted or its expect failed. */
        FAILED
    }

    public String number() {
        return Integer.toString(index + 1);
    }

    public boolean isCurrent() {
        return status == Status.CURRENT || status == Status.FAILED;
    }
}
