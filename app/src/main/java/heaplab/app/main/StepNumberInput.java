package heaplab.app.main;

import java.util.OptionalInt;

/**
 * What the Go to step dialog accepts: a step number from 0 (the start, no step run) to the scenario's step count,
 * in decimal; going to step N runs steps 1..N, as clicking step N in the list does.
 */
public final class StepNumberInput {
    private StepNumberInput() {
    }

    /** The position typed, or empty when the text is not a step number of the scenario. */
    public static OptionalInt parse(String text, int stepCount) {
        return problem(text, stepCount) == null ? OptionalInt.of(Integer.parseInt(text.strip()))
            : OptionalInt.empty();
    }

    /** Why the text is not a step number, for the dialog to show; null when it is one. */
    public static String problem(String text, int stepCount) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "Type a step number from 0 to " + stepCount + ".";
        }
        if (!t.chars().allMatch(Character::isDigit) || t.length() > 9) {
            return "'" + t + "' is not a step number: type digits only, 0 to " + stepCount + ".";
        }
        int n = Integer.parseInt(t);
        if (n > stepCount) {
            return "Step " + n + " is past the end: the scenario has " + stepCount + " steps.";
        }
        return null;
    }

    /** The dialog's prompt. */
    public static String prompt(int current, int stepCount) {
        return "Go to step (0 = the start, " + stepCount + " = the end; now at " + current + "):";
    }
}
