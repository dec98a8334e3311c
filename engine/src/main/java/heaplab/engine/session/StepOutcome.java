package heaplab.engine.session;

/**
 * What happened when a step ran.
 *
 * @param index   0-based index of the step
 * @param status  how it ended
 * @param output  its text, without a final newline: the line of a `do` statement (`a = 0x00360688`, see
 *                {@link heaplab.engine.script.Statement}), a command's output, `expect failed at step 7: ...`, or the
 *                fault's message; lines the program sent to the debugger during the step come first, in the
 *                order a debugger shows them
 * @param touched the user address of the block the step allocated, freed or wrote (0 when none), for highlighting
 */
public record StepOutcome(int index, Status status, String output, long touched) {

    public enum Status {
        /** The step ran. */
        OK,
        /** An `expect` was false: the run stops here, stepping on is allowed. */
        EXPECT_FAILED,
        /** The simulated program faulted (access violation, corruption break): it cannot go on. */
        FAULT
    }
}
