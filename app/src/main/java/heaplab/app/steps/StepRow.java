package heaplab.app.steps;

/**
 * One step as the list shows it.
 *
 * @param index      0-based
 * @param text       Step.display(): the statement, `0:000> cmd`, `expect ...`
 * @param say        the narration, "" when none
 * @param breakpoint running stops before this step (the scenario's `break` or the user's)
 * @param status     where the step stands relative to the position
 * @param output     what it printed when it ran ("" for a step not run, or one that printed nothing)
 * @param expanded   the output is shown in full (up to {@link StepsViewModel#OUTPUT_LINES} lines) rather than as
 *                   its first line: always for the current step, for others when the user opened them
 */
public record StepRow(int index, String text, String say, boolean breakpoint, Status status, String output,
                      boolean expanded) {

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

    /** True when the output has more than its first line: the row can be opened to show the rest. */
    public boolean canExpand() {
        return output.strip().indexOf('\n') >= 0;
    }

    /**
     * The output as the row shows it: expanded, its first lines (the console has the rest); otherwise its first line
     * and how many more there are.
     */
    public String outputPreview() {
        if (output.isBlank()) {
            return "";
        }
        if (expanded) {
            return StepsViewModel.firstLines(output);
        }
        String stripped = output.strip();
        int newline = stripped.indexOf('\n');
        if (newline < 0) {
            return stripped;
        }
        long more = stripped.chars().filter(c -> c == '\n').count();
        return stripped.substring(0, newline) + "   \u2026 (+" + more + " line" + (more == 1 ? "" : "s") + ")";
    }
}
